/**
 * The emulator's `wx.wxPayApi` admin action: what `cloud.cloudPay.*` in a cloud function reaches,
 * plus the local "pay sheet" that stands in for the buyer confirming `wx.requestPayment`.
 *
 * Wire format (wx-server-sdk 4.0.2 → @cloudbase/node-sdk `callWxPayApi`): multipart/form-data with
 * action=wx.wxPayApi, apiName=<unifiedOrder|queryOrder|refund|...>, apiOptions=<protobuf
 * ApiOptions{appid}>, requestData=<JSON of the params, already snake_case>. The reply body is JSON
 * in snake_case (WeChat Pay v2 fields); the SDK JSON-parses it, converts it to camelCase and adds
 * `errCode: 0, errMsg: 'cloudPay.<api>:ok'`. The quirk (as in openapi/protocol.ts; pinned by
 * tests/emulator/pay.test.ts): a reply whose content-type is
 * exactly `application/json; charset=utf-8` is parsed by the requester first and then rejected as
 * "tcb must not return object", so WeChat-level replies go out as `application/json`; that exact
 * content-type is kept for TCB-level errors `{code, message}`, which the SDK throws.
 *
 * WeChat Pay semantics kept: business failures come back as `result_code: 'FAIL'` with `err_code`
 * and `err_code_des` (the SDK does not throw), parameter failures as `return_code: 'FAIL'`. A
 * repeated unifiedOrder with the same out_trade_no and the same order returns the same prepay;
 * a different amount or description fails (INVALID_REQUEST "201 商户订单号重复"), a paid one
 * ORDERPAID. Refunds never exceed what was paid, each out_refund_no is applied once (a replay
 * returns the first result; a replay with other amounts fails REFUND_FEE_MISMATCH), ≤ 50 per order.
 *
 * The payment notification is invoked on the callback function named in unifiedOrder with the
 * fields of WeChat Pay's "支付结果通知" in camelCase (returnCode, resultCode, outTradeNo,
 * transactionId, totalFee, cashFee, subMchId, subOpenid, timeEnd, ...); it is redelivered while
 * the function does not answer `{errcode: 0}` (bounded here by `retries`). No refund notification
 * is delivered (not emulated).
 *
 * State lives in memory, and in `file` (one JSON document rewritten atomically) when given.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { MultipartError, multipartFields } from '../openapi/multipart';
import { HttpError, parseJsonText, tcbError, type HttpReply, type MultipartCall } from '../http';


export type TradeState = 'NOTPAY' | 'SUCCESS' | 'REFUND';

export interface PayOrder {
  outTradeNo: string;
  prepayId: string;
  body: string;
  attach?: string;
  totalFee: number;
  feeType: string;
  subMchId: string;
  subAppid?: string;
  appid: string;
  /** The buyer: the openid of the user whose function call placed the order (or sub_openid). */
  subOpenid?: string;
  envId: string;
  functionName: string;
  spbillCreateIp: string;
  tradeType: string;
  nonceStr: string;
  createdAt: number;
  tradeState: TradeState;
  transactionId?: string;
  /** yyyyMMddHHmmss, Beijing time, as WeChat Pay writes it. */
  timeEnd?: string;
  refundedFee: number;
  /** Notifications delivered so far, and whether one was acknowledged with {errcode: 0}. */
  notifications: number;
  acknowledged: boolean;
}

export interface PayRefund {
  outRefundNo: string;
  refundId: string;
  outTradeNo: string;
  transactionId: string;
  totalFee: number;
  refundFee: number;
  refundDesc?: string;
  createdAt: number;
  /** The reply given to the first request; a replay with the same out_refund_no gets it again. */
  reply: Record<string, unknown>;
}

