// Following the streamer's pin: what a pulse (live.pulse) changes on the loaded show. A new pin, a
// price switch, 开播 or 下播 moves the show's version: the page loads the show again. Between
// those, the pulse's counters (sold, left, live price on) are written into the loaded show.
import type { LivePulse, LiveShowPublic } from '@core/contracts';

/** The show must be loaded again: its version moved since it was loaded, or its pin or state differ. */
export function pulseNeedsReload(show: LiveShowPublic, loadedVersion: number | null, pulse: LivePulse): boolean {
  if (loadedVersion !== null && pulse.version !== loadedVersion) return true;
  return pulse.state !== show.state || pulse.pinnedItemId !== show.pinnedItemId;
}

/**
 * The pulse's counters in the loaded show. The pulse knows the show's own cap, not the shelf's
 * stock, so what is left is the smaller of its figure and the loaded one less what sold since.
 */
export function applyPulse(show: LiveShowPublic, pulse: LivePulse): LiveShowPublic {
  const counters = new Map(pulse.counters.map((counter) => [counter.id, counter]));
  let changed = false;
  const items = show.items.map((item) => {
    const counter = counters.get(item.id);
    if (!counter) return item;
    const soldSince = Math.max(0, counter.sold - item.sold);
    const shelfLeft = item.left === null ? null : Math.max(0, item.left - soldSince);
    const left = counter.left === null ? shelfLeft : shelfLeft === null ? counter.left : Math.min(counter.left, shelfLeft);
    if (counter.sold === item.sold && left === item.left && counter.livePriceOn === item.livePriceOn) return item;
    changed = true;
    return { ...item, sold: counter.sold, left, livePriceOn: counter.livePriceOn };
  });
  return changed ? { ...show, items } : show;
}
