/**
 * wxa.sec.order.uploadShippingInfo (发货信息录入, upload_shipping_info): checked the way WeChat
 * documents it, then recorded so tests and the local shop can read what was sent (GET /api/shipping).
 * Doc: https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo
 *
 * Error codes: 10060001 支付单不存在, 10060003 支付单已使用重新发货机会 and 10060004 支付单处于不可发货的状态
 * are WeChat's own (seen in its answers). WeChat documents no per-field code for a missing or
 * malformed field; its generic 47001 "data format error" stands in for those here.
 */
import { WxApiError } from './errors';

export const PAYMENT_NOT_FOUND = 10060001;
export const RESHIP_USED = 10060003;
export const NOT_SHIPPABLE = 10060004;
export const DATA_FORMAT_ERROR = 47001;

/** What the pay sandbox knows of a payment, by WeChat Pay transaction id or merchant order number. */
export interface PaymentFacts {
  transactionId: string;
  outTradeNo: string;
  mchId: string;
  payerOpenId?: string;
  /** Paid and not refunded in full: only then may goods be reported shipped. */
  shippable: boolean;
}

export interface PaymentLookup {
  byTransactionId(id: string): PaymentFacts | undefined;
  byOutTradeNo(mchId: string, outTradeNo: string): PaymentFacts | undefined;
}

export interface ShippingItem {
  trackingNo?: string;
  expressCompany?: string;
  itemDesc: string;
  contact?: { consignorContact?: string; receiverContact?: string };
}