export interface PayOptions {
  /** Notifications delivered after the acknowledged one, as WeChat Pay does when it is unsure. */
  duplicates?: number;
  /** Wait before each delivery. */
  delayMs?: number;
  /** Notify this amount instead of the order's (a forged or mismatched notification). */
  amountFen?: number;
  /** Redeliveries while the callback does not answer {errcode: 0}. Default 2 (WeChat: up to two days). */
  retries?: number;
}

export interface PaySandboxOptions {
  now?: () => number;
  /** Runs a cloud function with an event; resolves with its return value (or anything on failure). */
  invoke: (functionName: string, event: unknown) => Promise<unknown>;
  /** JSON file for orders and refunds; created when missing. In memory only when omitted. */
  file?: string;
}

/** The service-provider merchant and app that cloud payment runs under; fixed locally. */
export const LOCAL_MCH_ID = '1900000100';
const LOCAL_APPID = 'wx-cactus-local';
const SIGN_KEY = 'cactus-local-pay-sandbox';
const MAX_REFUNDS_PER_ORDER = 50;
const BEIJING_OFFSET_MS = 8 * 3600_000;

const JSON_CONTENT_TYPE = 'application/json';

export class PayError extends Error {}

interface State {
  sequence: number;
  orders: Record<string, PayOrder>;
  refunds: Record<string, PayRefund>;
}

type Params = Record<string, unknown>;
type Reply = Record<string, unknown>;

export class PaySandbox {
  private readonly now: () => number;
  private readonly invoke: PaySandboxOptions['invoke'];
  private readonly file?: string;
  private readonly state: State;

  constructor(opts: PaySandboxOptions) {
    this.now = opts.now ?? Date.now;
    this.invoke = opts.invoke;
    this.file = opts.file;
    this.state = this.file && existsSync(this.file)
      ? (JSON.parse(readFileSync(this.file, 'utf8')) as State)
      : { sequence: 0, orders: {}, refunds: {} };
  }

  /** Handle one admin request with action "wx.wxPayApi". */
  async handle(req: MultipartCall): Promise<HttpReply> {
    let apiName: string;
    let params: Params;
    try {
      const fields = multipartFields(req.body, req.contentType);
      apiName = fields.get('apiName')?.toString('utf8') ?? '';
      const requestData = fields.get('requestData');
      if (!apiName || !requestData) return tcbError('INVALID_PARAM', 'wx.wxPayApi needs apiName and requestData');
      const parsed = parseJsonText(requestData.toString('utf8'));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return tcbError('INVALID_PARAM', 'requestData is not a JSON object');
      params = parsed as Params;
    } catch (e) {
      if (e instanceof MultipartError) return tcbError('INVALID_PARAM', e.message);
      if (e instanceof HttpError) return tcbError('INVALID_PARAM', `requestData: ${e.message}`);
      throw e;
    }
    const caller = req.caller ?? {};
    let reply: Reply;
    try {
      if (apiName === 'unifiedOrder') reply = this.unifiedOrder(params, caller);
      else if (apiName === 'queryOrder') reply = this.queryOrder(params);
      else if (apiName === 'refund') reply = this.refund(params);
      else return tcbError('INVALID_PARAM', `not emulated: cloudPay.${apiName}`);
    } catch (e) {
      if (e instanceof ParamError) reply = { return_code: 'FAIL', return_msg: e.message };
      else throw e;
    }
    return { status: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body: Buffer.from(JSON.stringify(reply)) };
  }

