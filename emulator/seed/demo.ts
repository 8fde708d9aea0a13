// The demo shop seeded on the emulator's first start: goods from the articles the product was
// born from (Youyang cured meat and 渣海椒, lotus seeds, hazel mushrooms from the north-east,
// forest ginseng, Pengshui 黑老虎, and Yiwu zippers at seven fen each).
import { createCampaign, publishCampaign, type CampaignResult } from '@core/campaigns';
import { startOfShanghaiDay } from '@core/dates';
import { newLiveShow, type LiveShowDoc } from '@core/live';
import { memberId, type MemberDoc, type ProductDoc, type ShopDoc } from '@core/model';
import type { SkuInput } from '@core/contracts/catalog';
import { defaultShopSettings } from '@core/shops';
import { DEMO_IDENTITIES } from '../identities';

export const DEMO_SHOP_ID = 'demo-shop';

const DAY_MS = 24 * 60 * 60 * 1000;

type SeedProduct = Omit<ProductDoc, 'shopId' | 'createdAt' | 'updatedAt' | 'sort' | 'status' | 'perishable' | 'skus'> & {
  status?: ProductDoc['status'];
  perishable?: ProductDoc['perishable'];
  skus: (SkuInput & { id: string })[];
};

function products(now: number): SeedProduct[] {
  return [
    {
      _id: 'larou',
      name: '酉阳柴火烟熏腊肉',
      unit: '斤',
      description: '自家养的土猪，松柏枝柴火慢熏四十天。肥瘦相间，蒸、炒都香。冬至前发完今年第一批。',
      images: ['/media/seed/larou.svg'],
      skus: [
        { id: 'wuhua', spec: '五花', priceLi: 58_000, stock: 200, tiers: [{ minQty: 10, priceLi: 55_000 }] },
        { id: 'houtui', spec: '后腿', priceLi: 52_000, stock: 150 },
      ],
      ship: { kind: 'days', days: 2 },
      perishable: { shelfLifeDays: 180 },
    },
    {
      _id: 'lachang',
      name: '手工腊肠',
      unit: '斤',
      description: '三分肥七分瘦，灌好后挂在火塘上熏。麻辣和广味两种口味。',
      images: ['/media/seed/lachang.svg'],
      skus: [
        { id: 'mala', spec: '麻辣', priceLi: 56_000, stock: 120 },
        { id: 'guangwei', spec: '广味', priceLi: 52_000, stock: 80 },
      ],
      ship: { kind: 'days', days: 2 },
    },
    {
      _id: 'zhahaijiao',
      name: '坛子渣海椒',
      unit: '瓶',
      description: '辣椒碎拌玉米粉，坛子里腌足一个月。吃的时候用油炒一炒，配腊肉、拌饭都好吃。',
      images: ['/media/seed/zhahaijiao.svg'],
      skus: [{ id: '500g', spec: '500克', priceLi: 18_800, stock: 300 }],
      ship: { kind: 'days', days: 3 },
    },
    {
      _id: 'lianzi',
      name: '湘潭寸三莲子',
      unit: '斤',
      description: '手工去芯的白莲，颗粒饱满，炖汤好煮烂。',
      images: ['/media/seed/lianzi.svg'],
      skus: [{ id: 'bailian', spec: '去芯白莲', priceLi: 45_000, stock: 100 }],
      ship: { kind: 'days', days: 3 },
    },
    {
      _id: 'zhenmo',
      name: '大兴安岭野生榛蘑',
      unit: '斤',
      description: '山里乡亲秋天采的榛蘑，晒干后挑拣。新货预售，到货统一发出。',
      images: ['/media/seed/zhenmo.svg'],
      skus: [{ id: 'gan', spec: '干货', priceLi: 68_000, stock: 500 }],
      ship: { kind: 'presale', shipAt: startOfShanghaiDay(now + 14 * DAY_MS) },
    },
    {
      _id: 'linxiashen',
      name: '长白山林下参',
      unit: '支',
      description: '林子里自然生长的人参，每支单独装盒，附产地证明。',
      images: ['/media/seed/linxiashen.svg'],
      skus: [
        { id: '8y', spec: '8年', priceLi: 128_000, stock: 30 },
        { id: '15y', spec: '15年', priceLi: 368_000, stock: 10 },
      ],
      ship: { kind: 'days', days: 3 },
    },
    {
      _id: 'lingzhi',
      name: '林下赤灵芝',
      unit: '盒',
      description: '基地里自然长成的赤灵芝，切片装盒，每盒250克。',
      images: ['/media/seed/lingzhi.svg'],
      skus: [{ id: '250g', spec: '切片250克', priceLi: 128_000, stock: 40 }],
      ship: { kind: 'days', days: 3 },
    },
    {
      _id: 'heilaohu',
      name: '彭水黑老虎鲜果',
      unit: '斤',
      description: '熟透了才摘的黑老虎，果肉多、甜。鲜果不耐放，今年的已经卖完。',
      images: ['/media/seed/heilaohu.svg'],
      skus: [{ id: 'xian', spec: '鲜果', priceLi: 39_900, stock: 0 }],
      ship: { kind: 'days', days: 1 },
      perishable: { shelfLifeDays: 5 },
      status: 'sold_out',
    },
    {
      _id: 'lalian',
      name: '义乌尼龙拉链',
      unit: '条',
      description: '工厂直发的尼龙拉链，做衣服、包、口罩绳都合适。最便宜的一条7分钱。',
      images: ['/media/seed/lalian.svg'],
      skus: [
        { id: 'no3-15', spec: '3号 15厘米', priceLi: 70, stock: 2_000_000, minQty: 100, stepQty: 100, tiers: [{ minQty: 1000, priceLi: 65 }, { minQty: 10_000, priceLi: 60 }] },
        { id: 'no5-20', spec: '5号 20厘米', priceLi: 95, stock: 1_000_000, minQty: 100, stepQty: 100, tiers: [{ minQty: 1000, priceLi: 88 }] },
      ],
      ship: { kind: 'days', days: 2 },
    },
  ];
}


