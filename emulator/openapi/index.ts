/**
 * The emulator's `wx.openApi` admin action: what `cloud.openapi.*` in a cloud function reaches.
 * Protocol details live in ./protocol.ts. Emulated: subscribeMessage.send (recorded in an
 * in-memory outbox, lost on restart), wxacode.getUnlimited (a real PNG QR code),
 * security.msgSecCheck (a blocked-words list, see ./security.ts),
 * wxa.sec.order.uploadShippingInfo (checked against the pay sandbox's payments and recorded, see
 * ./shipping-info.ts; lost on restart), shortlink.generate (a `#小程序://` link for a page of the
 * app, refused for an individual account; recorded, see ./shortlink.ts) and, as a svrkit call,
 * cloud.getOpenData (CloudIDs decoded for the calling user, see ../sharing). Every other
 * api fails with errcode -604100 and `not emulated: <name>`.
 */
import { API_NOT_FOUND, WxApiError } from './errors';
import { MultipartError, multipartFields } from './multipart';
import {
  ApiType,
  PROTOBUF_CONTENT_TYPE,
  decodeCommApiData,
  decodeGetOpenDataReq,
  encodeCommOpenApiResp,
  encodeGetOpenDataResp,
  type OpenApiCall,
  type WxReply,
} from './protocol';
import { msgSecCheck } from './security';
import { validateShippingInfo, type PaymentLookup, type ShippingUpload } from './shipping-info';
import { shortLinkText, validateShortLink, type AccountSubject, type ShortLinkRecord } from './shortlink';
import { validateSubscribeMessage } from './subscribe-message';
import { renderWxacode, validateWxacode } from './wxacode';
import { tcbError, type HttpReply, type MultipartCall } from '../http';
import { CLOUD_ID_ERRORS } from '../sharing';

export { multipartAction } from './multipart';
export { wxacodeText } from './wxacode';
export type { PaymentFacts, PaymentLookup, ShippingUpload } from './shipping-info';
export type { AccountSubject, ShortLinkRecord } from './shortlink';

export interface OutboxMessage {
  id: string;
  at: number;
  appid: string;
  fromOpenId?: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: string;
}


/** The open data a CloudID stands for when this user presents it, or why it stands for nothing. */
export type OpenDataSource = (cloudID: string, openid: string | undefined) => object;

export class OpenApi {
  private readonly now: () => number;
  private readonly knownPages?: readonly string[];
  private readonly appid: string;
  private readonly openData: OpenDataSource;
  private readonly payments: PaymentLookup;
  private readonly messages: OutboxMessage[] = [];
  private readonly shipping: ShippingUpload[] = [];
  private readonly shortLinkList: ShortLinkRecord[] = [];
  private readonly appName: string;
  private subject: AccountSubject;
  /** Test switch: how many coming uploadShippingInfo calls fail, and with what. */
  private shippingFailures: { left: number; errcode: number; errmsg: string } = { left: 0, errcode: 0, errmsg: '' };
  private sequence = 0;

  /**
   * @param opts.pages the app's pages; when given, getUnlimited with check_path rejects others.
   * @param opts.appid the app the environment belongs to: what sends a message when the calling
   *   function's context names none (a timer's run has no APPID).
   * @param opts.openData what a CloudID stands for, for the user calling; without it every CloudID is invalid.
   * @param opts.payments the payments WeChat knows (the pay sandbox's); without it none exists.
   * @param opts.appName the mini-program's name, as a Short Link shows it.
   * @param opts.accountSubject whose mini-program it is: an individual's (个人主体) may not have Short Links.
   */
  constructor(
    opts: {
      now?: () => number;
      pages?: readonly string[];
      appid?: string;
      openData?: OpenDataSource;
      payments?: PaymentLookup;
      appName?: string;
      accountSubject?: AccountSubject;
    } = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.knownPages = opts.pages;
    this.appid = opts.appid ?? '';
    this.openData = opts.openData ?? ((cloudID) => ({ cloudID, ...CLOUD_ID_ERRORS.invalid }));
    this.payments = opts.payments ?? { byTransactionId: () => undefined, byOutTradeNo: () => undefined };
    this.appName = opts.appName ?? '仙人掌小店';
    this.subject = opts.accountSubject ?? 'organization';
  }

  /** Handle one admin request with action "wx.openApi". */
  async handle(req: MultipartCall): Promise<HttpReply> {
    let apiName: string;
    let call: OpenApiCall;
    try {
      const fields = multipartFields(req.body, req.contentType);
      apiName = fields.get('apiName')?.toString('utf8') ?? '';
      const requestData = fields.get('requestData');
      if (!apiName || !requestData) return tcbError('INVALID_PARAM', 'wx.openApi needs apiName and requestData');
      call = decodeCommApiData(requestData);
    } catch (e) {
      if (e instanceof MultipartError) return tcbError('INVALID_PARAM', e.message);
      return tcbError('INVALID_PARAM', `requestData is not a CommApiData: ${(e as Error).message}`);
    }
    return protobufReply(await this.dispatch(apiName, call, req.caller ?? {}));
  }

  /** Messages sent via subscribeMessage.send, newest last. */
  outbox(): OutboxMessage[] {
    return this.messages.map((m) => ({ ...m, data: { ...m.data } }));
  }