  /**
   * The buyer confirms on the pay sheet: the order becomes paid (once) and its callback function
   * gets the payment notification, redelivered until it answers {errcode: 0} or `retries` run out,
   * then `duplicates` more times. Throws PayError for an unknown order.
   */
  async pay(outTradeNo: string, opts: PayOptions = {}): Promise<{ delivered: number; answers: unknown[] }> {
    const order = this.state.orders[outTradeNo];
    if (!order) throw new PayError(`no such order: ${outTradeNo}`);
    if (order.tradeState === 'NOTPAY') {
      order.tradeState = 'SUCCESS';
      order.transactionId = this.transactionId();
      order.timeEnd = wxPayTime(this.now());
      this.save();
    }
    const event = this.notification(order, opts.amountFen);
    const answers: unknown[] = [];
    const deliver = async (): Promise<boolean> => {
      if (opts.delayMs) await new Promise((resolve) => setTimeout(resolve, opts.delayMs));
      let answer: unknown;
      try {
        answer = await this.invoke(order.functionName, { ...event });
      } catch (e) {
        answer = { failed: true, message: e instanceof Error ? e.message : String(e) };
      }
      answers.push(answer);
      order.notifications += 1;
      const ok = isAcknowledged(answer);
      if (ok) order.acknowledged = true;
      this.save();
      return ok;
    };
    const retries = Math.max(0, opts.retries ?? 2);
    let acknowledged = false;
    for (let attempt = 0; attempt <= retries && !acknowledged; attempt += 1) acknowledged = await deliver();
    for (let extra = 0; extra < (opts.duplicates ?? 0); extra += 1) await deliver();
    return { delivered: answers.length, answers };
  }

  /** Every order, oldest first (copies). */
  orders(): PayOrder[] {
    return Object.values(this.state.orders)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map((order) => ({ ...order }));
  }

  /**
   * A paid order as WeChat's other services see it (the shipping record checks its key and payer):
   * by transaction id, or by merchant number and out_trade_no; undefined for none or an unpaid one.
   */
  payment(key: { transactionId: string } | { mchId: string; outTradeNo: string }): { transactionId: string; outTradeNo: string; mchId: string; payerOpenId?: string; shippable: boolean } | undefined {
    const order = Object.values(this.state.orders).find((candidate) =>
      'transactionId' in key ? candidate.transactionId === key.transactionId : candidate.outTradeNo === key.outTradeNo && (candidate.subMchId === key.mchId || key.mchId === LOCAL_MCH_ID),
    );
    if (!order?.transactionId || order.tradeState === 'NOTPAY') return undefined;
    return {
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      mchId: order.subMchId,
      ...(order.subOpenid !== undefined && { payerOpenId: order.subOpenid }),
      // Refunded in full: nothing is left to ship.
      shippable: order.refundedFee < order.totalFee,
    };
  }

  /** Every accepted refund, oldest first (copies, without the stored reply). */
  refunds(): Omit<PayRefund, 'reply'>[] {
    return Object.values(this.state.refunds)
      .sort((a, b) => a.createdAt - b.createdAt)
      .map(({ reply: _reply, ...refund }) => ({ ...refund }));
  }

  private unifiedOrder(params: Params, caller: NonNullable<MultipartCall['caller']>): Reply {
    const outTradeNo = tradeNo(params.out_trade_no, 'out_trade_no', 32);
    const body = requiredString(params, 'body', 128);
    const totalFee = fen(params.total_fee, 'total_fee');
    const subMchId = requiredString(params, 'sub_mch_id', 32);
    const spbillCreateIp = requiredString(params, 'spbill_create_ip', 64);
    const envId = requiredString(params, 'env_id', 64);
    const functionName = requiredString(params, 'function_name', 128);
    const tradeType = optionalString(params, 'trade_type', 16) ?? 'JSAPI';
    if (tradeType !== 'JSAPI') throw new ParamError(`trade_type ${tradeType} not emulated (JSAPI only)`);
    const nonceStr = optionalString(params, 'nonce_str', 32) ?? randomish(this.now(), outTradeNo);
    const attach = optionalString(params, 'attach', 127);
    const feeType = optionalString(params, 'fee_type', 16) ?? 'CNY';
    const subAppid = optionalString(params, 'sub_appid', 32);
    const subOpenid = optionalString(params, 'sub_openid', 128) ?? caller.openid;

    const existing = this.state.orders[outTradeNo];
    if (existing) {
      if (existing.tradeState !== 'NOTPAY') return fail('ORDERPAID', '该订单已支付', base(existing));
      if (existing.totalFee !== totalFee || existing.body !== body || existing.subMchId !== subMchId) {
        return fail('INVALID_REQUEST', '201 商户订单号重复', base(existing));
      }
      return this.prepayReply(existing);
    }
    const order: PayOrder = {
      outTradeNo,
      prepayId: `wx${wxPayTime(this.now())}${String(++this.state.sequence).padStart(16, '0')}`,
      body,
      ...(attach !== undefined && { attach }),
      totalFee,
      feeType,
      subMchId,
      ...(subAppid !== undefined && { subAppid }),
      appid: caller.appid || LOCAL_APPID,
      ...(subOpenid !== undefined && { subOpenid }),
      envId,
      functionName,
      spbillCreateIp,
      tradeType,
      nonceStr,
      createdAt: this.now(),
      tradeState: 'NOTPAY',
      refundedFee: 0,
      notifications: 0,
      acknowledged: false,
    };
    this.state.orders[outTradeNo] = order;
    this.save();
    return this.prepayReply(order);
  }

