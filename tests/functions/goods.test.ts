// The goods function through the real emulator and gateway: what vendors list, edit, publish and
// restock, what buyers then see on the storefront, and what the database holds afterwards.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { addRoleFixtures, OTHER_SHOP_ID, PEOPLE } from '../support/roles';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { encodeCommOpenApiResp, PROTOBUF_CONTENT_TYPE } from '../../emulator/openapi/protocol';
import { memberId, type ProductDoc } from '@core/model';
import type { ProductInput } from '@core/contracts';
import { ERROR_MESSAGES } from '@core/errors';
import { defaultShopSettings } from '@core/shops';

const BLOCKED = '刷单'; // listed in emulator/security/blocked-words.txt
const PHOTO = '/media/seed/lianzi.svg';

/** A complete product a vendor could publish as it is. */
function honey(fields: Partial<ProductInput> = {}): ProductInput {
  return {
    name: '椴树雪蜜',
    unit: '瓶',
    description: '东北林区的椴树蜜，冬天会结晶。',
    images: [PHOTO],
    skus: [
      { spec: '500克', priceLi: 68_000, stock: 20 },
      { spec: '1000克', priceLi: 128_000, stock: 5 },
    ],
    ship: { kind: 'days', days: 3 },
    perishable: null,
    ...fields,
  };
}

