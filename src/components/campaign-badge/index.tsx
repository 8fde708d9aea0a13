import { Text } from '@tarojs/components';
import type { CampaignState } from '@core/contracts';
import { CAMPAIGN_STATE_NAMES } from '@core/campaigns';
import './index.css';

/** A campaign's state as a pill, "跟团中" in the shop's green, "未开团" in orange, the rest grey. */
export function CampaignBadge({ state }: { state: CampaignState }) {
  return <Text className={`campaign-badge is-${state}`}>{CAMPAIGN_STATE_NAMES[state]}</Text>;
}
