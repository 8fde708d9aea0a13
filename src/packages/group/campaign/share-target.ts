// The campaign as a share target (share codes, posters, visits) and a poster code read back.
import type { ShareTarget } from '@core/contracts';

export function campaignTarget(campaignId: string): ShareTarget {
  return { kind: 'campaign', campaignId };
}

/** The campaign a resolved share code names, if it names one. */
export function campaignIdOf(target: ShareTarget): string | null {
  return target.kind === 'campaign' ? target.campaignId : null;
}
