import { groupText, sharePath } from '@core/share';
import { shipNote } from '@core/ship';
import type { ProductDoc } from '@core/model';

const NOW = Date.UTC(2026, 10, 22, 4, 0); // 2026-11-22 12:00 in Shanghai

function product(overrides: Partial<ProductDoc>): ProductDoc {
  return {
    _id: 'p',
    shopId: 's',
    name: '商品',
    unit: '斤',
    description: '',
    images: [],
    skus: [{ id: 'a', spec: '', priceLi: 58_000, stock: 5, tiers: [], minQty: 1, stepQty: 1 }],
    ship: { kind: 'days', days: 2 },
    perishable: null,
    status: 'on_sale',
    sort: 1,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

describe('sharing texts', () => {
  it('writes one plain line per product with price, unit, bulk price and when it ships', () => {
    const text = groupText({
      shopName: '老张山货铺',
      path: '/pages/index/index?shopId=demo-shop&ref=abc',
      now: NOW,
      products: [
        product({ name: '酉阳柴火烟熏腊肉', skus: [{ id: 'a', spec: '五花', priceLi: 58_000, stock: 1, tiers: [], minQty: 1, stepQty: 1 }, { id: 'b', spec: '后腿', priceLi: 52_000, stock: 1, tiers: [], minQty: 1, stepQty: 1 }] }),
        product({ name: '义乌尼龙拉链', unit: '条', skus: [{ id: 'z', spec: '3号', priceLi: 70, stock: 9, tiers: [{ minQty: 1000, priceLi: 65 }], minQty: 100, stepQty: 100 }] }),
        product({ name: '大兴安岭野生榛蘑', ship: { kind: 'presale', shipAt: Date.UTC(2026, 11, 5, 16) } }),
      ],
    });
    expect(text.split('\n')).toEqual([
      '【老张山货铺】好货上新',
      '1. 酉阳柴火烟熏腊肉 ¥52.00/斤起，现货 2天内发货',
      '2. 义乌尼龙拉链 ¥0.07/条，1000条起 ¥0.065/条，100条起卖，现货 2天内发货',
      '3. 大兴安岭野生榛蘑 ¥58.00/斤，预售 12月6日发货',
      '下单：点群里的小程序卡片，或在微信里搜小程序打开本店。',
      '小程序路径：/pages/index/index?shopId=demo-shop&ref=abc',
    ]);
  });

  it('says a sold-out product is sold out instead of when it ships', () => {
    const text = groupText({ shopName: '店', path: '/p', now: NOW, products: [product({ name: '黑老虎', status: 'sold_out' })] });
    expect(text).toContain('1. 黑老虎 ¥58.00/斤，已售完');
  });

  it('builds share paths that carry the share code as ref', () => {
    expect(sharePath('demo-shop', { kind: 'shop' }, 'k3x')).toBe('/pages/index/index?shopId=demo-shop&ref=k3x');
    expect(sharePath('demo-shop', { kind: 'product', productId: 'larou' }, 'k3x')).toBe('/pages/product/index?productId=larou&ref=k3x');
  });

  it('shows pre-sale dates in Shanghai time, with the year only when it is another year', () => {
    // 2026-12-05 16:00 UTC is already 12月6日 in Shanghai.
    expect(shipNote({ kind: 'presale', shipAt: Date.UTC(2026, 11, 5, 16) }, NOW)).toBe('预售 12月6日发货');
    expect(shipNote({ kind: 'presale', shipAt: Date.UTC(2027, 0, 10, 2) }, NOW)).toBe('预售 2027年1月10日发货');
    expect(shipNote({ kind: 'days', days: 0 }, NOW)).toBe('现货 当天发货');
  });
});
