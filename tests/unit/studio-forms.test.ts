// The live studio's pure parts: the show editor's form as the server takes it, and the dashboard's
// per-minute bars.
import type { LiveShowVendorView, VendorProductRow } from '@core/contracts';
import { barsOf } from '../../src/packages/studio/dashboard/bars';
import { emptyForm, fromForm, newItem, toForm, type LiveShowForm } from '../../src/packages/studio/edit/form';

const GINSENG: VendorProductRow = {
  id: 'linxiashen',
  name: '长白山林下参',
  unit: '支',
  image: '',
  status: 'on_sale',
  fromPriceLi: 128_000,
  totalStock: 40,
  skus: [
    { id: '8y', spec: '8年', stock: 30 },
    { id: '15y', spec: '15年', stock: 10 },
  ],
  updatedAt: 0,
};

// 2026-12-02 10:00 in Shanghai.
const MORNING = Date.UTC(2026, 11, 2, 2, 0);

function formWith(change: Partial<LiveShowForm>): LiveShowForm {
  return { ...emptyForm(MORNING), title: '长白山林下参专场', ...change };
}

describe('the live show editor form', () => {
  it('starts a new show tonight at 20:00, or tomorrow night when tonight is under an hour away', () => {
    expect(emptyForm(MORNING)).toMatchObject({ startDate: '2026-12-02', startTime: '20:00' });
    expect(emptyForm(Date.UTC(2026, 11, 2, 11, 30))).toMatchObject({ startDate: '2026-12-03', startTime: '20:00' });
  });

  it('adds a product one spec at a time, and no spec twice', () => {
    const first = newItem(GINSENG, []);
    expect(first).toMatchObject({ productId: 'linxiashen', skuId: '8y', price: '128' });
    const second = newItem(GINSENG, first ? [first] : []);
    expect(second).toMatchObject({ skuId: '15y' });
    expect(newItem(GINSENG, [first, second].filter((item) => item !== null))).toBeNull();
  });

  it('sends the live price in 厘, empty limits as none and the start in Shanghai time', () => {
    const item = { ...newItem(GINSENG, [])!, price: '98.5', limit: '2', cap: '' };
    const parsed = fromForm(formWith({ items: [item], streamerOpenIds: ['demo-streamer-afeng'] }));
    expect(parsed).toEqual({
      show: {
        title: '长白山林下参专场',
        startAt: Date.UTC(2026, 11, 2, 12, 0),
        streamerOpenIds: ['demo-streamer-afeng'],
        items: [{ productId: 'linxiashen', skuId: '8y', livePriceLi: 98_500, limitPerBuyer: 2, stockCap: null }],
      },
    });
  });

  it('names each field that is not a price or a whole number, under the server’s paths', () => {
    const item = { ...newItem(GINSENG, [])!, price: '', limit: '1.5', cap: '0' };
    expect(fromForm(formWith({ title: ' ', items: [item] }))).toEqual({
      errors: {
        title: expect.any(String),
        'items.0.livePriceLi': '请填写直播价，比如 30 或 9.9',
        'items.0.limitPerBuyer': expect.any(String),
        'items.0.stockCap': expect.any(String),
      },
    });
    expect(fromForm(formWith({ items: [] }))).toEqual({ errors: { items: '请至少放一件商品' } });
  });

  it('reads a saved show back as it was typed', () => {
    const show = {
      title: '专场',
      startAt: Date.UTC(2026, 11, 2, 12, 0),
      streamers: [{ openid: 'demo-streamer-afeng', name: '阿凤' }],
      items: [{ productId: 'linxiashen', skuId: '8y', livePriceLi: 98_000, limitPerBuyer: 2, stockCap: 20 }],
    } as unknown as LiveShowVendorView;
    expect(toForm(show)).toMatchObject({ startDate: '2026-12-02', startTime: '20:00', streamerOpenIds: ['demo-streamer-afeng'], items: [{ price: '98', limit: '2', cap: '20' }] });
  });
});

describe('the per-minute chart', () => {
  const minute = (index: number) => ({ at: index * 60_000, label: `20:${String(index).padStart(2, '0')}`, orders: 1, amountFen: 100 });

  it('draws one bar a minute for a short show', () => {
    expect(barsOf([minute(0), minute(1)])).toEqual([
      { label: '20:00', orders: 1, amountFen: 100 },
      { label: '20:01', orders: 1, amountFen: 100 },
    ]);
  });

  it('adds minutes up into at most 30 bars for a long one, keeping every order', () => {
    const bars = barsOf(Array.from({ length: 90 }, (_, index) => minute(index)));
    expect(bars).toHaveLength(30);
    expect(bars[1]).toEqual({ label: '20:03', orders: 3, amountFen: 300 });
    expect(bars.reduce((sum, bar) => sum + bar.orders, 0)).toBe(90);
  });
});