export interface SeedTarget {
  insert(collection: string, doc: Record<string, unknown>): string;
}

/** Where a campaign built from fixed demo data would have failed: a bug in the seed, said loudly. */
function mustMove(result: CampaignResult) {
  if (!result.ok) throw new Error(`demo campaign refused: ${result.problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
  return result.campaign;
}

/**
 * The 接龙 a vendor would post in the hometown groups: open now, 截团 at 20:00 (tonight, or
 * tomorrow when tonight is less than two hours away), 腊肉 with prices that fall at 50 and 100 斤,
 * and 腊肠 at one price, picked up at the shop in town.
 */
function seedDemoCampaign(db: SeedTarget, shop: ShopDoc, goods: ProductDoc[], now: number): void {
  const eightPm = startOfShanghaiDay(now) + 20 * 60 * 60 * 1000;
  const endAt = eightPm - now >= 2 * 60 * 60 * 1000 ? eightPm : eightPm + DAY_MS;
  const ctx = { shop, products: goods };
  const owner = shop.ownerOpenId;
  const draft = mustMove(
    createCampaign({
      id: 'demo-campaign',
      shopId: shop._id,
      by: owner,
      at: now,
      ctx,
      input: {
        title: '今晚截单：酉阳腊肉，满50斤每斤降5元',
        text: '老张家今年第一批柴火腊肉，松柏枝熏足四十天。大家一起接龙：满 50 斤每斤降 5 元，满 100 斤每斤再降 2 元，截团后多付的差价自动退回。镇上老张腊味店自提。',
        images: ['/media/seed/larou.svg'],
        startAt: now,
        endAt,
        items: [
          { productId: 'larou', skuIds: ['wuhua', 'houtui'], priceLi: 52_000, tiers: [{ minQty: 50, priceLi: 47_000 }, { minQty: 100, priceLi: 45_000 }], limitPerBuyer: 20, stockCap: null },
          { productId: 'lachang', skuIds: ['mala', 'guangwei'], priceLi: 50_000, tiers: [], limitPerBuyer: null, stockCap: 100 },
        ],
        fulfilment: { express: false, local: false, pickupPointIds: ['town'] },
      },
    }),
  );
  db.insert('campaigns', { ...mustMove(publishCampaign(draft, ctx, { now, startNow: true })) });
}

/** The demo shop's Channels account: the live page's 进入直播间 and 预约 ask the emulator about it. */
export const DEMO_LIVE_SETTINGS = { finderUserName: 'sphDemoLaozhang', autoEndMinutes: 240 };

/** The demo show's id, readable in links: /packages/live/show/index?showId=demo-live. */
export const DEMO_LIVE_SHOW_ID = 'demo-live';

/**
 * A scheduled show, as the live function's createShow would store it: 长白山林下参专场 at 20:00
 * (tonight, or tomorrow once tonight's has passed) with 阿凤 as its streamer, 林下参 8年 at a live
 * price under its usual ¥128 (2 per buyer, 20 at that price), 灵芝 and 榛蘑 beside it. Every
 * item's live price is on, as for a new show; it applies only once the show is live.
 */
function demoLiveShow(shop: ShopDoc, now: number): LiveShowDoc {
  const eightPm = startOfShanghaiDay(now) + 20 * 60 * 60 * 1000;
  const streamer = DEMO_IDENTITIES.find((identity) => identity.role === 'streamer');
  const owner = DEMO_IDENTITIES.find((identity) => identity.openid === shop.ownerOpenId);
  return newLiveShow({
    id: DEMO_LIVE_SHOW_ID,
    shopId: shop._id,
    title: '长白山林下参专场',
    startAt: eightPm > now ? eightPm : eightPm + DAY_MS,
    finderUserName: DEMO_LIVE_SETTINGS.finderUserName,
    streamerOpenIds: streamer ? [streamer.openid] : [],
    items: [
      { productId: 'linxiashen', skuId: '8y', livePriceLi: 98_000, limitPerBuyer: 2, stockCap: 20 },
      { productId: 'lingzhi', skuId: '250g', livePriceLi: 99_000, limitPerBuyer: null, stockCap: null },
      { productId: 'zhenmo', skuId: 'gan', livePriceLi: 58_000, limitPerBuyer: 5, stockCap: null },
    ],
    createdBy: shop.ownerOpenId,
    byName: owner?.name ?? '',
    now,
  });
}

export interface SeedOptions {
  /** Also an open 接龙 campaign (for `npm start`; tests build their own). */
  campaign?: boolean;
  /** Also the shop's live settings and a scheduled show (`demo-live`); unless told, seeded with the campaign. */
  live?: boolean;
}

export function seedDemoShop(db: SeedTarget, now: number, options: SeedOptions = {}): void {
  const shop: ShopDoc = {
    ...defaultShopSettings('老张山货铺'),
    _id: DEMO_SHOP_ID,
    intro: '重庆酉阳的腊肉腊肠、渣海椒，也替各地乡亲卖点山货。熟人下单，放心吃。',
    avatar: '/media/seed/shop.svg',
    contact: { wechatId: 'laozhang-shanhuo', phone: '' },
    ownerOpenId: '',
    createdAt: now,
    updatedAt: now,
  };
  shop.fulfilment.pickup = { enabled: true, points: [{ id: 'town', name: '镇上老张腊味店', address: '酉阳县龙潭镇老街 18 号', hours: '每天 8:00-20:00' }] };
  // Every demo identity but the buyers works in the demo shop, so each console can be tried.
  for (const identity of DEMO_IDENTITIES) {
    if (identity.role === 'buyer') continue;
    if (identity.role === 'owner') shop.ownerOpenId = identity.openid;
    const member: MemberDoc = { _id: memberId(DEMO_SHOP_ID, identity.openid), shopId: DEMO_SHOP_ID, openid: identity.openid, name: identity.name, role: identity.role, joinedAt: now };
    db.insert('members', { ...member });
  }
  if (options.live ?? options.campaign) shop.live = { ...DEMO_LIVE_SETTINGS };
  db.insert('shops', { ...shop });
  const goods = products(now).map((product, index) => {
    const doc: ProductDoc = {
      status: 'on_sale',
      perishable: null,
      ...product,
      skus: product.skus.map((sku) => ({ tiers: [], minQty: 1, stepQty: 1, ...sku })),
      shopId: DEMO_SHOP_ID,
      sort: index + 1,
      createdAt: now,
      updatedAt: now,
    };
    db.insert('products', { ...doc });
    return doc;
  });
  if (options.campaign) seedDemoCampaign(db, shop, goods, now);
  if (options.live ?? options.campaign) db.insert('liveShows', { ...demoLiveShow(shop, now) });
}
