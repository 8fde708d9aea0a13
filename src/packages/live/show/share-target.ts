// The show as a share target (share codes, posters, visits) and a poster code read back.
import type { ShareTarget } from '@core/contracts';

export function liveTarget(showId: string, itemId?: string): ShareTarget {
  return { kind: 'live', showId, ...(itemId ? { itemId } : {}) };
}

/** The show (and item) a resolved share code names, if it names one. */
export function liveOf(target: ShareTarget): { showId: string; itemId?: string } | null {
  return target.kind === 'live' ? { showId: target.showId, ...(target.itemId ? { itemId: target.itemId } : {}) } : null;
}