  /** Shipping records WeChat accepted (uploadShippingInfo), oldest first. */
  shippingUploads(): ShippingUpload[] {
    return this.shipping.map((upload) => structuredClone(upload));
  }

  /** Short Links handed out (shortlink.generate), oldest first. */
  shortLinks(): ShortLinkRecord[] {
    return this.shortLinkList.map((record) => ({ ...record }));
  }

  /** Whose mini-program this is; a test (or the demo) switches it to see an individual account's refusals. */
  get accountSubject(): AccountSubject {
    return this.subject;
  }

  set accountSubject(subject: AccountSubject) {
    this.subject = subject;
  }

  /**
   * Test switch: the next `times` uploadShippingInfo calls fail as WeChat does when it is busy
   * (errcode -1, "system error"), recording nothing; 0 turns it off.
   */
  failShippingUploads(times: number, errcode = -1, errmsg = 'system error'): void {
    this.shippingFailures = { left: times, errcode, errmsg };
  }

  private async dispatch(apiName: string, call: OpenApiCall, caller: NonNullable<MultipartCall['caller']>): Promise<WxReply> {
    try {
      // Svrkit/token calls (getOpenData, getVoIPSign, cross-account tokens) share the action but not the format.
      if (call.apiType === ApiType.SVRKIT_API && call.svrkit?.apiName === 'ApiGetOpenDataByCloudId') {
        return this.getOpenData(call.svrkit.reqData, caller);
      }
      if (call.apiType === ApiType.OPEN_API) {
        if (apiName === 'subscribeMessage.send') return this.sendSubscribeMessage(call, caller);
        if (apiName === 'wxacode.getUnlimited') {
          return { contentType: 'image/png', data: await renderWxacode(validateWxacode(call.params, this.knownPages)) };
        }
        if (apiName === 'security.msgSecCheck') return { json: msgSecCheck(call.params, caller) };
        if (apiName === 'wxa.sec.order.uploadShippingInfo') return this.uploadShippingInfo(call, caller);
        if (apiName === 'shortlink.generate') return this.generateShortLink(call, caller);
      }
      throw new WxApiError(API_NOT_FOUND, `not emulated: ${apiName}`);
    } catch (e) {
      if (e instanceof WxApiError) return { json: { errcode: e.errcode, errmsg: e.errmsg } };
      throw e;
    }
  }

  /**
   * cloud.getOpenData({list}): each CloudID decoded for the user the calling function serves
   * (the SDK sends no openid; the platform knows whose invocation it is), one JSON text each,
   * `{cloudID, data}` or, as the platform's swap answers a bad one, `{cloudID, errCode, errMsg}`.
   */
  private getOpenData(reqData: Buffer, caller: NonNullable<MultipartCall['caller']>): WxReply {
    const items = decodeGetOpenDataReq(reqData).map((cloudId) => ({ cloudId, json: JSON.stringify(this.openData(cloudId, caller.openid)) }));
    return { svrkit: encodeGetOpenDataResp(items) };
  }

  private sendSubscribeMessage(call: OpenApiCall, caller: NonNullable<MultipartCall['caller']>): WxReply {
    const { lang: _lang, ...message } = validateSubscribeMessage(call.params);
    this.messages.push({
      id: `msg-${++this.sequence}`,
      at: this.now(),
      // A cross-app call names its target app; otherwise the message comes from the calling function's app.
      appid: call.appid || caller.appid || this.appid,
      ...(caller.openid !== undefined && { fromOpenId: caller.openid }),
      ...message,
    });
    return { json: { errcode: 0, errmsg: 'ok' } };
  }

  private uploadShippingInfo(call: OpenApiCall, caller: NonNullable<MultipartCall['caller']>): WxReply {
    if (this.shippingFailures.left > 0) {
      this.shippingFailures.left--;
      throw new WxApiError(this.shippingFailures.errcode, this.shippingFailures.errmsg);
    }
    const upload = validateShippingInfo(call.params, this.payments, this.shipping);
    this.shipping.push({ id: `shipping-${++this.sequence}`, at: this.now(), appid: call.appid || caller.appid || this.appid, ...upload });
    return { json: { errcode: 0, errmsg: 'ok' } };
  }

  /** Pages are checked against the app's when the emulator knows them; otherwise any page passes. */
  private generateShortLink(call: OpenApiCall, caller: NonNullable<MultipartCall['caller']>): WxReply {
    const request = validateShortLink(call.params, this.knownPages ?? [String(call.params.page_url ?? '').split('?')[0]], this.subject);
    const link = shortLinkText(this.appName, request.pageTitle);
    this.shortLinkList.push({
      id: `shortlink-${++this.sequence}`,
      at: this.now(),
      appid: call.appid || caller.appid || this.appid,
      ...(caller.openid !== undefined && { fromOpenId: caller.openid }),
      ...request,
      link,
    });
    return { json: { errcode: 0, errmsg: 'ok', link } };
  }
}

function protobufReply(reply: WxReply): HttpReply {
  return { status: 200, headers: { 'content-type': PROTOBUF_CONTENT_TYPE }, body: encodeCommOpenApiResp(reply) };
}
