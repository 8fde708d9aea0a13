// Shared fixtures of the campaign tests: 老张's shop with two pickup points, 腊肉 and 香肠, and a
// 接龙 of 腊肉 with tiers at 50 and 100 斤.
import type { CampaignInput } from '@core/contracts/campaigns';
import type { CampaignContext, CampaignDoc, CampaignOrder, CampaignProduct } from '@core/campaigns';
import { createCampaign, publishCampaign } from '@core/campaigns';
import type { OrderState } from '@core/contracts/orders';
import { lineTotalFen } from '@core/money';
import type { ShopDoc } from '@core/model';
import { defaultShopSettings } from '@core/shops';

/** 2025-06-12 12:00 in Asia/Shanghai. */
export const NOON = Date.UTC(2025, 5, 12, 4, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
/** 20:00 the same day in Shanghai: tonight's 截团. */
export const TONIGHT = NOON + 8 * HOUR;

export function shop(): Pick<ShopDoc, '_id' | 'fulfilment'> {
  const settings = defaultShopSettings('老张山货铺');
  settings.fulfilment.pickup = {
    enabled: true,
    points: [
      { id: 'town', name: '镇上门店', address: '酉阳县桃花源路 1 号', hours: '9:00-18:00' },
      { id: 'village', name: '村口小卖部', address: '龙潭村口', hours: '' },
    ],
  };
  return { _id: 'demo-shop', fulfilment: settings.fulfilment };
}

export const larou: CampaignProduct = {
  _id: 'larou',
  shopId: 'demo-shop',
  name: '酉阳腊肉',
  unit: '斤',
  images: ['/media/larou.svg'],
  status: 'on_sale',
  skus: [
    { id: 'wuhua', spec: '五花', priceLi: 58_000, stock: 300, tiers: [{ minQty: 10, priceLi: 55_000 }], minQty: 1, stepQty: 1 },
    { id: 'houtui', spec: '后腿', priceLi: 52_000, stock: 150, tiers: [], minQty: 1, stepQty: 1 },
  ],
};

export const xiangchang: CampaignProduct = {
  _id: 'xiangchang',
  shopId: 'demo-shop',
  name: '麻辣香肠',
  unit: '斤',
  images: ['/media/xiangchang.svg'],
  status: 'on_sale',
  skus: [{ id: 'mala', spec: '', priceLi: 46_000, stock: 80, tiers: [], minQty: 1, stepQty: 1 }],
};

export const ctx = (products: CampaignProduct[] = [larou, xiangchang]): CampaignContext => ({ shop: shop(), products });

/** 腊肉 ¥30.00/斤, ¥25.00 from 50 斤, ¥22.50 from 100 斤; 香肠 ¥40.00 flat, 5 斤 each at most. */
export function input(change: (draft: CampaignInput) => void = () => {}): CampaignInput {
  const draft: CampaignInput = {
    title: '今晚截单：酉阳腊肉，满50斤每斤降5元',
    text: '柴火烟熏，年前最后一批。',
    images: [],
    startAt: NOON,
    endAt: TONIGHT,
    items: [
      { productId: 'larou', skuIds: ['wuhua', 'houtui'], priceLi: 30_000, tiers: [{ minQty: 50, priceLi: 25_000 }, { minQty: 100, priceLi: 22_500 }], limitPerBuyer: null, stockCap: null },
      { productId: 'xiangchang', skuIds: ['mala'], priceLi: 40_000, tiers: [], limitPerBuyer: 5, stockCap: 60 },
    ],
    fulfilment: { express: true, local: false, pickupPointIds: ['town'] },
  };
  change(draft);
  return draft;
}

/** A draft made from `input()`, or throws. */
export function draft(change?: (draft: CampaignInput) => void): CampaignDoc {
  const result = createCampaign({ id: 'c1', shopId: 'demo-shop', by: 'laozhang', at: NOON - HOUR, input: input(change), ctx: ctx() });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.campaign;
}

/** The draft opened at noon. */
export function open(change?: (draft: CampaignInput) => void): CampaignDoc {
  const result = publishCampaign(draft(change), ctx(), { now: NOON, startNow: true });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.campaign;
}

let orderCount = 0;

/** A campaign order of 腊肉 (五花) at a unit price, in a state, with a history that reached it at `at`. */
export function order(fields: { quantity?: number; unitPriceLi?: number; state?: OrderState; at?: number; buyer?: string; name?: string; seq?: number | null; mode?: 'wechat' | 'offline' } = {}): CampaignOrder {
  orderCount += 1;
  const { quantity = 2, unitPriceLi = 30_000, state = 'paid', at = NOON + HOUR, buyer = `buyer-${orderCount}`, name = '王阿姨', mode = 'wechat' } = fields;
  const totalFen = lineTotalFen(unitPriceLi, quantity);
  const counts = !['to_pay', 'cancelled', 'refunded'].includes(state);
  return {
    _id: `o${orderCount}`,
    orderNo: `N${orderCount}`,
    buyerOpenId: buyer,
    state,
    pendingRefund: null,
    lines: [{ productId: 'larou', skuId: 'wuhua', name: '酉阳腊肉', spec: '五花', unit: '斤', image: '', quantity, unitPriceLi, priceSource: { kind: 'base' }, totalFen }],
    totalFen,
    payment: { mode, paidFen: state === 'to_pay' || state === 'to_confirm' ? 0 : totalFen, refundedFen: 0 },
    fulfilment: { kind: 'pickup', point: shop().fulfilment.pickup.points[0], contact: { name, phone: '13800138000' } },
    buyerNote: '',
    createdAt: at - MINUTE,
    history: [
      { to: 'to_pay', at: at - MINUTE },
      ...(state === 'to_pay' ? [] : [{ to: state, at }]),
    ],
    campaign: { campaignId: 'c1', seq: fields.seq === undefined ? (counts ? orderCount : null) : fields.seq, countedAt: counts ? at : null, displayName: name, avatar: '', difference: null },
  };
}
