// The buyer's live page rules that need no page: when a pulse makes the page load the show again,
// how the pulse's counters land in the loaded show, and how the start time reads.
import type { LiveItemView, LivePulse, LiveShowPublic } from '@core/contracts';
import { applyPulse, pulseNeedsReload } from '../../src/packages/live/show/follow';
import { startText } from '../../src/packages/live/show/start-text';
import { shanghaiDateToMs } from '@core/dates';

const item = (id: string, change: Partial<LiveItemView> = {}): LiveItemView => ({
  id,
  productId: `p-${id}`,
  skuId: 's',
  name: id,
  spec: '',
  unit: '支',
  image: '',
  priceLi: 128_000,
  livePriceLi: 98_000,
  livePriceOn: true,
  limitPerBuyer: null,
  left: 30,
  sold: 0,
  ...change,
});

const show = (change: Partial<LiveShowPublic> = {}): LiveShowPublic => ({
  id: 'show1',
  shopId: 'shop',
  title: '林下参专场',
  state: 'live',
  startAt: 0,
  liveAt: 0,
  endedAt: null,
  finderUserName: 'sph1',
  pinnedItemId: 'i1',
  items: [item('i1'), item('i2', { left: null })],
  ...change,
});

const pulse = (change: Partial<LivePulse> = {}): LivePulse => ({
  state: 'live',
  pinnedItemId: 'i1',
  version: 3,
  counters: [
    { id: 'i1', sold: 0, left: null, livePriceOn: true },
    { id: 'i2', sold: 0, left: null, livePriceOn: true },
  ],
  ...change,
});

describe('following the pin', () => {
  it('loads the show again when the version moved since it was loaded', () => {
    expect(pulseNeedsReload(show(), 3, pulse({ version: 4 }))).toBe(true);
    expect(pulseNeedsReload(show(), 3, pulse())).toBe(false);
  });

  it('loads the show again when the first pulse shows another pin or state than the show loaded', () => {
    expect(pulseNeedsReload(show(), null, pulse({ pinnedItemId: 'i2' }))).toBe(true);
    expect(pulseNeedsReload(show(), null, pulse({ state: 'ended', pinnedItemId: null }))).toBe(true);
    expect(pulseNeedsReload(show(), null, pulse())).toBe(false);
  });

  it('takes sold and live price on from the pulse, and counts what is left down by what sold since', () => {
    const next = applyPulse(show(), pulse({ counters: [{ id: 'i1', sold: 4, left: null, livePriceOn: false }, { id: 'i2', sold: 1, left: null, livePriceOn: true }] }));
    expect(next.items[0]).toMatchObject({ sold: 4, left: 26, livePriceOn: false });
    expect(next.items[1]).toMatchObject({ sold: 1, left: null });
  });

  it('takes the smaller of the show cap left and the shelf left', () => {
    const next = applyPulse(show(), pulse({ counters: [{ id: 'i1', sold: 2, left: 3, livePriceOn: true }, { id: 'i2', sold: 0, left: 7, livePriceOn: true }] }));
    expect(next.items.map((one) => one.left)).toEqual([3, 7]);
  });

  it('keeps the same show when nothing moved, so the page does not render again', () => {
    const loaded = show();
    expect(applyPulse(loaded, pulse())).toBe(loaded);
  });
});

describe('the start time', () => {
  const day = shanghaiDateToMs('2026-12-02');
  const at = (hours: number, minutes = 0) => day + hours * 3_600_000 + minutes * 60_000;

  it('says 今晚 for a show this evening in Shanghai', () => {
    expect(startText(at(20), at(9))).toBe('今晚 20:00 开播');
  });

  it('says 今天 for a show earlier today, 明天 for tomorrow, and the date further on', () => {
    expect(startText(at(14, 30), at(9))).toBe('今天 14:30 开播');
    expect(startText(at(24 + 20), at(9))).toBe('明天 20:00 开播');
    expect(startText(at(24 * 10 + 8), at(9))).toBe('12月12日 08:00 开播');
  });
});
