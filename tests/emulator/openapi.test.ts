/**
 * The emulator's `wx.openApi` action, driven by the unmodified wx-server-sdk over HTTP.
 *
 * Fixtures under ./fixtures/openapi-*.json are exchanges recorded from the pinned SDK. After an SDK
 * upgrade run `OPENAPI_RECORD=1 npx jest --selectProjects emulator tests/emulator/openapi` and
 * review the fixture diff: a changed request means the private protocol moved.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import QRCode from 'qrcode';
import cloud from 'wx-server-sdk';
import { OpenApi, multipartAction, wxacodeText } from '../../emulator/openapi';
import type { HttpReply } from '../../emulator/http';
import { multipartFields } from '../../emulator/openapi/multipart';
import { decodeCommApiData, decodeCommOpenApiResp } from '../../emulator/openapi/protocol';
import { sdkEnv } from '../../emulator/sdkEnv';
import sdkPackage from 'wx-server-sdk/package.json';

const FIXTURES = join(__dirname, 'fixtures');
const RECORD = process.env.OPENAPI_RECORD === '1';
const NOW = 1_760_000_000_000;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const VENDOR = { openid: 'o-vendor-1', appid: 'wx-cactus-local' };

interface Exchange {
  path: string;
  contentType: string;
  body: Buffer;
  reply: HttpReply;
}

/**
 * A stand-in for the emulator's admin route. The function instance is told its own admin URL
 * (`/admin/<instance>` in TCB_CONTEXT_CNFG) because the SDK sends neither openid nor appid with
 * wx.openApi: the path is how the server learns who is calling.
 */
class AdminServer {
  openapi = new OpenApi({ now: () => NOW, pages: ['pages/index/index', 'pages/product/index'] });
  exchanges: Exchange[] = [];
  /** When set, answers instead of OpenApi: to show what the SDK makes of a given reply. */
  override?: () => Promise<HttpReply>;
  private readonly server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      this.route(req, Buffer.concat(chunks)).then(
        ({ status, headers, body }) => res.writeHead(status, headers).end(body),
        (e: Error) => res.writeHead(500).end(e.stack), // a bug in handle(): fail the call instead of hanging it
      );
    });
  });
  private readonly callers: Record<string, { openid?: string; appid?: string }> = { 'inst-vendor': VENDOR };

  async route(req: http.IncomingMessage, body: Buffer): Promise<HttpReply> {
    const path = new URL(req.url ?? '/', 'http://admin').pathname;
    const match = /^\/admin(?:\/([\w-]+))?$/.exec(path);
    const contentType = req.headers['content-type'] ?? '';
    if (req.method !== 'POST' || !match) return { status: 404, headers: {}, body: Buffer.alloc(0) };
    if (multipartAction(body, contentType) !== 'wx.openApi') {
      return tcbJson({ code: 'INVALID_ACTION', message: 'this test server only answers wx.openApi' });
    }
    const reply = this.override
      ? await this.override()
      : await this.openapi.handle({ body, contentType, caller: match[1] ? this.callers[match[1]] : undefined });
    this.exchanges.push({ path, contentType, body, reply });
    return reply;
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.server.listen(0, '127.0.0.1', () => resolve((this.server.address() as AddressInfo).port)));
  }
  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const tcbJson = (json: object): HttpReply => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: Buffer.from(JSON.stringify(json)),
});


let admin: AdminServer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  admin = new AdminServer();
  const port = await admin.listen();
  Object.assign(process.env, sdkEnv(`http://127.0.0.1:${port}/admin/inst-vendor`, 'local'));
  // The SDK types env as a string, but DYNAMIC_CURRENT_ENV is its symbol for "the env I run in".
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
});

afterAll(async () => {
  process.env = savedEnv;
  await admin.close();
});

beforeEach(() => {
  admin.openapi = new OpenApi({ now: () => NOW, pages: ['pages/index/index', 'pages/product/index'] });
  admin.exchanges = [];
  admin.override = undefined;
});

/** Resolves to the SDK's rejection so tests can look at errCode/errMsg. */
async function failure(call: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await call;
  } catch (e) {
    return e as { errCode: number; errMsg: string };
  }
  throw new Error('expected the SDK call to fail');
}

