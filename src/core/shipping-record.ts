// WeChat's shipping record (发货信息管理): a mini-program that takes WeChat Pay must tell WeChat
// how each paid order left the shop, or the money's settlement stays frozen. This module decides,
// purely, when an order owes WeChat a (new) record and what the upload says; the orders function
// stores the record with the state change and sends it (cloudfunctions/orders/shipping-record.ts).
//
// The call: upload_shipping_info, https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo
// (and the service overview, https://developers.weixin.qq.com/miniprogram/dev/platform-capabilities/business-capabilities/order-shipping/order-shipping.html).
// WeChat lets a payment's shipping be uploaded once and corrected once ("每笔支付单仅有一次重新发货机会").
import type { OrderState } from './contracts/orders';
import type { OrderDoc, ShippingRecord } from './model';

/**
 * The carriers a vendor picks from, with WeChat's express_company codes (the delivery_id of
 * WeChat's 运力 list, get_delivery_list). One table: the ship form, the import and the upload read it.
 * `names` are what vendors type; the first is the one shown.
 */
export const CARRIERS = [
  { code: 'SF', names: ['顺丰', '顺丰速运', '顺丰快递'] },
  { code: 'ZTO', names: ['中通', '中通快递'] },
  { code: 'YTO', names: ['圆通', '圆通速递', '圆通快递'] },
  { code: 'YD', names: ['韵达', '韵达快递', '韵达速递'] },
  { code: 'STO', names: ['申通', '申通快递'] },
  { code: 'JTSD', names: ['极兔', '极兔速递', '极兔快递'] },
  // EMS before 邮政: "邮政EMS" is EMS; plain 邮政 is the post's parcel service (邮政快递包裹).
  { code: 'EMS', names: ['EMS', '邮政EMS', '中国邮政EMS'] },
  { code: 'YZPY', names: ['邮政', '邮政快递包裹', '中国邮政', '邮政包裹'] },
  { code: 'JD', names: ['京东', '京东快递', '京东物流'] },
] as const;

export type ExpressCompanyCode = (typeof CARRIERS)[number]['code'];

/** WeChat's code for a carrier as the vendor wrote it ("顺丰", "顺丰速运", "ems"); null when it is none of the list. */
export function expressCompanyCode(carrier: string): ExpressCompanyCode | null {
  const name = carrier.replace(/\s+/g, '').toUpperCase();
  if (!name) return null;
  const exact = CARRIERS.find((c) => c.code === name || c.names.some((n) => n.toUpperCase() === name));
  if (exact) return exact.code;
  return CARRIERS.find((c) => c.names.some((n) => name.includes(n.toUpperCase())))?.code ?? null;
}

/** logistics_type: 1 express parcel, 2 local delivery (同城配送), 3 virtual goods, 4 pickup (用户自提). */
export type LogisticsType = 1 | 2 | 3 | 4;

/** States in which the goods have left the shop or wait at the pickup point for the buyer. */
const HANDED_OVER: readonly OrderState[] = ['shipped', 'ready_for_pickup', 'completed'];

interface Facts {
  logisticsType: LogisticsType;
  trackingNo: string | null;
  carrier: string | null;
}

/**
 * How the order left the shop, as WeChat asks it. An express parcel without a tracking number was
 * taken by the vendor's own hand (WeChat requires number and carrier for type 1), so it is
 * reported as local delivery, which needs neither.
 */
function factsOf(order: OrderDoc): Facts {
  const { fulfilment } = order;
  if (fulfilment.kind === 'pickup') return { logisticsType: 4, trackingNo: null, carrier: null };
  if (fulfilment.kind === 'express' && fulfilment.tracking) return { logisticsType: 1, trackingNo: fulfilment.tracking.number, carrier: fulfilment.tracking.carrier };
  return { logisticsType: 2, trackingNo: null, carrier: null };
}

const sameFacts = (a: Facts, b: Pick<ShippingRecord, 'logisticsType' | 'trackingNo' | 'carrier'>) =>
  a.logisticsType === b.logisticsType && a.trackingNo === b.trackingNo && a.carrier === b.carrier;

/**
 * The record `after` owes WeChat, or null when this change owes nothing new: a WeChat Pay order
 * that has just shipped, been made ready for pickup or handed over, or whose tracking changed
 * (a re-ship with a corrected number). The same facts are never recorded twice, so a refund that
 * resumes the shipped order, or its completion, uploads nothing. Orders handed over before records
 * were kept (no record) get none for later changes of state.
 *
 * @param retryAt until when the saving call alone may send it (the timer leaves it alone).
 */
export function newShippingRecord(before: OrderDoc, after: OrderDoc, at: number, retryAt: number): ShippingRecord | null {
  if (after.payment.mode !== 'wechat' || !after.payment.transactionId || !HANDED_OVER.includes(after.state)) return null;
  const last = before.shippingRecord ?? null;
  if (!last && HANDED_OVER.includes(before.state)) return null;
  const facts = factsOf(after);
  if (last && sameFacts(facts, last)) return null;
  const code = facts.logisticsType === 1 ? expressCompanyCode(facts.carrier ?? '') : null;
  return {
    seq: (last?.seq ?? 0) + 1,
    ...facts,
    expressCompany: code,
    uploadTime: at,
    // A carrier WeChat does not know would be refused on every try: kept for a person, not sent.
    status: facts.logisticsType === 1 && !code ? 'blocked' : 'pending',
    retryAt,
    attempts: 0,
    lastError: facts.logisticsType === 1 && !code ? `快递公司“${facts.carrier}”不在微信的快递公司列表里` : null,
    acceptedAt: null,
  };
}

/** RFC 3339 in Beijing time, as WeChat's examples write it: 2022-12-15T13:29:35.120+08:00. */
export function rfc3339Shanghai(at: number): string {
  return new Date(at + 8 * 3600_000).toISOString().replace('Z', '+08:00');
}

/** What was sent: the goods in words, at most 120 characters (WeChat's limit for item_desc). */
export function itemDesc(order: Pick<OrderDoc, 'lines'>): string {
  const text = order.lines.map((line) => `${line.name}${line.spec ? ` ${line.spec}` : ''}×${line.quantity}`).join('、');
  const chars = Array.from(text);
  return chars.length <= 120 ? text : `${chars.slice(0, 119).join('')}…`;
}

function maskedPhone(order: OrderDoc): string {
  const phone = order.fulfilment.kind === 'pickup' ? order.fulfilment.contact.phone : order.fulfilment.address.phone;
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}

/** The body of upload_shipping_info for this record (snake_case, as WeChat documents it). */
export function uploadShippingInfoRequest(order: OrderDoc, record: ShippingRecord) {
  return {
    // Type 2, by WeChat Pay's transaction id: the one key the order always has once paid (type 1
    // would need the merchant number the payment was made under, which a sub-merchant setup blurs).
    order_key: { order_number_type: 2, transaction_id: order.payment.transactionId ?? '' },
    logistics_type: record.logisticsType,
    delivery_mode: 1,
    shipping_list: [
      {
        ...(record.logisticsType === 1 && { tracking_no: record.trackingNo ?? '', express_company: record.expressCompany ?? '' }),
        item_desc: itemDesc(order),
        // 顺丰 needs a contact (receiver's or sender's), masked the way WeChat's example is: 189****1234.
        ...(record.expressCompany === 'SF' && { contact: { receiver_contact: maskedPhone(order) } }),
      },
    ],
    upload_time: rfc3339Shanghai(record.uploadTime),
    payer: { openid: order.buyerOpenId },
  };
}

export type UploadShippingInfoRequest = ReturnType<typeof uploadShippingInfoRequest>;