  private prepayReply(order: PayOrder): Reply {
    const timeStamp = String(Math.floor(this.now() / 1000));
    const nonceStr = randomish(this.now(), order.prepayId);
    const pkg = `prepay_id=${order.prepayId}`;
    const appId = order.subAppid ?? order.appid;
    return {
      ...success(order),
      trade_type: order.tradeType,
      prepay_id: order.prepayId,
      payment: {
        app_id: appId,
        time_stamp: timeStamp,
        nonce_str: nonceStr,
        package: pkg,
        sign_type: 'MD5',
        pay_sign: sign({ appId, timeStamp, nonceStr, package: pkg, signType: 'MD5' }),
      },
    };
  }

  private queryOrder(params: Params): Reply {
    const order = this.findOrder(params);
    if (!order) return fail('ORDERNOTEXIST', '此交易订单号不存在', { return_code: 'SUCCESS', return_msg: 'OK', mch_id: LOCAL_MCH_ID });
    const paid = order.tradeState !== 'NOTPAY';
    return {
      ...success(order),
      trade_state: order.tradeState,
      trade_state_desc: { NOTPAY: '订单未支付', SUCCESS: '支付成功', REFUND: '订单发生过退款' }[order.tradeState],
      out_trade_no: order.outTradeNo,
      total_fee: order.totalFee,
      fee_type: order.feeType,
      trade_type: order.tradeType,
      ...(order.attach !== undefined && { attach: order.attach }),
      ...(order.subOpenid !== undefined && { sub_openid: order.subOpenid }),
      ...(paid && { transaction_id: order.transactionId, time_end: order.timeEnd, cash_fee: order.totalFee, bank_type: 'OTHERS' }),
    };
  }