/** One accepted upload, as WeChat keeps it. */
export interface ShippingUpload {
  id: string;
  at: number;
  appid: string;
  transactionId: string;
  outTradeNo: string;
  orderKey: Record<string, unknown>;
  logisticsType: 1 | 2 | 3 | 4;
  deliveryMode: 1 | 2;
  isAllDelivered?: boolean;
  shippingList: ShippingItem[];
  uploadTime: string;
  payerOpenId: string;
  /** false for the first upload of a payment, true for its one re-ship. */
  reship: boolean;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const bad = (what: string) => new WxApiError(DATA_FORMAT_ERROR, `data format error: ${what}`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v !== '';
/** Characters as WeChat counts them in item_desc: one per code point. */
const length = (s: string) => Array.from(s).length;

function shippingItem(raw: unknown, index: number, logisticsType: number): ShippingItem {
  if (!isObject(raw)) throw bad(`shipping_list[${index}] is not an object`);
  const { tracking_no: trackingNo, express_company: expressCompany, item_desc: itemDesc, contact } = raw;
  if (!nonEmpty(itemDesc)) throw bad(`shipping_list[${index}].item_desc is required`);
  if (length(itemDesc) > 120) throw bad(`shipping_list[${index}].item_desc is longer than 120 characters`);
  if (logisticsType === 1) {
    if (!nonEmpty(trackingNo)) throw bad(`shipping_list[${index}].tracking_no is required for express delivery`);
    if (!nonEmpty(expressCompany)) throw bad(`shipping_list[${index}].express_company is required for express delivery`);
    if (trackingNo.length > 128) throw bad(`shipping_list[${index}].tracking_no is too long`);
    if (expressCompany.length > 128) throw bad(`shipping_list[${index}].express_company is too long`);
    // 顺丰 asks for a contact: the receiver's or the sender's, masked.
    const c = isObject(contact) ? contact : {};
    if (expressCompany === 'SF' && !nonEmpty(c.receiver_contact) && !nonEmpty(c.consignor_contact)) throw bad(`shipping_list[${index}].contact is required for SF`);
  }
  const c = isObject(contact) ? contact : undefined;
  return {
    itemDesc,
    ...(nonEmpty(trackingNo) && { trackingNo }),
    ...(nonEmpty(expressCompany) && { expressCompany }),
    ...(c && {
      contact: { ...(nonEmpty(c.consignor_contact) && { consignorContact: c.consignor_contact }), ...(nonEmpty(c.receiver_contact) && { receiverContact: c.receiver_contact }) },
    }),
  };
}

/**
 * Checks the snake_case body the SDK sent against the payments WeChat knows and the uploads made
 * before, and returns the upload to record (without id, time and app).
 */
export function validateShippingInfo(params: Record<string, unknown>, payments: PaymentLookup, previous: readonly ShippingUpload[]): Omit<ShippingUpload, 'id' | 'at' | 'appid'> {
  const { order_key: orderKey, logistics_type: logisticsType, delivery_mode: deliveryMode, is_all_delivered: isAllDelivered, shipping_list: list, upload_time: uploadTime, payer } = params;
  if (!isObject(orderKey)) throw bad('order_key is required');
  if (logisticsType !== 1 && logisticsType !== 2 && logisticsType !== 3 && logisticsType !== 4) throw bad('logistics_type must be 1, 2, 3 or 4');
  if (deliveryMode !== 1 && deliveryMode !== 2) throw bad('delivery_mode must be 1 or 2');
  if (deliveryMode === 2 && logisticsType !== 1) throw bad('split delivery is for express delivery only');
  if (deliveryMode === 2 && typeof isAllDelivered !== 'boolean') throw bad('is_all_delivered is required for split delivery');
  if (!Array.isArray(list) || list.length === 0) throw bad('shipping_list is required');
  if (list.length > (deliveryMode === 1 ? 1 : 15)) throw bad(deliveryMode === 1 ? 'unified delivery takes one shipping_list item' : 'shipping_list takes at most 15 items');
  const shippingList = list.map((item, index) => shippingItem(item, index, logisticsType));
  if (!nonEmpty(uploadTime) || !RFC3339.test(uploadTime) || Number.isNaN(Date.parse(uploadTime))) throw bad('upload_time must be RFC 3339, e.g. 2022-12-15T13:29:35.120+08:00');
  if (!isObject(payer) || !nonEmpty(payer.openid)) throw bad('payer.openid is required');

  let payment: PaymentFacts | undefined;
  if (orderKey.order_number_type === 2) {
    if (!nonEmpty(orderKey.transaction_id)) throw bad('order_key.transaction_id is required for order_number_type 2');
    payment = payments.byTransactionId(orderKey.transaction_id);
  } else if (orderKey.order_number_type === 1) {
    if (!nonEmpty(orderKey.mchid) || !nonEmpty(orderKey.out_trade_no)) throw bad('order_key.mchid and order_key.out_trade_no are required for order_number_type 1');
    payment = payments.byOutTradeNo(orderKey.mchid, orderKey.out_trade_no);
  } else {
    throw bad('order_key.order_number_type must be 1 or 2');
  }
  // A payer who is not the payment's is answered as WeChat answers a key it cannot match.
  if (!payment || (payment.payerOpenId !== undefined && payment.payerOpenId !== payer.openid)) throw new WxApiError(PAYMENT_NOT_FOUND, '支付单不存在');
  if (!payment.shippable) throw new WxApiError(NOT_SHIPPABLE, '支付单处于不可发货的状态');
  const earlier = previous.filter((upload) => upload.transactionId === payment.transactionId);
  // One upload and one re-ship per payment; a re-ship must carry a later upload_time.
  if (earlier.length >= 2) throw new WxApiError(RESHIP_USED, '支付单已使用重新发货机会');
  const last = earlier[earlier.length - 1];
  if (last && Date.parse(last.uploadTime) >= Date.parse(uploadTime)) throw bad('upload_time must be later than the previous upload');

  return {
    transactionId: payment.transactionId,
    outTradeNo: payment.outTradeNo,
    orderKey: { ...orderKey },
    logisticsType,
    deliveryMode,
    ...(typeof isAllDelivered === 'boolean' && { isAllDelivered }),
    shippingList,
    uploadTime,
    payerOpenId: payer.openid,
    reship: earlier.length === 1,
  };
}
