import { fromPriceLi, isSoldOut, isVisibleToBuyers, toProductCard } from '@core/catalog';
import type { ProductDoc } from '@core/model';

const product: ProductDoc = {
  _id: 'p1',
  shopId: 's1',
  name: '手工腊肠',
  unit: '斤',
  description: '',
  images: ['/a.svg', '/b.svg'],
  skus: [
    { id: 'mala', spec: '麻辣', priceLi: 56_000, stock: 3, tiers: [], minQty: 1, stepQty: 1 },
    { id: 'guangwei', spec: '广味', priceLi: 52_000, stock: 0, tiers: [], minQty: 1, stepQty: 1 },
  ],
  ship: { kind: 'days', days: 2 },
  perishable: null,
  status: 'on_sale',
  sort: 1,
  createdAt: 0,
  updatedAt: 0,
};

describe('catalog rules', () => {
  it('shows the cheapest SKU as the "from" price even when that SKU is out of stock', () => {
    expect(fromPriceLi(product)).toBe(52_000);
  });

  it('calls a product sold out only when no SKU has stock or the vendor said so', () => {
    expect(isSoldOut(product)).toBe(false);
    expect(isSoldOut({ ...product, skus: product.skus.map((sku) => ({ ...sku, stock: 0 })) })).toBe(true);
    expect(isSoldOut({ ...product, status: 'sold_out' })).toBe(true);
  });

  it('hides drafts and goods off the shelf from buyers', () => {
    expect(isVisibleToBuyers(product)).toBe(true);
    expect(isVisibleToBuyers({ status: 'sold_out' })).toBe(true);
    expect(isVisibleToBuyers({ status: 'draft' })).toBe(false);
    expect(isVisibleToBuyers({ status: 'off_shelf' })).toBe(false);
  });

  it('builds a card with the first image and no stored-only fields', () => {
    const card = toProductCard(product);
    expect(card).toEqual({ id: 'p1', name: '手工腊肠', unit: '斤', image: '/a.svg', fromPriceLi: 52_000, ship: product.ship, soldOut: false });
  });
});
