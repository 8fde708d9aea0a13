// Who may do what with goods, and what bad input is refused: every refusal leaves the products
// exactly as they were.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { accessRows, addRoleFixtures, ANY_MEMBER, codeOf, openidOf, OTHER_SHOP_ID, OWNER_AND_STAFF, PEOPLE, type AccessCase } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import type { ProductDoc } from '@core/model';
import type { ProductInput } from '@core/contracts';

const CHINESE = /[\u4e00-\u9fa5]/;
const PHOTO = '/media/seed/lianzi.svg';


const product = (fields: Partial<ProductInput> = {}): ProductInput => ({
  name: '湘莲',
  unit: '斤',
  description: '',
  images: [PHOTO],
  skus: [{ spec: '去芯', priceLi: 45_000, stock: 10 }],
  ship: { kind: 'days', days: 3 },
  perishable: null,
  ...fields,
});

describe('goods function: access and input', () => {
  let emu: TestEmulator;
  let seq = 0;
  const now = Date.now();
  const goods = (action: string, payload: unknown, openid?: string) => emu.reply('goods', { action, payload }, openid);
  const snapshot = () => emu.db.find('products');

  /** A fresh draft of the demo shop, so an allowed call never meets a target changed by another. */
  function insertDraft(): string {
    const doc: ProductDoc = { ...product(), skus: [{ id: 'a', spec: '去芯', priceLi: 45_000, stock: 10, tiers: [], minQty: 1, stepQty: 1 }], _id: `access-${++seq}`, shopId: DEMO_SHOP_ID, status: 'draft', sort: 100 + seq, createdAt: now, updatedAt: now };
    emu.db.insert('products', { ...doc });
    return doc._id;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu, now);
  });
  afterAll(() => emu.close());

  describe('who may do what', () => {
    const cases: AccessCase[] = [
      { action: 'listShopProducts', allowed: ANY_MEMBER, payload: () => ({ shopId: DEMO_SHOP_ID }) },
      { action: 'getForEdit', allowed: OWNER_AND_STAFF, payload: () => ({ productId: insertDraft() }) },
      { action: 'save (create)', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID, product: product(), publish: true }) },
      { action: 'save (update)', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID, productId: insertDraft(), product: product({ name: '新名字' }), publish: false }) },
      { action: 'quickCreate', allowed: OWNER_AND_STAFF, payload: () => ({ shopId: DEMO_SHOP_ID, image: PHOTO, name: '冬笋', priceLi: 9_000, unit: '斤', stock: 3 }) },
      { action: 'setStatus', allowed: OWNER_AND_STAFF, payload: () => ({ productId: insertDraft(), status: 'on_sale' }) },
      { action: 'setStock', allowed: OWNER_AND_STAFF, payload: () => ({ productId: insertDraft(), skuId: 'a', stock: 99 }) },
    ];
    const rows = accessRows(cases);

    it.each(rows)('$action by $caller answers $outcome, and a refusal changes nothing', async ({ action, caller, outcome, payload }) => {
      const input = payload();
      const before = snapshot();
      const reply = await goods(action.replace(/ \(.*\)$/, ''), input, openidOf(caller));
      expect(codeOf(reply)).toBe(outcome);
      if (outcome === 'ok') {
        if (action !== 'listShopProducts' && action !== 'getForEdit') expect(snapshot()).not.toEqual(before);
      } else {
        expect(reply.error.message).toMatch(CHINESE);
        expect(snapshot()).toEqual(before);
      }
    });

    it('shows the owner of another shop none of this shop’s goods and lets them change none', async () => {
      const before = snapshot();
      const them = PEOPLE.otherOwner;
      expect(codeOf(await goods('listShopProducts', { shopId: DEMO_SHOP_ID }, them))).toBe('NOT_A_MEMBER');
      expect(codeOf(await goods('getForEdit', { productId: 'larou' }, them))).toBe('NOT_A_MEMBER');
      expect(codeOf(await goods('setStatus', { productId: 'larou', status: 'off_shelf' }, them))).toBe('NOT_A_MEMBER');
      expect(codeOf(await goods('setStock', { productId: 'larou', skuId: 'wuhua', stock: 0 }, them))).toBe('NOT_A_MEMBER');
      // Through their own shop, the demo shop's product does not exist.
      expect(codeOf(await goods('save', { shopId: OTHER_SHOP_ID, productId: 'larou', product: product(), publish: false }, them))).toBe('PRODUCT_NOT_FOUND');
      const ownList = await goods('listShopProducts', { shopId: OTHER_SHOP_ID }, them);
      expect(ownList.data.products.map((row: { id: string }) => row.id)).toEqual(['other-honey']);
      // And the demo shop's owner is as much a stranger there.
      expect(codeOf(await goods('getForEdit', { productId: 'other-honey' }, PEOPLE.owner))).toBe('NOT_A_MEMBER');
      expect(codeOf(await goods('setStock', { productId: 'other-honey', skuId: 'a', stock: 0 }, PEOPLE.owner))).toBe('NOT_A_MEMBER');
      expect(snapshot()).toEqual(before);
    });

    it('answers PRODUCT_NOT_FOUND for products that do not exist and SHOP_NOT_FOUND for shops that do not', async () => {
      for (const [action, payload] of [
        ['getForEdit', { productId: 'no-such-product' }],
        ['setStatus', { productId: 'no-such-product', status: 'off_shelf' }],
        ['setStock', { productId: 'no-such-product', skuId: 'a', stock: 1 }],
        ['save', { shopId: DEMO_SHOP_ID, productId: 'no-such-product', product: product(), publish: false }],
      ] as const) {
        expect(codeOf(await goods(action, payload, PEOPLE.owner))).toBe('PRODUCT_NOT_FOUND');
      }
      expect(codeOf(await goods('listShopProducts', { shopId: 'no-such-shop' }, PEOPLE.owner))).toBe('SHOP_NOT_FOUND');
      expect(codeOf(await goods('quickCreate', { shopId: 'no-such-shop', image: PHOTO, name: '笋', priceLi: 1, unit: '斤', stock: 1 }, PEOPLE.owner))).toBe('SHOP_NOT_FOUND');
    });

    it('treats a product whose shop is gone as gone', async () => {
      emu.db.insert('products', { ...emu.db.find('products', { _id: 'other-honey' })[0], _id: 'orphan-honey', shopId: 'closed-shop' });
      expect(codeOf(await goods('getForEdit', { productId: 'orphan-honey' }, PEOPLE.owner))).toBe('PRODUCT_NOT_FOUND');
    });
  });

  describe('bad payloads', () => {
    const cheaper = { spec: '3号', priceLi: 90, stock: 10, tiers: [{ minQty: 1000, priceLi: 85 }, { minQty: 500, priceLi: 80 }] };
    const pricier = { spec: '5号', priceLi: 90, stock: 10, tiers: [{ minQty: 1000, priceLi: 95 }] };
    it.each([
      ['listShopProducts', { shopId: DEMO_SHOP_ID, status: 'deleted' }, ['status']],
      ['getForEdit', { productId: 42 }, ['productId']],
      ['save', { shopId: DEMO_SHOP_ID, product: product({ skus: [cheaper, pricier] }), publish: true }, ['product.skus.0.tiers', 'product.skus.1.tiers']],
      ['save', { shopId: DEMO_SHOP_ID, product: product({ name: ' ', skus: [] }), publish: 'yes' }, ['product.name', 'product.skus', 'publish']],
      ['save', { shopId: DEMO_SHOP_ID, product: product({ images: [''], ship: { kind: 'presale' } as never }) }, ['product.images.0', 'product.ship.shipAt', 'publish']],
      ['save', { shopId: DEMO_SHOP_ID, productId: '', product: product({ skus: [{ spec: '', priceLi: 1.5, stock: -1 }] }), publish: false }, ['product.skus.0.priceLi', 'product.skus.0.stock', 'productId']],
      ['quickCreate', { shopId: DEMO_SHOP_ID, image: '', name: '笋', priceLi: 0, unit: '斤', stock: 1 }, ['image', 'priceLi']],
      ['quickCreate', { shopId: DEMO_SHOP_ID, image: PHOTO, name: '笋'.repeat(41), priceLi: 100, unit: '', stock: 1.5 }, ['name', 'stock', 'unit']],
      ['setStatus', { productId: 'larou', status: 'draft' }, ['status']],
      ['setStock', { productId: 'larou', skuId: 'wuhua', stock: -1 }, ['stock']],
      ['setStock', { productId: 'larou', stock: 5 }, ['skuId']],
    ])('%s with a bad payload answers VALIDATION_FAILED naming the fields, and changes nothing', async (action, payload, paths) => {
      const before = snapshot();
      const reply = await goods(action as string, payload, PEOPLE.owner);
      expect(reply.error.code).toBe('VALIDATION_FAILED');
      expect(reply.error.fields.map((field: { path: string }) => field.path).sort()).toEqual(paths);
      for (const field of reply.error.fields) expect(field.message).toMatch(CHINESE);
      expect(snapshot()).toEqual(before);
    });

    it('says in plain Chinese why bulk tiers are wrong, and what the fast path is missing', async () => {
      const tiers = await goods('save', { shopId: DEMO_SHOP_ID, product: product({ skus: [pricier] }), publish: false }, PEOPLE.owner);
      expect(tiers.error.fields).toEqual([{ path: 'product.skus.0.tiers', message: '批量价要比上一档便宜' }]);
      const quick = await goods('quickCreate', { shopId: DEMO_SHOP_ID, image: '', name: '笋', priceLi: 0, unit: '斤', stock: 1 }, PEOPLE.owner);
      expect(quick.error.fields).toEqual([
        { path: 'image', message: '请先拍一张商品照片' },
        { path: 'priceLi', message: '请填写价格' },
      ]);
    });
  });
});
