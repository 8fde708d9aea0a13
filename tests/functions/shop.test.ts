import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';
import { ERROR_MESSAGES } from '@core/errors';
import { defaultShopSettings } from '@core/shops';

const BUYER = 'demo-buyer-wangayi';

describe('shop function', () => {
  let emu: TestEmulator;
  beforeAll(async () => {
    emu = await startTestEmulator();
  });
  afterAll(() => emu.close());

  it('lists the demo shop with its goods in display order and prices in integer li', async () => {
    const reply = await emu.reply('shop', { action: 'listProducts', payload: { shopId: DEMO_SHOP_ID } }, BUYER);
    expect(reply.ok).toBe(true);
    expect(reply.data.shop).toEqual({
      id: DEMO_SHOP_ID,
      name: '老张山货铺',
      intro: expect.any(String),
      avatar: '/media/seed/shop.svg',
      contact: { wechatId: 'laozhang-shanhuo', phone: '' },
    });
    const names = reply.data.products.map((p: { name: string }) => p.name);
    expect(names[0]).toBe('酉阳柴火烟熏腊肉');
    expect(names).toContain('义乌尼龙拉链');
    const zipper = reply.data.products.find((p: { id: string }) => p.id === 'lalian');
    expect(zipper).toMatchObject({ unit: '条', fromPriceLi: 70, soldOut: false, ship: { kind: 'days', days: 2 } });
    const larou = reply.data.products.find((p: { id: string }) => p.id === 'larou');
    expect(larou.fromPriceLi).toBe(52_000); // the cheaper of 五花 ¥58 and 后腿 ¥52
  });

  it('marks goods with no stock left as sold out but still shows them', async () => {
    const reply = await emu.reply('shop', { action: 'listProducts', payload: { shopId: DEMO_SHOP_ID } });
    expect(reply.data.products.find((p: { id: string }) => p.id === 'heilaohu')).toMatchObject({ soldOut: true });
  });

  it('never shows drafts or goods taken off the shelf to buyers', async () => {
    const base = { shopId: DEMO_SHOP_ID, unit: '斤', description: '', images: [], ship: { kind: 'days', days: 1 }, sort: 0, createdAt: 1, updatedAt: 1 };
    emu.db.insert('products', { ...base, _id: 'draft-1', name: '还没上架的笋干', status: 'draft', skus: [{ id: 'a', spec: '1斤', priceLi: 30_000, stock: 5 }] });
    emu.db.insert('products', { ...base, _id: 'off-1', name: '下架的蜂蜜', status: 'off_shelf', skus: [{ id: 'a', spec: '1斤', priceLi: 30_000, stock: 5 }] });
    const list = await emu.reply('shop', { action: 'listProducts', payload: { shopId: DEMO_SHOP_ID } });
    const ids = list.data.products.map((p: { id: string }) => p.id);
    expect(ids).not.toContain('draft-1');
    expect(ids).not.toContain('off-1');
    const detail = await emu.reply('shop', { action: 'getProduct', payload: { productId: 'off-1' } });
    expect(detail).toEqual({ ok: false, error: { code: 'PRODUCT_NOT_FOUND', message: ERROR_MESSAGES.PRODUCT_NOT_FOUND } });
  });

  it('opens a product with every SKU, its images and the shop it belongs to', async () => {
    const reply = await emu.reply('shop', { action: 'getProduct', payload: { productId: 'lalian' } }, BUYER);
    expect(reply.ok).toBe(true);
    expect(reply.data.shop.id).toBe(DEMO_SHOP_ID);
    expect(reply.data.product.skus).toEqual([
      { id: 'no3-15', spec: '3号 15厘米', priceLi: 70, stock: 2_000_000, minQty: 100, stepQty: 100, tiers: [{ minQty: 1000, priceLi: 65 }, { minQty: 10_000, priceLi: 60 }] },
      { id: 'no5-20', spec: '5号 20厘米', priceLi: 95, stock: 1_000_000, minQty: 100, stepQty: 100, tiers: [{ minQty: 1000, priceLi: 88 }] },
    ]);
    expect(reply.data.product.images).toEqual(['/media/seed/lalian.svg']);
  });

  it('does not leak the owner openid or other stored fields to buyers', async () => {
    const reply = await emu.reply('shop', { action: 'listProducts', payload: { shopId: DEMO_SHOP_ID } });
    const text = JSON.stringify(reply);
    expect(text).not.toContain('ownerOpenId');
    expect(text).not.toContain('demo-owner');
    expect(text).not.toContain('createdAt');
  });

  it('answers an unknown shop with SHOP_NOT_FOUND and a Chinese message', async () => {
    const reply = await emu.reply('shop', { action: 'listProducts', payload: { shopId: 'no-such-shop' } });
    expect(reply).toEqual({ ok: false, error: { code: 'SHOP_NOT_FOUND', message: '这家小店不存在或已关闭' } });
  });

  it('answers an action the contract does not name with UNKNOWN_ACTION', async () => {
    for (const event of [{ action: 'dropShop', payload: {} }, { payload: {} }, { action: 'toString' }, 'listProducts', null]) {
      const reply = await emu.reply('shop', event);
      expect(reply).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION } });
    }
  });

  it('rejects a payload that breaks the schema with VALIDATION_FAILED and the field paths', async () => {
    const missing = await emu.reply('shop', { action: 'listProducts', payload: {} });
    expect(missing.ok).toBe(false);
    expect(missing.error.code).toBe('VALIDATION_FAILED');
    expect(missing.error.message).toBe(ERROR_MESSAGES.VALIDATION_FAILED);
    expect(missing.error.fields).toEqual([{ path: 'shopId', message: expect.stringMatching(/[\u4e00-\u9fa5]/) }]);

    const wrongType = await emu.reply('shop', { action: 'getProduct', payload: { productId: 42 } });
    expect(wrongType.error.fields[0].path).toBe('productId');
    const tooLong = await emu.reply('shop', { action: 'getProduct', payload: { productId: 'x'.repeat(65) } });
    expect(tooLong.error.code).toBe('VALIDATION_FAILED');
  });
  describe('keyword search', () => {
    const search = async (keyword: string) => {
      const reply = await emu.reply('shop', { action: 'listProducts', payload: { shopId: DEMO_SHOP_ID, keyword } });
      expect(reply.ok).toBe(true);
      return reply.data.products.map((p: { id: string }) => p.id) as string[];
    };
    const base = { shopId: DEMO_SHOP_ID, unit: '条', images: [], ship: { kind: 'days', days: 2 }, perishable: null, createdAt: 1, updatedAt: 1 };
    const sku = { id: 'a', spec: '', priceLi: 90, stock: 100, tiers: [], minQty: 1, stepQty: 1 };

    beforeAll(() => {
      emu.db.insert('products', { ...base, _id: 'ykk', name: 'YKK金属拉链', description: '进口 (日本) 品牌', status: 'on_sale', sort: 90, skus: [sku] });
      emu.db.insert('products', { ...base, _id: 'hidden-lachang', name: '还没上架的腊肠', description: '', status: 'draft', sort: 91, skus: [sku] });
    });

    it('finds goods whose name or description has the keyword, in display order, and only those buyers may see', async () => {
      const found = await search('腊');
      // 渣海椒 has no 腊 in its name but recommends itself with 腊肉 in its description.
      expect(found).toEqual(['larou', 'lachang', 'zhahaijiao']);
      expect(found).not.toContain('hidden-lachang');
    });

    it('ignores letter case', async () => {
      expect(await search('ykk')).toEqual(['ykk']);
    });

    it('takes regular-expression characters literally', async () => {
      expect(await search('(')).toEqual(['ykk']);
      expect(await search('.*')).toEqual([]);
      expect(await search('(日本)')).toEqual(['ykk']);
      expect(await search('[')).toEqual([]);
    });

    it('lists everything for an empty keyword', async () => {
      const all = await emu.reply('shop', { action: 'listProducts', payload: { shopId: DEMO_SHOP_ID } });
      expect(await search('  ')).toEqual(all.data.products.map((p: { id: string }) => p.id));
    });
  });

  describe('images stored in the cloud', () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    let photo: string;
    let missing: string;

    beforeAll(() => {
      photo = emu.storage.put('products/media-shop/honey.png', png, 'image/png');
      missing = photo.replace('honey.png', 'gone.png');
      const now = Date.now();
      emu.db.insert('shops', { ...defaultShopSettings('云端图片小店'), avatar: photo, _id: 'media-shop', ownerOpenId: 'media-owner', createdAt: now, updatedAt: now });
      emu.db.insert('members', { _id: 'media-shop:media-owner', shopId: 'media-shop', openid: 'media-owner', name: '图', role: 'owner', joinedAt: now });
      emu.db.insert('products', {
        _id: 'media-honey',
        shopId: 'media-shop',
        name: '椴树蜜',
        unit: '瓶',
        description: '',
        images: [photo, missing, '/media/seed/lianzi.svg'],
        skus: [{ id: 'a', spec: '500克', priceLi: 68_000, stock: 5, tiers: [], minQty: 1, stepQty: 1 }],
        ship: { kind: 'days', days: 2 },
        perishable: null,
        status: 'on_sale',
        sort: 1,
        createdAt: now,
        updatedAt: now,
      });
    });

    async function expectServes(url: string) {
      expect(url.startsWith(emu.url)).toBe(true);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(png)).toBe(true);
    }

    it('gives buyers temporary URLs for cloud files on the storefront and the product page', async () => {
      const list = await emu.reply('shop', { action: 'listProducts', payload: { shopId: 'media-shop' } });
      await expectServes(list.data.shop.avatar);
      await expectServes(list.data.products[0].image);
      const detail = await emu.reply('shop', { action: 'getProduct', payload: { productId: 'media-honey' } });
      const [first, gone, seeded] = detail.data.product.images;
      await expectServes(first);
      expect(detail.data.product.image).toBe(first);
      // A file the cloud no longer has shows as no picture; plain URLs pass through untouched.
      expect(gone).toBe('');
      expect(seeded).toBe('/media/seed/lianzi.svg');
      expect(JSON.stringify(detail)).not.toContain('cloud://');
    });

    it('gives members temporary URLs for their shops’ avatars', async () => {
      const mine = await emu.reply('shop', { action: 'myShops', payload: {} }, 'media-owner');
      await expectServes(mine.data.shops[0].shop.avatar);
    });
  });
});
