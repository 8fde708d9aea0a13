// WeChat Pay through cloud payment (cloud.cloudPay): the three calls the functions make, and what
// each reply means. A call that breaks (network, SDK) throws as it is; a reply comes back parsed
// into what the caller decides on, with WeChat Pay's own words (`detail`) for the logs.
import { randomBytes } from 'node:crypto';
import cloud from 'wx-server-sdk';
import type { WxPayParams } from '@core/contracts';

/** What cloudPay answers: WeChat Pay v2 fields in camelCase. */
interface PayReply {
  returnCode?: string;
  returnMsg?: string;
  resultCode?: string;
  errCode?: string | number;
  errCodeDes?: string;
}

interface CloudPay {
  unifiedOrder(params: Record<string, unknown>): Promise<PayReply & { payment?: WxPayParams }>;
  refund(params: Record<string, unknown>): Promise<PayReply & { refundId?: string }>;
  queryOrder(params: Record<string, unknown>): Promise<PayReply & { tradeState?: string; totalFee?: number; transactionId?: string }>;
}

// wx-server-sdk 4.0.2 declares no types for cloudPay.
const cloudPay = (): CloudPay => (cloud as unknown as { cloudPay: CloudPay }).cloudPay;

const nonceStr = (): string => randomBytes(16).toString('hex');
const succeeded = (reply: PayReply): boolean => reply.returnCode === 'SUCCESS' && reply.resultCode === 'SUCCESS';
const replyText = (reply: PayReply): string => `${reply.returnCode}/${reply.resultCode ?? '-'} ${reply.errCode ?? ''} ${reply.errCodeDes ?? reply.returnMsg ?? ''}`.trim();
const clip = (text: string, chars: number): string => Array.from(text).slice(0, chars).join('');
/** WeChat Pay counts body in bytes (128); 40 Chinese characters stay under it. */
const BODY_MAX_CHARS = 40;
/** refund_desc's limit. */
const REFUND_DESC_MAX_CHARS = 80;

export interface PrepayRequest {
  /** What the buyer's bill shows; clipped to WeChat Pay's limit. */
  body: string;
  outTradeNo: string;
  subMchId: string;
  totalFee: number;
  /** The cloud function WeChat Pay sends its payment notice to. */
  notifyFunction: string;
}

export type Prepay =
  | { kind: 'ready'; payment: WxPayParams }
  /** WeChat Pay says this order number is paid already (ORDERPAID). */
  | { kind: 'paid' }
  | { kind: 'refused'; detail: string };

/** A JSAPI prepay for the buyer's pay sheet. The same number, amount and body asked again get the same prepay. */
export async function unifiedOrder(request: PrepayRequest): Promise<Prepay> {
  const reply = await cloudPay().unifiedOrder({
    body: clip(request.body, BODY_MAX_CHARS),
    outTradeNo: request.outTradeNo,
    spbillCreateIp: '127.0.0.1',
    subMchId: request.subMchId,
    totalFee: request.totalFee,
    envId: cloud.getWXContext().ENV,
    functionName: request.notifyFunction,
    nonceStr: nonceStr(),
    tradeType: 'JSAPI',
  });
  if (reply.errCode === 'ORDERPAID') return { kind: 'paid' };
  if (!succeeded(reply) || !reply.payment) return { kind: 'refused', detail: replyText(reply) };
  const { timeStamp, nonceStr: nonce, package: pkg, signType, paySign } = reply.payment;
  return { kind: 'ready', payment: { timeStamp, nonceStr: nonce, package: pkg, signType, paySign } };
}

/** A trade as WeChat Pay knows it; `state` is its trade_state (SUCCESS paid, REFUND paid and refunded, NOTPAY...). */
export interface Trade {
  state: string | undefined;
  totalFee: number | undefined;
  transactionId: string | undefined;
}

/** The trade for an order number; null when WeChat Pay has none (ORDERNOTEXIST: the pay sheet was never opened). Throws when WeChat Pay cannot be asked. */
export async function queryOrder(subMchId: string, outTradeNo: string): Promise<Trade | null> {
  const reply = await cloudPay().queryOrder({ subMchId, outTradeNo, nonceStr: nonceStr() });
  if (reply.returnCode !== 'SUCCESS') throw new Error(`queryOrder for ${outTradeNo} failed: ${replyText(reply)}`);
  if (reply.resultCode !== 'SUCCESS') return null;
  return { state: reply.tradeState, totalFee: reply.totalFee, transactionId: reply.transactionId };
}

export interface RefundRequest {
  subMchId: string | null;
  outTradeNo: string;
  /** One per refund: the same number sent again is applied at most once. */
  outRefundNo: string;
  totalFee: number;
  refundFee: number;
  /** Shown to the buyer; clipped to WeChat Pay's limit, left out when empty. */
  reason: string;
}

export type RefundReply =
  | { kind: 'accepted' }
  /** `reason` is WeChat Pay's own description, when it gave one. */
  | { kind: 'refused'; reason: string | undefined; detail: string };

export async function refund(request: RefundRequest): Promise<RefundReply> {
  const reply = await cloudPay().refund({
    subMchId: request.subMchId,
    nonceStr: nonceStr(),
    outTradeNo: request.outTradeNo,
    outRefundNo: request.outRefundNo,
    totalFee: request.totalFee,
    refundFee: request.refundFee,
    ...(request.reason && { refundDesc: clip(request.reason, REFUND_DESC_MAX_CHARS) }),
  });
  if (succeeded(reply)) return { kind: 'accepted' };
  return { kind: 'refused', reason: reply.errCodeDes ?? reply.returnMsg, detail: replyText(reply) };
}
