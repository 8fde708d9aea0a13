// Goods for order tests: each call adds a fresh product to the demo shop, so tests never share stock.
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { ProductDoc } from '@core/model';
import type { TestEmulator } from './emulator';

let seq = 0;

/** An on-sale product with one SKU `a` at ¥10 (10,000 厘) holding `stock`; `fields` override. Returns its _id. */
export function insertProduct(emu: TestEmulator, stock: number, fields: Partial<ProductDoc> = {}): string {
  seq += 1;
  const now = Date.now();
  const doc: ProductDoc = {
    _id: `test-p-${process.pid}-${seq}`,
    shopId: DEMO_SHOP_ID,
    name: `测试货${seq}`,
    unit: '件',
    description: '',
    images: ['/media/seed/larou.svg'],
    skus: [{ id: 'a', spec: '', priceLi: 10_000, stock, tiers: [], minQty: 1, stepQty: 1 }],
    ship: { kind: 'days', days: 2 },
    perishable: null,
    status: 'on_sale',
    sort: 1000 + seq,
    createdAt: now,
    updatedAt: now,
    ...fields,
  };
  emu.db.insert('products', { ...doc });
  return doc._id;
}