describe('goods function', () => {
  let emu: TestEmulator;
  const goods = (action: string, payload: unknown, openid: string | undefined = PEOPLE.owner) => emu.reply('goods', { action, payload }, openid);
  const stored = (id: string) => emu.db.find('products', { _id: id })[0] as unknown as ProductDoc;
  const storefrontIds = async (shopId = DEMO_SHOP_ID) => {
    const reply = await emu.reply('shop', { action: 'listProducts', payload: { shopId } });
    return reply.data.products.map((card: { id: string }) => card.id) as string[];
  };
  async function saveDraft(product: ProductInput = honey()): Promise<string> {
    const reply = await goods('save', { shopId: DEMO_SHOP_ID, product, publish: false });
    expect(reply).toMatchObject({ ok: true, data: { status: 'draft' } });
    return reply.data.productId;
  }
  /** Counts the msgSecCheck calls that reach the emulator while `work` runs. */
  async function countChecks(work: () => Promise<void>): Promise<number> {
    const handle = emu.openApi.handle.bind(emu.openApi);
    let calls = 0;
    const spy = jest.spyOn(emu.openApi, 'handle').mockImplementation(async (req) => {
      if (req.body.includes('security.msgSecCheck')) calls++;
      return handle(req);
    });
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return calls;
  }

  beforeAll(async () => {
    emu = await startTestEmulator();
    addRoleFixtures(emu);
  });
  afterAll(() => emu.close());

  describe('the fast path', () => {
    it('creates a published product from one photo, a name, a price, a unit and a stock, and the storefront shows it', async () => {
      const before = Date.now();
      const reply = await goods('quickCreate', { shopId: DEMO_SHOP_ID, image: PHOTO, name: ' 新挖的冬笋 ', priceLi: 12_000, unit: '斤', stock: 30 }, PEOPLE.staff);
      expect(reply.ok).toBe(true);
      const { productId } = reply.data;
      const doc = stored(productId);
      const maxSortBefore = Math.max(...emu.db.find('products', { shopId: DEMO_SHOP_ID, _id: { $ne: productId } }).map((p) => p.sort as number));
      expect(doc).toEqual({
        _id: productId,
        shopId: DEMO_SHOP_ID,
        name: '新挖的冬笋',
        unit: '斤',
        description: '',
        images: [PHOTO],
        skus: [{ id: expect.stringMatching(/^[a-z0-9]{6}$/), spec: '', priceLi: 12_000, stock: 30, tiers: [], minQty: 1, stepQty: 1 }],
        ship: { kind: 'days', days: 2 },
        perishable: null,
        status: 'on_sale',
        sort: maxSortBefore + 1,
        createdAt: expect.any(Number),
        updatedAt: doc.createdAt,
      });
      expect(doc.createdAt).toBeGreaterThanOrEqual(before);
      expect(await storefrontIds()).toContain(productId);
      const page = await emu.reply('shop', { action: 'getProduct', payload: { productId } });
      expect(page.data.product).toMatchObject({ name: '新挖的冬笋', fromPriceLi: 12_000, soldOut: false });
    });

    it('refuses a name with a blocked word, naming it, and creates nothing', async () => {
      const count = emu.db.find('products').length;
      const reply = await goods('quickCreate', { shopId: DEMO_SHOP_ID, image: PHOTO, name: `${BLOCKED}返现冬笋`, priceLi: 12_000, unit: '斤', stock: 30 });
      expect(reply.error).toEqual({
        code: 'CONTENT_REJECTED',
        message: `商品名称里的“${BLOCKED}”不能发布，请修改后再发布`,
        fields: [{ path: 'name', message: `商品名称里的“${BLOCKED}”不能发布，请修改后再发布` }],
      });
      expect(emu.db.find('products')).toHaveLength(count);
    });
  });

  describe('drafts and publishing', () => {
    it('keeps a draft from buyers until it is published, then shows it', async () => {
      const productId = await saveDraft();
      expect(stored(productId).status).toBe('draft');
      expect(await storefrontIds()).not.toContain(productId);
      const buyerPage = await emu.reply('shop', { action: 'getProduct', payload: { productId } });
      expect(buyerPage.error.code).toBe('PRODUCT_NOT_FOUND');

      const published = await goods('save', { shopId: DEMO_SHOP_ID, productId, product: honey(), publish: true });
      expect(published).toEqual({ ok: true, data: { productId, status: 'on_sale' } });
      expect(await storefrontIds()).toContain(productId);
    });

    it('puts a draft on sale with setStatus after checking its text', async () => {
      const productId = await saveDraft();
      const checks = await countChecks(async () => {
        expect(await goods('setStatus', { productId, status: 'on_sale' }, PEOPLE.staff)).toEqual({ ok: true, data: { status: 'on_sale' } });
      });
      expect(checks).toBe(1);
      expect(await storefrontIds()).toContain(productId);
    });

    it('publishes goods with no stock at all as sold out', async () => {
      const product = honey({ skus: [{ spec: '500克', priceLi: 68_000, stock: 0 }] });
      const reply = await goods('save', { shopId: DEMO_SHOP_ID, product, publish: true });
      expect(reply.data.status).toBe('sold_out');
      expect(stored(reply.data.productId).status).toBe('sold_out');
    });

    it('rejects publishing a description with a blocked word, naming the field and the word, and leaves the product unpublished', async () => {
      const productId = await saveDraft();
      const before = stored(productId);
      const description = `好评${BLOCKED.split('').join(' ')}有奖`;
      const reply = await goods('save', { shopId: DEMO_SHOP_ID, productId, product: honey({ description }), publish: true });
      const message = `商品介绍里的“${BLOCKED}”不能发布，请修改后再发布`;
      expect(reply.error).toEqual({ code: 'CONTENT_REJECTED', message, fields: [{ path: 'product.description', message }] });
      expect(stored(productId)).toEqual(before);
      expect(await storefrontIds()).not.toContain(productId);
    });

    it('checks SKU specs too, and setStatus leaves a rejected draft a draft', async () => {
      const productId = await saveDraft(honey({ skus: [{ spec: '500克', priceLi: 68_000, stock: 5 }, { spec: `高仿名牌礼盒`, priceLi: 99_000, stock: 5 }] }));
      const before = stored(productId);
      const reply = await goods('setStatus', { productId, status: 'on_sale' });
      expect(reply.error.code).toBe('CONTENT_REJECTED');
      expect(reply.error.message).toBe('第 2 个规格里的“高仿名牌”不能发布，请修改后再发布');
      expect(reply.error.fields).toEqual([{ path: 'product.skus.1.spec', message: reply.error.message }]);
      expect(stored(productId)).toEqual(before);
    });

    it('does not let a draft reach buyers as sold out without the checks', async () => {
      const productId = await saveDraft(honey({ name: `${BLOCKED}蜂蜜` }));
      const before = stored(productId);
      expect((await goods('setStatus', { productId, status: 'sold_out' })).error.code).toBe('CONTENT_REJECTED');
      expect(stored(productId)).toEqual(before);
    });

    it('re-checks the text of goods on sale when an edit changes it, even without publishing', async () => {
      const { data } = await goods('save', { shopId: DEMO_SHOP_ID, product: honey(), publish: true });
      const before = stored(data.productId);
      const edit = (product: ProductInput) => goods('save', { shopId: DEMO_SHOP_ID, productId: data.productId, product, publish: false });

      const rejected = await edit(honey({ name: `日赚千元蜂蜜` }));
      expect(rejected.error.code).toBe('CONTENT_REJECTED');
      expect(rejected.error.fields[0].path).toBe('product.name');
      expect(stored(data.productId)).toEqual(before);

      // A price change leaves the text alone: no check, and the product stays on sale.
      const checks = await countChecks(async () => {
        const repriced = await edit(honey({ skus: [{ id: before.skus[0].id, spec: '500克', priceLi: 66_000, stock: 20 }] }));
        expect(repriced.data).toEqual({ productId: data.productId, status: 'on_sale' });
      });
      expect(checks).toBe(0);
      expect(stored(data.productId).skus.map((sku) => sku.priceLi)).toEqual([66_000]);
    });

    it('publishes nothing when the content check itself fails, and asks to try again', async () => {
      const productId = await saveDraft();
      const before = stored(productId);
      // WeChat answers the day's quota as used up.
      const spy = jest.spyOn(emu.openApi, 'handle').mockResolvedValue({
        status: 200,
        headers: { 'content-type': PROTOBUF_CONTENT_TYPE },
        body: encodeCommOpenApiResp({ json: { errcode: 45009, errmsg: 'reach max api daily quota limit' } }),
      });
      try {
        expect((await goods('setStatus', { productId, status: 'on_sale' })).error).toEqual({ code: 'TIMEOUT', message: ERROR_MESSAGES.TIMEOUT });
        expect((await goods('save', { shopId: DEMO_SHOP_ID, productId, product: honey(), publish: true })).error.code).toBe('TIMEOUT');
      } finally {
        spy.mockRestore();
      }
      expect(stored(productId)).toEqual(before);
    });
  });

  describe('incomplete goods', () => {
    it('saves an incomplete draft, but refuses to publish it, saying what to add', async () => {
      const product = honey({ images: [], skus: [{ spec: '500克', priceLi: 68_000, stock: 5 }, { spec: '1000克', priceLi: 0, stock: 5 }] });
      const count = emu.db.find('products').length;
      const reply = await goods('save', { shopId: DEMO_SHOP_ID, product, publish: true });
      expect(reply.error).toEqual({
        code: 'PRODUCT_INCOMPLETE',
        message: '商品信息还不完整：请至少添加一张商品照片；请填写“1000克”的价格',
        fields: [
          { path: 'product.images', message: '请至少添加一张商品照片' },
          { path: 'product.skus.1.priceLi', message: '请填写“1000克”的价格' },
        ],
      });
      expect(emu.db.find('products')).toHaveLength(count);

      const productId = await saveDraft(product);
      const before = stored(productId);
      const refused = await goods('setStatus', { productId, status: 'on_sale' });
      expect(refused.error.code).toBe('PRODUCT_INCOMPLETE');
      expect(refused.error.fields.map((field: { path: string }) => field.path)).toEqual(['product.images', 'product.skus.1.priceLi']);
      expect(stored(productId)).toEqual(before);
    });

    it('names a SKU without a spec by its place when it lacks a price', async () => {
      const unnamed = { spec: '', priceLi: 0, stock: 1 };
      const two = await goods('save', { shopId: DEMO_SHOP_ID, product: honey({ skus: [{ ...unnamed, priceLi: 100 }, unnamed] }), publish: true });
      expect(two.error.message).toBe('商品信息还不完整：请填写第 2 个规格的价格');
      const one = await goods('save', { shopId: DEMO_SHOP_ID, product: honey({ skus: [unnamed] }), publish: true });
      expect(one.error.fields).toEqual([{ path: 'product.skus.0.priceLi', message: '请填写价格' }]);
    });

    it('keeps goods on sale complete: an edit removing every photo is refused', async () => {
      const { data } = await goods('save', { shopId: DEMO_SHOP_ID, product: honey(), publish: true });
      const before = stored(data.productId);
      const reply = await goods('save', { shopId: DEMO_SHOP_ID, productId: data.productId, product: honey({ images: [] }), publish: false });
      expect(reply.error).toMatchObject({ code: 'PRODUCT_INCOMPLETE', fields: [{ path: 'product.images' }] });
      expect(stored(data.productId)).toEqual(before);
    });

    it('always lets goods be taken off the shelf, which hides them from buyers', async () => {
      const { data } = await goods('save', { shopId: DEMO_SHOP_ID, product: honey(), publish: true });
      expect(await storefrontIds()).toContain(data.productId);
      expect(await goods('setStatus', { productId: data.productId, status: 'off_shelf' })).toEqual({ ok: true, data: { status: 'off_shelf' } });
      expect(await storefrontIds()).not.toContain(data.productId);
      const draft = await saveDraft(honey({ images: [] }));
      expect((await goods('setStatus', { productId: draft, status: 'off_shelf' })).data).toEqual({ status: 'off_shelf' });
    });
  });

  describe('editing', () => {
    it('saves bulk tiers, a minimum and a step, and getForEdit returns them as saved', async () => {
      const zipper = honey({
        name: '金属拉链',
        unit: '条',
        skus: [{ spec: '3号', priceLi: 90, stock: 100_000, minQty: 100, stepQty: 100, tiers: [{ minQty: 1000, priceLi: 85 }, { minQty: 10_000, priceLi: 80 }] }],
        ship: { kind: 'presale', shipAt: Date.UTC(2030, 0, 1) },
        perishable: { shelfLifeDays: 30 },
      });
      const productId = await saveDraft(zipper);
      const reply = await goods('getForEdit', { productId }, PEOPLE.staff);
      const skuId = stored(productId).skus[0].id;
      expect(reply).toEqual({ ok: true, data: { productId, shopId: DEMO_SHOP_ID, status: 'draft', product: { ...zipper, skus: [{ ...zipper.skus[0], id: skuId }] } } });
    });

    it('keeps the ids of existing SKUs, gives new ones short unique ids, and never takes an id from the client', async () => {
      const productId = await saveDraft();
      const [first, second] = stored(productId).skus;
      const product = honey({
        skus: [
          { id: second.id, spec: '1000克', priceLi: 120_000, stock: 3 },
          { spec: '250克', priceLi: 38_000, stock: 9 },
          { id: 'forged-id', spec: '2500克', priceLi: 290_000, stock: 1 },
          { id: second.id, spec: '重复', priceLi: 1_000, stock: 1 },
        ],
      });
      expect((await goods('save', { shopId: DEMO_SHOP_ID, productId, product, publish: false })).ok).toBe(true);
      const ids = stored(productId).skus.map((sku) => sku.id);
      expect(ids[0]).toBe(second.id);
      expect(new Set(ids).size).toBe(4);
      expect(ids).not.toContain('forged-id');
      expect(ids).not.toContain(first.id);
      for (const id of ids) expect(id).toMatch(/^[a-z0-9]{6}$/);
    });

    it('replaces the ship rule and shelf life whole, and stamps updatedAt', async () => {
      const productId = await saveDraft(honey({ ship: { kind: 'presale', shipAt: Date.UTC(2030, 5, 1) }, perishable: { shelfLifeDays: 7 } }));
      const createdAt = stored(productId).createdAt;
      const before = Date.now();
      await goods('save', { shopId: DEMO_SHOP_ID, productId, product: honey({ ship: { kind: 'days', days: 1 }, perishable: null }), publish: false });
      const doc = stored(productId);
      expect(doc.ship).toEqual({ kind: 'days', days: 1 });
      expect(doc.perishable).toBeNull();
      expect(doc.createdAt).toBe(createdAt);
      expect(doc.updatedAt).toBeGreaterThanOrEqual(before);
    });

    it('never reaches another shop’s product through save, naming one’s own shop or theirs', async () => {
      const before = emu.db.find('products');
      const intoTheirs = await goods('save', { shopId: OTHER_SHOP_ID, productId: 'larou', product: honey(), publish: false }, PEOPLE.otherOwner);
      expect(intoTheirs.error).toEqual({ code: 'PRODUCT_NOT_FOUND', message: ERROR_MESSAGES.PRODUCT_NOT_FOUND });
      const fromOurs = await goods('save', { shopId: DEMO_SHOP_ID, productId: 'other-honey', product: honey(), publish: true });
      expect(fromOurs.error.code).toBe('PRODUCT_NOT_FOUND');
      expect(emu.db.find('products')).toEqual(before);
    });
  });

  describe('stock', () => {
    it('sets one SKU’s stock and leaves the others alone', async () => {
      const before = stored('larou');
      const at = Date.now();
      expect(await goods('setStock', { productId: 'larou', skuId: 'houtui', stock: 7 }, PEOPLE.staff)).toEqual({ ok: true, data: { stock: 7 } });
      const after = stored('larou');
      expect(after.skus).toEqual([before.skus[0], { ...before.skus[1], stock: 7 }]);
      expect(after.updatedAt).toBeGreaterThanOrEqual(at);
      // The same number again is fine too.
      expect((await goods('setStock', { productId: 'larou', skuId: 'houtui', stock: 7 })).data).toEqual({ stock: 7 });
    });

    it('keeps what buyers took while the editor was open: a save moves stock only by what the vendor changed', async () => {
      const { data } = await goods('save', { shopId: DEMO_SHOP_ID, product: honey(), publish: true });
      const [small, big] = stored(data.productId).skus;
      // The editor loads 20 and 5; meanwhile buyers order 3 of the small jar, as placing an order does.
      const buyer = PEOPLE.stranger;
      const placed = await emu.reply('orders', {
        action: 'place',
        requestId: 'editor-race-1',
        payload: { shopId: DEMO_SHOP_ID, lines: [{ productId: data.productId, skuId: small.id, quantity: 3 }], fulfilment: { kind: 'express', address: { name: '王阿姨', phone: '13800138000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' } }, payment: 'offline' },
      }, buyer);
      expect(placed.error).toBeUndefined();
      expect(stored(data.productId).skus[0].stock).toBe(17);

      // The vendor renames the product and restocks the big jar from 5 to 15, leaving the small one as loaded.
      const reply = await goods('save', {
        shopId: DEMO_SHOP_ID,
        productId: data.productId,
        product: honey({ name: '土蜂蜜（新）', skus: [{ id: small.id, spec: '500克', priceLi: 68_000, stock: 20, stockSeen: 20 }, { id: big.id, spec: '1000克', priceLi: 128_000, stock: 15, stockSeen: 5 }] }),
        publish: false,
      });
      expect(reply.ok).toBe(true);
      expect(stored(data.productId).skus.map((sku) => sku.stock)).toEqual([17, 15]);
      expect(stored(data.productId).skus.map((sku) => sku)).not.toContainEqual(expect.objectContaining({ stockSeen: expect.anything() }));
    });

    it('answers NOT_FOUND for a SKU the product does not have, and changes nothing', async () => {
      const before = emu.db.find('products');
      expect((await goods('setStock', { productId: 'larou', skuId: 'no-such-sku', stock: 1 })).error).toEqual({ code: 'NOT_FOUND', message: ERROR_MESSAGES.NOT_FOUND });
      expect(emu.db.find('products')).toEqual(before);
    });
  });

  describe('the vendor list', () => {
    it('lists every product of the shop with drafts and goods off the shelf, stock totals, in display order', async () => {
      const draftId = await saveDraft(honey({ name: '列表里的草稿' }));
      const { data: shelved } = await goods('save', { shopId: DEMO_SHOP_ID, product: honey({ name: '下架的蜜' }), publish: true });
      await goods('setStatus', { productId: shelved.productId, status: 'off_shelf' });
      const reply = await goods('listShopProducts', { shopId: DEMO_SHOP_ID }, PEOPLE.streamer);
      const rows: { id: string; status: string }[] = reply.data.products;
      const docs = emu.db.find('products', { shopId: DEMO_SHOP_ID }) as unknown as ProductDoc[];
      expect(rows.map((row) => row.id).sort()).toEqual(docs.map((doc) => doc._id).sort());
      expect(new Set(rows.map((row) => row.status))).toEqual(new Set(['draft', 'on_sale', 'sold_out', 'off_shelf']));
      const expectedOrder = [...docs].sort((a, b) => a.sort - b.sort || b.updatedAt - a.updatedAt).map((doc) => doc._id);
      expect(rows.map((row) => row.id)).toEqual(expectedOrder);
      expect(rows.find((row) => row.id === draftId)).toEqual({
        id: draftId,
        name: '列表里的草稿',
        unit: '瓶',
        image: PHOTO,
        status: 'draft',
        fromPriceLi: 68_000,
        totalStock: 25,
        skus: stored(draftId).skus.map(({ id, spec, stock }) => ({ id, spec, stock })),
        updatedAt: stored(draftId).updatedAt,
      });
      const drafts = await goods('listShopProducts', { shopId: DEMO_SHOP_ID, status: 'draft' });
      expect(drafts.data.products.length).toBeGreaterThan(0);
      expect(drafts.data.products.every((row: { status: string }) => row.status === 'draft')).toBe(true);
    });

    it('pages through shops with more than 100 products, ties in sort newest first', async () => {
      const shopId = 'big-shop';
      const owner = 'test-big-owner';
      emu.db.insert('shops', { ...defaultShopSettings('大仓库'), _id: shopId, ownerOpenId: owner, createdAt: 1, updatedAt: 1 });
      emu.db.insert('members', { _id: memberId(shopId, owner), shopId, openid: owner, name: '仓管', role: 'owner', joinedAt: 1 });
      const ids: string[] = [];
      for (let i = 0; i < 230; i++) {
        const id = `big-${String(i).padStart(3, '0')}`;
        ids.push(id);
        // Pairs share a sort; the later one of each pair is the more recently updated.
        emu.db.insert('products', { ...stored('lianzi'), _id: id, shopId, sort: Math.floor(i / 2), updatedAt: 1000 + i });
      }
      const reply = await goods('listShopProducts', { shopId }, owner);
      const expected = ids.map((_id, i) => ids[i % 2 === 0 ? i + 1 : i - 1]);
      expect(reply.data.products.map((row: { id: string }) => row.id)).toEqual(expected);
    });
  });
});
