// A campaign order's price difference after 截团, as its buyer or its vendor reads it: the amounts
// and states are the same, only who is told to act differs ("等店主退给你" / "待你退给买家").
import type { DifferenceView } from '@core/contracts';
import { formatFen } from '@core/money';

type Reader = 'buyer' | 'vendor';

/** The words for a difference still owed, by who reads them. */
const OWED: Record<Reader, { due: string; waiting: string }> = {
  buyer: { due: '等店主退给你', waiting: '店主确认收款后退回' },
  vendor: { due: '待你退给买家', waiting: '确认收款后再退' },
};

/** One plain line, "已退差价 ¥7.50", or null when nothing is owed (no difference, or the final price is what they paid). */
export function differenceText(difference: DifferenceView | null, reader: Reader): string | null {
  if (!difference || difference.differenceFen === 0) return null;
  const amount = formatFen(difference.differenceFen);
  switch (difference.status) {
    case 'done':
      return `已退差价 ${formatFen(difference.refundedFen || difference.differenceFen)}`;
    case 'processing':
      return `差价 ${amount} 正在退回微信`;
    case 'due':
    case 'waiting':
      return `差价 ${amount} ${OWED[reader][difference.status]}`;
    default:
      return null;
  }
}
