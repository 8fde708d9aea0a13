// One table of names for everything about an order, one way to label a line: checkout messages,
// order pages and lists, subscribe messages and WeChat Pay's bill all say the same words.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { priceOrder, type CheckoutShop, type PricingProduct } from '@core/checkout';
import { FulfilmentKind, OrderState, PaymentMode, ActorRole } from '@core/contracts/orders';
import { eventName, lineLabel, ORDER_NAMES } from '@core/order-names';
import { EVENT_ACTORS } from '@core/orders';
import { defaultShopSettings } from '@core/shops';

const ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const shop = (): CheckoutShop => {
  const settings = defaultShopSettings('老张山货铺');
  return { _id: 'demo-shop', fulfilment: settings.fulfilment, payment: { ...settings.payment, offline: { ...settings.payment.offline, enabled: false } } };
};
const larou: PricingProduct = {
  _id: 'larou',
  shopId: 'demo-shop',
  name: '酉阳柴火烟熏腊肉',
  unit: '斤',
  images: [],
  status: 'on_sale',
  skus: [{ id: 'wuhua', spec: '五花', priceLi: 58_000, stock: 1, tiers: [], minQty: 1, stepQty: 1 }],
};

describe('order names', () => {
  it('names every state, fulfilment kind, payment mode, history event and actor, each state differently', () => {
    expect(Object.keys(ORDER_NAMES.state).sort()).toEqual([...OrderState.options].sort());
    expect(new Set(Object.values(ORDER_NAMES.state)).size).toBe(OrderState.options.length);
    expect(Object.keys(ORDER_NAMES.fulfilment).sort()).toEqual([...FulfilmentKind.options].sort());
    expect(Object.keys(ORDER_NAMES.payment).sort()).toEqual([...PaymentMode.options].sort());
    expect(Object.keys(ORDER_NAMES.actor).sort()).toEqual([...ActorRole.options].sort());
    for (const event of ['placed', ...Object.keys(EVENT_ACTORS)]) expect(eventName(event)).not.toBe(event);
    // A history written by a newer version of the functions still shows.
    expect(eventName('group_joined')).toBe('group_joined');
  });

  it('labels a line “name（spec）”, or by its name alone when it has one unnamed spec', () => {
    expect(lineLabel({ name: '酉阳柴火烟熏腊肉', spec: '五花' })).toBe('酉阳柴火烟熏腊肉（五花）');
    expect(lineLabel({ name: '渣海椒', spec: '' })).toBe('渣海椒');
  });

  it('tells a buyer at checkout which fulfilment and payment are not offered by the names the order pages use', () => {
    const result = priceOrder({ shop: shop(), lines: [{ product: larou, productId: 'larou', skuId: 'wuhua', quantity: 2 }], fulfilment: { kind: 'pickup', pointId: 'town' }, payment: 'offline' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.message)).toEqual([
      '“酉阳柴火烟熏腊肉（五花）”只剩1斤了',
      `这家店暂不提供${ORDER_NAMES.fulfilment.pickup}，请换一种收货方式`,
      `这家店暂不支持${ORDER_NAMES.payment.offline}，请换一种付款方式`,
    ]);
    expect(ORDER_NAMES.fulfilment.pickup).toBe('到店自提');
    expect(ORDER_NAMES.payment.offline).toBe('转账给店主');
  });

  it('keeps no second copy of the names, the line label or the paid states anywhere in the app or the functions', () => {
    const copies = [
      // a "name（spec）" label built by hand
      /（\$\{[^}]*spec\}/,
      // a map of names keyed by order state, fulfilment kind or payment mode
      /Record<\s*(OrderState|FulfilmentKind|PaymentMode|OrderView\['state'\]|FulfilmentChoice\['kind'\])\s*,\s*string\s*>/,
      // the paid states listed again
      /\[\s*'paid',\s*'shipped',\s*'ready_for_pickup',\s*'completed'\s*\]/,
    ];
    const owners = ['src/core/order-names.ts', 'src/core/orders.ts'];
    const found = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'cloudfunctions'))]
      .map((file) => relative(ROOT, file))
      .filter((file) => !owners.includes(file))
      .flatMap((file) => {
        const code = readFileSync(join(ROOT, file), 'utf8');
        return copies.filter((pattern) => pattern.test(code)).map((pattern) => `${file}: ${pattern.source}`);
      });
    expect(found).toEqual([]);
  });
});
