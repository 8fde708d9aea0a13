// Attribution of a buyer page's open: which share code and scene brought the visitor, and from
// which group. Fire and forget: a visit that is not recorded must never bother the buyer.
import { call } from '../api/call';
import { groupCloudId } from '../api/open-data';
import { shareContract, type ShareTarget } from '@core/contracts';
import type { Entry } from './entry';

export function recordVisit(shopId: string, target: ShareTarget, entry: Entry): void {
  void (async () => {
    try {
      const cloudId = await groupCloudId(entry.shareTicket);
      const ref = entry.ref && entry.ref.length <= 32 ? entry.ref : undefined;
      await call(shareContract, 'recordVisit', { shopId, target, scene: entry.scene, ...(ref ? { ref } : {}), ...(cloudId ? { groupCloudId: cloudId } : {}) });
    } catch {
      // ignored on purpose
    }
  })();
}