/** qrcode's rendering with the emulator's documented choices: default margin and error correction, "Up" row filter. */
const UP_FILTER = { filterType: 2, deflateStrategy: 0 }; // filterType is a pngjs option @types/qrcode does not list
const qrPng = (text: string, width: number, dark: string, light: string): Promise<Buffer> =>
  QRCode.toBuffer(text, { type: 'png', width, color: { dark, light }, rendererOpts: UP_FILTER });

const pngWidth = (png: Buffer): number => png.readUInt32BE(16); // IHDR follows the 8-byte signature and chunk header

describe('subscribeMessage.send', () => {
  const order = {
    touser: 'o-buyer-7',
    templateId: 'TPL-order-shipped',
    page: 'pages/order/detail?id=42',
    miniprogramState: 'developer',
    data: { thing1: { value: '仙人掌拼盘 x2' }, character_string2: { value: 'C20240601-42' }, phrase3: { value: '已发货' } },
  };

  it('lands in the outbox with the calling function’s app and user, and the SDK reports ok', async () => {
    const result = await cloud.openapi.subscribeMessage.send(order);

    expect(result).toEqual({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    expect(admin.openapi.outbox()).toEqual([
      {
        id: 'msg-1',
        at: NOW,
        appid: VENDOR.appid,
        fromOpenId: VENDOR.openid,
        touser: 'o-buyer-7',
        templateId: 'TPL-order-shipped',
        page: 'pages/order/detail?id=42',
        miniprogramState: 'developer',
        data: order.data,
      },
    ]);
  });

  it('keeps messages in sending order, newest last', async () => {
    await cloud.openapi.subscribeMessage.send({ ...order, touser: 'o-first' });
    await cloud.openapi.subscribeMessage.send({ ...order, touser: 'o-second' });
    expect(admin.openapi.outbox().map((m) => [m.id, m.touser])).toEqual([
      ['msg-1', 'o-first'],
      ['msg-2', 'o-second'],
    ]);
  });

  it('rejects a thing value over 20 characters with errcode 47003 naming the field, and sends nothing', async () => {
    const e = await failure(cloud.openapi.subscribeMessage.send({ ...order, data: { thing1: { value: '超长的商品名称'.repeat(3) } } }));
    expect(e.errCode).toBe(47003);
    expect(e.errMsg).toBe('openapi.subscribeMessage.send:fail argument invalid! data.thing1.value invalid');
    expect(admin.openapi.outbox()).toEqual([]);
  });

  it.each([
    ['a missing touser', { touser: undefined }, 40003, 'invalid openid'],
    ['a missing template id', { templateId: '' }, 40037, 'invalid template_id'],
    ['missing data', { data: undefined }, 47003, 'argument invalid! data is empty'],
    ['an empty value', { data: { thing1: { value: '' } } }, 47003, 'argument invalid! data.thing1.value is empty'],
    ['a phrase over 5 Chinese characters', { data: { phrase3: { value: '已经发货了呀' } } }, 47003, 'argument invalid! data.phrase3.value invalid'],
    ['a non-string value', { data: { number4: { value: 3 } } }, 47003, 'argument invalid! data.number4.value invalid'],
    ['an unknown miniprogramState', { miniprogramState: 'prod' }, 47003, 'argument invalid! miniprogram_state invalid'],
  ])('rejects %s like WeChat does', async (_case, change, errCode, errmsg) => {
    const e = await failure(cloud.openapi.subscribeMessage.send({ ...order, ...change }));
    expect(e).toMatchObject({ errCode, errMsg: `openapi.subscribeMessage.send:fail ${errmsg}` });
    expect(admin.openapi.outbox()).toEqual([]);
  });
});

describe('wxacode.getUnlimited', () => {
  it('returns a PNG QR code of the page and scene as {contentType, buffer}', async () => {
    const result = await cloud.openapi.wxacode.getUnlimited({ scene: 'p=abc123', page: 'pages/product/index' });

    expect(result).toMatchObject({ contentType: 'image/png', errCode: 0, errMsg: 'openapi.wxacode.getUnlimited:ok' });
    const png = result.buffer as Buffer;
    expect(Buffer.isBuffer(png)).toBe(true);
    expect(png.subarray(0, 8)).toEqual(PNG_SIGNATURE);
    expect(pngWidth(png)).toBe(430); // WeChat's default width
    // No QR decoder is installed, so compare with qrcode's rendering of the expected text.
    expect(wxacodeText('pages/product/index', 'p=abc123')).toBe('cactus://pages/product/index?scene=p%3Dabc123');
    const expected = await qrPng('cactus://pages/product/index?scene=p%3Dabc123', 430, '#000000ff', '#ffffffff');
    expect(png.equals(expected)).toBe(true);
  });

  it('draws at the requested width, in the line colour, on a transparent ground when asked', async () => {
    const result = await cloud.openapi.wxacode.getUnlimited({
      scene: 'v=9',
      page: 'pages/index/index',
      width: 280,
      lineColor: { r: '34', g: 139, b: 34 },
      isHyaline: true,
    });
    const expected = await qrPng('cactus://pages/index/index?scene=v%3D9', 280, '#228b22ff', '#ffffff00');
    expect(pngWidth(result.buffer)).toBe(280);
    expect((result.buffer as Buffer).equals(expected)).toBe(true);
  });

  it.each([
    ['over 32 characters', 'p=' + 'a'.repeat(31)],
    ['Chinese characters', 'p=仙人掌'],
    ['a percent sign', 'p=a%20b'],
    ['nothing', ''],
  ])('rejects a scene with %s with errcode 40169', async (_case, scene) => {
    const e = await failure(cloud.openapi.wxacode.getUnlimited({ scene, page: 'pages/product/index' }));
    expect(e).toMatchObject({
      errCode: 40169,
      errMsg: 'openapi.wxacode.getUnlimited:fail invalid length for scene, or the data is not json string',
    });
  });

  it('accepts a 32-character scene using every documented special character', async () => {
    const scene = "!#$&'()*+,/:;=?@-._~0123456789aZ";
    expect(scene).toHaveLength(32);
    const result = await cloud.openapi.wxacode.getUnlimited({ scene, page: 'pages/product/index' });
    expect(result.contentType).toBe('image/png');
  });

  it.each([
    ['a page with a leading slash', { page: '/pages/product/index' }, 41030],
    ['a page with a query string', { page: 'pages/product/index?id=1' }, 41030],
    ['a page the app does not have', { page: 'pages/nowhere/index' }, 41030],
    ['a width under 280', { width: 279 }, 40097],
    ['a width over 1280', { width: 1281 }, 40097],
    ['an unknown envVersion', { envVersion: 'beta' }, 40097],
    ['a non-boolean checkPath', { checkPath: 'no' }, 40097],
  ])('rejects %s', async (_case, change, errCode) => {
    const e = await failure(cloud.openapi.wxacode.getUnlimited({ scene: 'p=1', page: 'pages/product/index', ...change }));
    expect(e.errCode).toBe(errCode);
  });

  it('accepts a page the app does not have when checkPath is false, as WeChat does', async () => {
    const result = await cloud.openapi.wxacode.getUnlimited({ scene: 'p=1', page: 'pages/new/index', checkPath: false, envVersion: 'develop' });
    expect(result.contentType).toBe('image/png');
  });
});

describe('shortlink.generate', () => {
  it('answers a #小程序:// link naming the app and the page title, and records it with the calling function’s app and user', async () => {
    const result = await cloud.openapi.shortlink.generate({ pageUrl: 'pages/product/index?productId=p1', pageTitle: '长白山林下参', isPermanent: false });
    expect(result).toMatchObject({ errCode: 0, errMsg: 'openapi.shortlink.generate:ok' });
    expect(result.link).toMatch(/^#小程序:\/\/仙人掌小店\/长白山林下参\/[0-9A-Za-z]{15}$/);
    expect(admin.openapi.shortLinks()).toEqual([
      { id: expect.any(String), at: NOW, appid: VENDOR.appid, fromOpenId: VENDOR.openid, pageUrl: 'pages/product/index?productId=p1', pageTitle: '长白山林下参', isPermanent: false, link: result.link },
    ]);
  });

  it('cuts a page title over 20 characters with "..." in the link, and leaves the title out when there is none', async () => {
    const long = await cloud.openapi.shortlink.generate({ pageUrl: 'pages/index/index', pageTitle: '正在直播：长白山林下参，直播价¥98.00，每人限购两支' });
    expect(long.link).toMatch(/^#小程序:\/\/仙人掌小店\/正在直播：长白山林下参，直播价¥98\.0\.\.\.\/\w{15}$/);
    const bare = await cloud.openapi.shortlink.generate({ pageUrl: 'pages/index/index' });
    expect(bare.link).toMatch(/^#小程序:\/\/仙人掌小店\/\w{15}$/);
  });

  it.each([
    ['a page the app does not have', { pageUrl: 'pages/nowhere/index' }, 40066],
    ['a page with a leading slash', { pageUrl: '/pages/index/index' }, 40066],
    ['a page url over 1024 characters', { pageUrl: `pages/index/index?x=${'a'.repeat(1024)}` }, 40066],
    ['no page url', { pageTitle: '标题' }, 40066],
    ['a title that is not text', { pageUrl: 'pages/index/index', pageTitle: 12 }, 40225],
  ])('rejects %s like WeChat does, recording nothing', async (_case, data, errCode) => {
    const e = await failure(cloud.openapi.shortlink.generate(data));
    expect(e.errCode).toBe(errCode);
    expect(admin.openapi.shortLinks()).toEqual([]);
  });

  it('refuses an individual (个人主体) mini-program with 48001 api unauthorized', async () => {
    admin.openapi.accountSubject = 'individual';
    const e = await failure(cloud.openapi.shortlink.generate({ pageUrl: 'pages/index/index', pageTitle: '老张的小店' }));
    expect(e).toMatchObject({ errCode: 48001, errMsg: 'openapi.shortlink.generate:fail api unauthorized' });
    expect(admin.openapi.shortLinks()).toEqual([]);
  });
});

describe('everything else', () => {
  it('fails an api the emulator does not implement with "not emulated: <name>"', async () => {
    const e = await failure(cloud.openapi.wxacode.get({ path: 'pages/index/index' }));
    expect(e.errCode).toBe(-604100);
    expect(e.errMsg).toBe('openapi.wxacode.get:fail not emulated: wxacode.get');
  });

  it('answers an unreadable request with a TCB error that the SDK throws to the function', async () => {
    const reply = await admin.openapi.handle({ body: Buffer.from('{"action":"wx.openApi"}'), contentType: 'application/json' });
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body.toString())).toMatchObject({ code: 'INVALID_PARAM' });

    admin.override = async () => reply;
    const e = await failure(cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: { thing1: { value: 'x' } } }));
    expect(e.errCode).toBe(-501007); // the SDK's TCB_ERR_CODE.INVALID_PARAM
    expect(e.errMsg).toContain('not multipart/form-data');
  });

  it('answers protobuf with a content type other than application/json; charset=utf-8, which the SDK would JSON-parse', async () => {
    await cloud.openapi.subscribeMessage.send({ touser: 'o', templateId: 't', data: { thing1: { value: 'x' } } });
    expect(admin.exchanges[0].reply.headers['content-type']).toBe('application/octet-stream');
  });

  it('recognises a wx.openApi request by the action field of its multipart body, and sees the calling instance in the path', async () => {
    await cloud.openapi.wxacode.getUnlimited({ scene: 'p=1' });
    const [{ path, contentType, body }] = admin.exchanges;
    expect(path).toBe('/admin/inst-vendor');
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(multipartAction(body, contentType)).toBe('wx.openApi');
    expect(multipartAction(Buffer.from('{"action":"database.getDocument"}'), 'application/json')).toBeUndefined();
  });
});

/** One recorded SDK exchange: bytes in base64 so the fixture is plain JSON. */
interface Fixture {
  sdk: string;
  call: { api: 'subscribeMessage.send' | 'wxacode.getUnlimited'; data: Record<string, unknown> };
  caller: { openid?: string; appid?: string };
  /** fields: the multipart fields, requestData in base64, the rest as text; decoded: requestData for review. */
  request: { contentType: string; body: string; fields: Record<string, string>; decoded: unknown };
  reply: { status: number; headers: Record<string, string>; body: string };
}

const FIXTURE_CALLS: Fixture['call'][] = [
  {
    api: 'subscribeMessage.send',
    data: { touser: 'o-buyer-7', templateId: 'TPL-order-shipped', page: 'pages/order/detail?id=42', data: { thing1: { value: '仙人掌拼盘 x2' } } },
  },
  { api: 'wxacode.getUnlimited', data: { scene: 'p=abc123', page: 'pages/product/index', width: 280 } },
];

const fixturePath = (api: string): string => join(FIXTURES, `openapi-${api}.json`);
const sdkVersion = (): string => `wx-server-sdk@${sdkPackage.version}`;

/** The multipart fields, comparable across calls (the boundary changes every time). */
function requestFields(body: Buffer, contentType: string): Record<string, string> {
  const fields = multipartFields(body, contentType);
  return Object.fromEntries([...fields].map(([name, value]) => [name, value.toString(name === 'requestData' ? 'base64' : 'utf8')]));
}

function decodedRequestData(fields: Record<string, string>): unknown {
  const { apiType, appid, params } = decodeCommApiData(Buffer.from(fields.requestData, 'base64'));
  return { apiType, appid, params: JSON.parse(JSON.stringify(params)) as unknown };
}

function callSdk(call: Fixture['call']): Promise<Record<string, unknown>> {
  const [namespace, method] = call.api.split('.');
  return cloud.openapi[namespace][method](call.data);
}

describe.each(FIXTURE_CALLS)('the recorded $api exchange', (call) => {
  if (RECORD) {
    it('is recorded from the installed SDK', async () => {
      await callSdk(call);
      const [{ contentType, body, reply }] = admin.exchanges;
      const fields = requestFields(body, contentType);
      const fixture: Fixture = {
        sdk: sdkVersion(),
        call,
        caller: VENDOR,
        request: { contentType, body: body.toString('base64'), fields, decoded: decodedRequestData(fields) },
        reply: { status: reply.status, headers: reply.headers, body: reply.body.toString('base64') },
      };
      writeFileSync(fixturePath(call.api), JSON.stringify(fixture, null, 2) + '\n');
    });
    return;
  }

  const fixture = (): Fixture => JSON.parse(readFileSync(fixturePath(call.api), 'utf8')) as Fixture;

  it('is answered with the recorded reply bytes', async () => {
    const { request, reply, caller } = fixture();
    const actual = await new OpenApi({ now: () => NOW }).handle({ body: Buffer.from(request.body, 'base64'), contentType: request.contentType, caller });
    expect({ status: actual.status, headers: actual.headers, body: actual.body.toString('base64') }).toEqual(reply);
  });

  it('is still what the installed SDK sends, and its reply still decodes to the same result', async () => {
    const recorded = fixture();
    expect(sdkVersion()).toBe(recorded.sdk);
    const result = await callSdk(call);
    const [{ contentType, body }] = admin.exchanges;
    expect(requestFields(body, contentType)).toEqual(recorded.request.fields);

    const wxResp = decodeCommOpenApiResp(Buffer.from(recorded.reply.body, 'base64'));
    if (wxResp.contentType === 'application/json') {
      // The SDK drops errcode/errmsg from a successful JSON body and adds its own errCode/errMsg.
      const { errcode, errmsg: _errmsg, ...rest } = JSON.parse(wxResp.respData.toString()) as Record<string, unknown>;
      expect(errcode).toBe(0);
      expect(result).toEqual({ ...rest, errCode: 0, errMsg: `openapi.${call.api}:ok` });
    } else {
      expect(result.contentType).toBe(wxResp.contentType);
      expect((result.buffer as Buffer).equals(wxResp.respData)).toBe(true);
    }
  });

  it('carries the call as one JSON pair per snake_case parameter', () => {
    const { request } = fixture();
    expect(request.fields.action).toBe('wx.openApi');
    expect(request.fields.apiName).toBe(call.api);
    expect(request.decoded).toEqual(decodedRequestData(request.fields));
    const { apiType, params } = decodeCommApiData(Buffer.from(request.fields.requestData, 'base64'));
    expect(apiType).toBe(0);
    expect(Object.keys(params).every((k) => k === k.toLowerCase())).toBe(true);
  });
});
