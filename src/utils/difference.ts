// A campaign order's price difference after 截团, as its buyer reads it: "已退差价 ¥7.50".
import type { DifferenceView } from '@core/contracts';
import { formatFen } from '@core/money';

/** One plain line, or null when nothing is owed (no difference, or the final price is what they paid). */
export function differenceText(difference: DifferenceView | null): string | null {
  if (!difference || difference.differenceFen === 0) return null;
  const amount = formatFen(difference.differenceFen);
  switch (difference.status) {
    case 'done':
      return `已退差价 ${formatFen(difference.refundedFen || difference.differenceFen)}`;
    case 'processing':
      return `差价 ${amount} 正在退回微信`;
    case 'due':
      return `差价 ${amount} 等店主退给你`;
    case 'waiting':
      return `差价 ${amount} 店主确认收款后退回`;
    default:
      return null;
  }
}
