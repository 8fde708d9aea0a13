/**
 * The wire format of `wx.openApi` as wx-server-sdk 4.0.2 speaks it.
 *
 * Request (multipart/form-data, built by @cloudbase/node-sdk `callCompatibleWxOpenApi`):
 *   action=wx.openApi, apiName=<e.g. subscribeMessage.send>, requestData=<protobuf CommApiData>,
 *   plus envName, wxCloudApiToken, wxCloudbaseAccesstoken, tcb_sessionToken,
 *   crossAuthorizationToken (empty strings locally).
 * CommApiData{apiType=OPEN_API, openapiData.pairs[], appid?}: one KeyValuePair per top-level
 * parameter, already converted to snake_case by the SDK, each value the JSON text of the
 * parameter (JSONBigInt.stringify), or raw bytes with contenttype/filename for media uploads.
 * appid is set only for `cloud.openapi({ appid })` cross-app calls; the caller's openid/appid are
 * NOT in the request at all.
 *
 * Reply: HTTP 200 whose body is a protobuf CommOpenApiResp{respData, contentType, errorCode}.
 * The SDK treats respData as JSON when contentType matches /application\/json|text\/plain/ (then
 * a non-zero `errcode` becomes a CloudSDKError), and otherwise returns
 * `{ contentType, buffer: respData }`. A non-zero errorCode is a platform error whose message the
 * SDK replaces with a fixed text, so WeChat-level errors travel as JSON in respData instead.
 *
 * cloud.getOpenData is a svrkit call instead: apiName=ApiGetOpenDataByCloudId and
 * CommApiData{apiType=SVRKIT_API, svrkitData{apiName, reqData=ApiGetOpenDataByCloudIdReq}}; the
 * SDK reads respData as ApiGetOpenDataByCloudIdResp, and only when svrkitErrorCode is 0.
 *
 * The quirk (same as wx.wxPayApi): the requester JSON-parses the HTTP body when, and only when,
 * the HTTP content-type is exactly `application/json; charset=utf-8`. The protobuf reply must
 * therefore use another content type; that exact one is reserved for TCB-level errors
 * `{code, message}`, which the SDK then throws.
 *
 * The SDK ships these messages only as generated code bundled inside its index.js (no .proto or
 * JSON descriptor file), so the subset used here is restated from that code: same field ids/types.
 */
import { Root, type Type } from 'protobufjs/light';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../http';

const root = Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    // A svrkit call (cloud.getOpenData and its kind): a named API and its own protobuf request.
    SvrkitApiData: { fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } } },
    // innerData (3) and tokenData (5) are left out: the decoder skips them, and their api types
    // are answered as "not emulated" anyway.
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        appid: { type: 'string', id: 6 },
      },
    },
    // cloud.getOpenData({list}): the CloudIDs in, one JSON text per CloudID out.
    ApiGetOpenDataByCloudIdReq: { fields: { cloudidList: { rule: 'repeated', type: 'string', id: 2 }, appid: { type: 'string', id: 3 } } },
    OpDataItem: { fields: { cloudId: { type: 'string', id: 1 }, json: { type: 'string', id: 2 } } },
    ApiGetOpenDataByCloudIdResp: { fields: { dataList: { rule: 'repeated', type: 'OpDataItem', id: 1 } } },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
  },
});

const CommApiData: Type = root.lookupType('CommApiData');
const CommOpenApiResp: Type = root.lookupType('CommOpenApiResp');
const ApiGetOpenDataByCloudIdReq: Type = root.lookupType('ApiGetOpenDataByCloudIdReq');
const ApiGetOpenDataByCloudIdResp: Type = root.lookupType('ApiGetOpenDataByCloudIdResp');

/** CommApiData.ApiType as numbered in the SDK. */
export const ApiType = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const;

export interface OpenApiCall {
  apiType: number;
  /** Cross-app target from `cloud.openapi({ appid })`; empty otherwise. */
  appid: string;
  /** Top-level parameters by snake_case name: parsed JSON, or raw bytes for media parts. */
  params: Record<string, unknown>;
  /** A svrkit call's API name and protobuf request bytes. */
  svrkit?: { apiName: string; reqData: Buffer };
}

interface DecodedPair {
  key?: string;
  value?: Uint8Array;
  contenttype?: string;
  filename?: string;
}

/** Decodes `requestData`. Throws on bytes that are not a CommApiData. */
export function decodeCommApiData(bytes: Uint8Array): OpenApiCall {
  const message = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true, arrays: true }) as {
    apiType: number;
    appid: string;
    openapiData?: { pairs: DecodedPair[] };
    svrkitData?: { apiName: string; reqData: Uint8Array };
  };
  const params: Record<string, unknown> = {};
  for (const pair of message.openapiData?.pairs ?? []) {
    if (!pair.key) continue;
    const value = Buffer.from(pair.value ?? []);
    params[pair.key] = pair.contenttype || pair.filename ? value : parseJsonValue(value);
  }
  const svrkit = message.svrkitData && { apiName: message.svrkitData.apiName, reqData: Buffer.from(message.svrkitData.reqData) };
  return { apiType: message.apiType, appid: message.appid, params, ...(svrkit && { svrkit }) };
}

/** The CloudIDs of a getOpenData request. Throws on bytes that are not one. */
export function decodeGetOpenDataReq(bytes: Uint8Array): string[] {
  return (ApiGetOpenDataByCloudIdReq.toObject(ApiGetOpenDataByCloudIdReq.decode(bytes), { arrays: true }) as { cloudidList: string[] }).cloudidList;
}

export function encodeGetOpenDataResp(items: { cloudId: string; json: string }[]): Buffer {
  return Buffer.from(ApiGetOpenDataByCloudIdResp.encode(ApiGetOpenDataByCloudIdResp.fromObject({ dataList: items })).finish());
}

function parseJsonValue(value: Buffer): unknown {
  const text = value.toString('utf8');
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw new Error(`a parameter nests deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch {
    return text; // not produced by the SDK today; keeping the text beats failing the call
  }
}

/**
 * What WeChat answered: a JSON body (errors included), binary content such as an image, or a
 * svrkit call's protobuf reply (the SDK reads it only when svrkitErrorCode is 0).
 */
export type WxReply = { json: Record<string, unknown> } | { contentType: string; data: Buffer } | { svrkit: Buffer };

export function encodeCommOpenApiResp(reply: WxReply): Buffer {
  const fields =
    'json' in reply
      ? { respData: Buffer.from(JSON.stringify(reply.json)), contentType: 'application/json', errorCode: 0, httpCode: 200 }
      : 'svrkit' in reply
        ? { respData: reply.svrkit, errorCode: 0, httpCode: 200, svrkitErrorCode: 0 }
        : { respData: reply.data, contentType: reply.contentType, errorCode: 0, httpCode: 200 };
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(fields)).finish());
}

/** For tests and tools: reads a reply back the way the SDK does. */
export function decodeCommOpenApiResp(bytes: Uint8Array): { respData: Buffer; contentType: string; errorCode: number } {
  const message = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
  };
  return { respData: Buffer.from(message.respData), contentType: message.contentType, errorCode: message.errorCode };
}

/** HTTP content type of protobuf replies: anything but `application/json; charset=utf-8` (see above). */
export const PROTOBUF_CONTENT_TYPE = 'application/octet-stream';