  private refund(params: Params): Reply {
    const outRefundNo = tradeNo(params.out_refund_no, 'out_refund_no', 64);
    const totalFee = fen(params.total_fee, 'total_fee');
    const refundFee = fen(params.refund_fee, 'refund_fee');
    requiredString(params, 'sub_mch_id', 32);
    const refundDesc = optionalString(params, 'refund_desc', 80);
    if (params.out_trade_no === undefined && params.transaction_id === undefined) {
      throw new ParamError('out_trade_no 或 transaction_id 必填其一');
    }
    const order = this.findOrder(params);
    if (!order) return fail('ORDERNOTEXIST', '订单不存在', { return_code: 'SUCCESS', return_msg: 'OK', mch_id: LOCAL_MCH_ID });

    const previous = this.state.refunds[outRefundNo];
    if (previous) {
      if (previous.outTradeNo !== order.outTradeNo || previous.refundFee !== refundFee || previous.totalFee !== totalFee) {
        return fail('REFUND_FEE_MISMATCH', '订单金额或退款金额与之前请求不一致，请核实后再试', base(order));
      }
      return previous.reply;
    }
    if (order.tradeState === 'NOTPAY') return fail('INVALID_REQUEST', '订单未支付', base(order));
    if (totalFee !== order.totalFee) return fail('INVALID_REQUEST', '订单金额与支付金额不一致', base(order));
    if (order.refundedFee + refundFee > order.totalFee) return fail('INVALID_REQUEST', '累计退款金额大于支付金额', base(order));
    if (Object.values(this.state.refunds).filter((r) => r.outTradeNo === order.outTradeNo).length >= MAX_REFUNDS_PER_ORDER) {
      return fail('INVALID_REQUEST', '退款次数超过限制', base(order));
    }
    const refundId = `5030${wxPayTime(this.now()).slice(0, 8)}${String(++this.state.sequence).padStart(17, '0')}`;
    const reply: Reply = {
      ...success(order),
      transaction_id: order.transactionId,
      out_trade_no: order.outTradeNo,
      out_refund_no: outRefundNo,
      refund_id: refundId,
      refund_fee: refundFee,
      settlement_refund_fee: refundFee,
      total_fee: order.totalFee,
      cash_fee: order.totalFee,
      cash_refund_fee: refundFee,
    };
    this.state.refunds[outRefundNo] = {
      outRefundNo,
      refundId,
      outTradeNo: order.outTradeNo,
      transactionId: order.transactionId ?? '',
      totalFee,
      refundFee,
      ...(refundDesc !== undefined && { refundDesc }),
      createdAt: this.now(),
      reply,
    };
    order.refundedFee += refundFee;
    order.tradeState = 'REFUND';
    this.save();
    return reply;
  }

  private findOrder(params: Params): PayOrder | undefined {
    if (typeof params.out_trade_no === 'string') return this.state.orders[params.out_trade_no];
    if (typeof params.transaction_id === 'string') {
      return Object.values(this.state.orders).find((order) => order.transactionId === params.transaction_id);
    }
    throw new ParamError('out_trade_no 或 transaction_id 必填其一');
  }

  /** WeChat Pay's 支付结果通知, as the cloud hands it to the callback function (camelCase). */
  private notification(order: PayOrder, amountFen?: number): Record<string, unknown> {
    const totalFee = amountFen ?? order.totalFee;
    return {
      returnCode: 'SUCCESS',
      appid: LOCAL_APPID,
      mchId: LOCAL_MCH_ID,
      subAppid: order.subAppid ?? order.appid,
      subMchId: order.subMchId,
      nonceStr: randomish(this.now(), `${order.outTradeNo}:${order.notifications}`),
      resultCode: 'SUCCESS',
      openid: order.subOpenid ? `sp-${order.subOpenid}` : 'sp-unknown',
      isSubscribe: 'N',
      ...(order.subOpenid !== undefined && { subOpenid: order.subOpenid }),
      subIsSubscribe: 'N',
      tradeType: order.tradeType,
      bankType: 'OTHERS',
      totalFee,
      feeType: order.feeType,
      cashFee: totalFee,
      transactionId: order.transactionId,
      outTradeNo: order.outTradeNo,
      ...(order.attach !== undefined && { attach: order.attach }),
      timeEnd: order.timeEnd,
    };
  }

  private transactionId(): string {
    // 28 digits like WeChat's: 4200 + yyyyMMdd + a 16-digit sequence.
    return `4200${wxPayTime(this.now()).slice(0, 8)}${String(++this.state.sequence).padStart(16, '0')}`;
  }

  private save(): void {
    if (!this.file) return;
    const temp = `${this.file}.tmp`;
    writeFileSync(temp, JSON.stringify(this.state));
    renameSync(temp, this.file);
  }
}

class ParamError extends Error {}

function isAcknowledged(answer: unknown): boolean {
  return typeof answer === 'object' && answer !== null && (answer as { errcode?: unknown }).errcode === 0;
}

