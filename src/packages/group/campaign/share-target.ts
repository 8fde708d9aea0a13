// The campaign as a share target (share codes, posters, visits) and a poster code read back.
import type { ShareTarget } from '@core/contracts';

// The share contract names campaigns as a target kind of their own.
type CampaignTarget = { kind: 'campaign'; campaignId: string };

export function campaignTarget(campaignId: string): ShareTarget {
  const target: CampaignTarget = { kind: 'campaign', campaignId };
  return target as unknown as ShareTarget;
}

/** The campaign a resolved share code names, if it names one. */
export function campaignIdOf(target: ShareTarget): string | null {
  const named = target as unknown as Partial<CampaignTarget> & { kind: string };
  return named.kind === 'campaign' && typeof named.campaignId === 'string' ? named.campaignId : null;
}