function base(order: PayOrder): Reply {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: LOCAL_APPID,
    mch_id: LOCAL_MCH_ID,
    sub_appid: order.subAppid ?? order.appid,
    sub_mch_id: order.subMchId,
    nonce_str: randomish(Date.now(), order.outTradeNo),
  };
}

function success(order: PayOrder): Reply {
  return { ...base(order), result_code: 'SUCCESS' };
}

function fail(errCode: string, errCodeDes: string, head: Reply): Reply {
  return { ...head, result_code: 'FAIL', err_code: errCode, err_code_des: errCodeDes };
}

function requiredString(params: Params, key: string, max: number): string {
  const value = optionalString(params, key, max);
  if (value === undefined || value === '') throw new ParamError(`缺少参数 ${key}`);
  return value;
}

function optionalString(params: Params, key: string, max: number): string | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ParamError(`${key} 应为字符串`);
  if (value.length > max) throw new ParamError(`${key} 长度不能超过 ${max}`);
  return value;
}

function tradeNo(value: unknown, key: string, max: number): string {
  if (typeof value !== 'string' || value === '') throw new ParamError(`缺少参数 ${key}`);
  if (value.length > max) throw new ParamError(`${key} 长度不能超过 ${max}`);
  if (!/^[0-9A-Za-z_\-|*]+$/.test(value)) throw new ParamError(`${key} 只能是数字、大小写字母_-|*`);
  return value;
}

function fen(value: unknown, key: string): number {
  if (value === undefined) throw new ParamError(`缺少参数 ${key}`);
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw new ParamError(`${key} 应为正整数（分）`);
  return value;
}

/** yyyyMMddHHmmss in Beijing time. */
export function wxPayTime(ms: number): string {
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().replace(/\D/g, '').slice(0, 14);
}

function randomish(now: number, salt: string): string {
  return createHash('md5').update(`${now}:${salt}:${Math.random()}`).digest('hex').slice(0, 16);
}

function sign(fields: Record<string, string>): string {
  const text = Object.keys(fields).sort().map((key) => `${key}=${fields[key]}`).join('&');
  return createHash('md5').update(`${text}&key=${SIGN_KEY}`).digest('hex').toUpperCase();
}

/**
 * The local pay sheet's HTTP routes, for the H5 app and tests: `POST /api/pay {outTradeNo}` (the
 * buyer confirms; answers once the notification was delivered) and `GET /api/pay/orders`.
 * Resolves undefined for any other path so the server can fall through.
 */
export async function payHttp(
  sandbox: PaySandbox,
  req: { method: string; path: string; body: Buffer },
): Promise<{ status: number; json: unknown } | undefined> {
  if (req.method === 'GET' && req.path === '/api/pay/orders') {
    return { status: 200, json: { orders: sandbox.orders(), refunds: sandbox.refunds() } };
  }
  if (req.method === 'POST' && req.path === '/api/pay') {
    let outTradeNo: unknown;
    try {
      outTradeNo = (parseJsonText(req.body.toString('utf8') || '{}') as { outTradeNo?: unknown } | null)?.outTradeNo;
    } catch (e) {
      if (e instanceof HttpError) return { status: e.status, json: e.toBody('requestPayment:fail ') };
      throw e;
    }
    if (typeof outTradeNo !== 'string' || !outTradeNo) return { status: 400, json: { errMsg: 'requestPayment:fail outTradeNo must be a non-empty string' } };
    try {
      const { delivered } = await sandbox.pay(outTradeNo);
      const order = sandbox.orders().find((o) => o.outTradeNo === outTradeNo);
      return { status: 200, json: { errMsg: 'requestPayment:ok', delivered, acknowledged: order?.acknowledged ?? false } };
    } catch (e) {
      if (e instanceof PayError) return { status: 404, json: { errMsg: `requestPayment:fail ${e.message}` } };
      throw e;
    }
  }
  return undefined;
}
