// The local cloud: one port serving the CloudBase admin endpoint that the unmodified
// wx-server-sdk talks to (/admin), the H5 storefront (/), and the gateway the H5 app calls
// functions through (/api/call) with a local demo identity.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CloudDatabase } from './database';
import { OpenApi, multipartAction, type AccountSubject } from './openapi';
import { ChannelsLive, DEMO_FINDER_USER_NAME, channelsHttp, seedDemoChannels } from './channels';
import { ROUTES } from '@core/routes';
import { FunctionHost } from './functions/host';
import type { InvokeOutcome, WxContext } from './functions/pool';
import { HttpError, MAX_CALL_BYTES, parseJson, parseJsonText, payloadTooLarge, readBody, send, sendJson, tcbError } from './http';
import { serveStatic } from './static';
import { DEMO_APPID, DEMO_IDENTITIES } from './identities';
import { DEMO_LIVE_SHOW_ID, seedDemoShop } from './seed/demo';
import { ShareTickets } from './sharing';
import { CloudStorage } from './storage';
import { LOCAL_ENV_ID } from './sdkEnv';
import { uploadImage } from './uploads';
import { PaySandbox, payHttp } from './pay';
import { TimerTriggers, loadTimerFunctions } from './timers';

const projectRoot = resolve(__dirname, '..');

export interface EmulatorOptions {
  /** 0 picks a free port. */
  port: number;
  /** Defaults to 127.0.0.1: the identity header is trusted, so the emulator is for this machine only. */
  host?: string;
  /** Folder for the database file (created if missing). */
  dataDir: string;
  functionsDir?: string;
  h5Dir?: string;
  /** Seed the demo shop when the database is empty. */
  seed?: boolean;
  /** With the demo shop, an open 接龙 campaign too (what `npm start` shows a newcomer). */
  demoCampaign?: boolean;
  maxInstancesPerFunction?: number;
  now?: () => number;
  /** Where function failures and emulator errors are logged; defaults to the console. */
  log?: (message: string) => void;
  /** Run config.json timer triggers on the wall clock (default true; tests drive them with tick). */
  timers?: boolean;
  /**
   * Whose mini-program this plays: an individual's (个人主体) may not have Short Links. Defaults to
   * CACTUS_ACCOUNT_SUBJECT (`individual` or `organization`), else organization; tests switch it on
   * `openApi.accountSubject`.
   */
  accountSubject?: AccountSubject;
}

export interface Emulator {
  url: string;
  adminUrl: string;
  db: CloudDatabase;
  openApi: OpenApi;
  /** Channels live accounts the H5 app's wx.getChannelsLiveInfo & co. read (/api/channels/*, /admin/channels). */
  channels: ChannelsLive;
  shareTickets: ShareTickets;
  storage: CloudStorage;
  pay: PaySandbox;
  timers: TimerTriggers;
  functions: FunctionHost;
  /** Running counts since start (also at GET /api/stats), for benchmarks and load tests. */
  stats: EmulatorStats;
  close(): Promise<void>;
}

export interface EmulatorStats {
  /** `database.*` admin requests answered, from functions and from any other SDK client. */
  databaseRequests: number;
  /** Gateway calls answered. */
  calls: number;
}

/** What wx.cloud.callFunction resolves with; the gateway answers the same. */
export interface CallFunctionResult {
  result: unknown;
  requestID: string;
  errMsg: string;
}

const manifestFile = join(projectRoot, 'cloudfunctions', 'collections.json');
const mediaDir = join(__dirname, 'seed', 'media');
let requestCounter = 0;

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? ((message: string) => console.error(message));
  mkdirSync(options.dataDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const db = new CloudDatabase({ file: join(options.dataDir, 'cactus.sqlite'), manifest, now });
  if (options.seed && db.isEmpty()) seedDemoShop(db, now(), { campaign: options.demoCampaign });
  // In memory: share tickets and CloudIDs are short-lived on WeChat too, and lost on restart here.
  const shareTickets = new ShareTickets({ now });
  const openApi = new OpenApi({
    now,
    appid: DEMO_APPID,
    pages: APP_PAGES,
    accountSubject: options.accountSubject ?? accountSubjectFromEnv(),
    openData: (cloudID, openid) => shareTickets.openData(cloudID, openid),
    // The shipping record (uploadShippingInfo) is checked against the pay sandbox's payments.
    payments: { byTransactionId: (transactionId) => pay.payment({ transactionId }), byOutTradeNo: (mchId, outTradeNo) => pay.payment({ mchId, outTradeNo }) },
  });
  // In memory like share tickets: a restart starts the demo account over.
  const channels = new ChannelsLive({ now });
  if (options.seed) seedDemoChannels(channels, now(), db.find('liveShows', { _id: DEMO_LIVE_SHOW_ID })[0]?.startAt as number | undefined);
  // Cloud storage files live in <dataDir>/storage and survive restarts; upload and temp URLs point back here.
  let publicUrl = '';
  const storage = new CloudStorage({ dir: join(options.dataDir, 'storage'), envId: LOCAL_ENV_ID, publicUrl: () => publicUrl, now });
  const functionsDir = options.functionsDir ?? join(projectRoot, 'dist', 'cloudfunctions');
  // Payment notifications and timers reach functions from the platform, for no user. getWXContext()
  // tells them apart by SOURCE; a timer's context has nothing else (OPENID and APPID come with
  // calls from the mini-program only), which is what lets a function refuse a client posing as one.
  const platformInvoke = async (name: string, event: unknown, wxContext: WxContext) => {
    const outcome = await host().invoke(name, event, wxContext);
    if (!outcome.ok) throw new Error(`${outcome.kind}: ${outcome.message}`);
    return outcome.result;
  };
  const pay = new PaySandbox({
    now,
    file: join(options.dataDir, 'pay.json'),
    // A failed callback is an answer other than {errcode: 0}: WeChat retries it.
    invoke: (name, event) => platformInvoke(name, event, { APPID: DEMO_APPID, SOURCE: 'wx_paycallback' }).catch((err: Error) => ({ failed: err.message })),
  });
  const timers = new TimerTriggers({
    functions: loadTimerFunctions(functionsDir),
    now,
    log,
    invoke: (name, event) => platformInvoke(name, event, { SOURCE: 'wx_trigger' }),
  });
  const h5Dir = options.h5Dir ?? join(projectRoot, 'dist', 'h5');

  let functions: FunctionHost | undefined;
  const stats: EmulatorStats = { databaseRequests: 0, calls: 0 };
  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendJson(res, err.status, err.toBody());
      log(`[emulator] request failed: ${err instanceof Error ? err.stack : String(err)}`);
      sendJson(res, 500, { errMsg: 'emulator error' });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    // Before /admin (the SDK's endpoint) and the static branch.
    if (url.pathname === '/admin/channels' || url.pathname.startsWith('/api/channels/')) {
      const body = req.method === 'POST' ? await readBody(req, MAX_SMALL_JSON_BYTES) : Buffer.alloc(0);
      const reply = channelsHttp(channels, { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, body: () => parseJson(body), openid: callerOpenId(req) });
      if (reply) return sendJson(res, reply.status, reply.json);
      return sendJson(res, 404, { errMsg: 'not found' });
    }
    if (req.method === 'POST' && (url.pathname === '/admin' || url.pathname.startsWith('/admin/'))) {
      return admin(req, res, url.pathname.slice('/admin/'.length));
    }
    // Before the static branch: its SPA fallback would answer any GET with index.html.
    if (url.pathname.startsWith('/storage/')) {
      const reply = await storage.handleHttp({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: await readBody(req) });
      return reply ? send(res, reply.status, reply.headers, reply.body) : sendJson(res, 404, { errMsg: 'not found' });
    }
    if (req.method === 'POST' && url.pathname === '/api/call') return gateway(req, res);
    if (req.method === 'POST' && url.pathname === '/api/upload') {
      const outcome = await uploadImage(storage, await readBody(req), String(req.headers['content-type'] ?? ''), callerOpenId(req));
      return sendJson(res, outcome.status, outcome.body);
    }
    if (url.pathname === '/api/pay' || url.pathname === '/api/pay/orders') {
      const page = await payHttp(pay, { method: req.method ?? 'GET', path: url.pathname, body: await readBody(req, MAX_SMALL_JSON_BYTES) });
      if (page) return sendJson(res, page.status, page.json);
    }
    if (req.method === 'POST' && url.pathname === '/api/share-ticket') return issueShareTicket(req, res);
    if (req.method === 'POST' && url.pathname === '/api/share-info') return shareInfo(req, res);
    if (req.method === 'GET' && url.pathname === '/api/demo-identities') return sendJson(res, 200, DEMO_IDENTITIES);
    if (req.method === 'GET' && url.pathname === '/api/demo-channels') {
      const demo = channels.report(DEMO_FINDER_USER_NAME);
      return demo ? sendJson(res, 200, { finderUserName: DEMO_FINDER_USER_NAME, status: demo.account.status }) : sendJson(res, 404, { errMsg: 'no demo Channels account' });
    }
    if (req.method === 'GET' && url.pathname === '/api/shortlinks') return sendJson(res, 200, openApi.shortLinks());
    if (req.method === 'GET' && url.pathname === '/api/outbox') return sendJson(res, 200, openApi.outbox());
    if (req.method === 'GET' && url.pathname === '/api/shipping') return sendJson(res, 200, openApi.shippingUploads());
    if (req.method === 'GET' && url.pathname === '/api/stats') return sendJson(res, 200, stats);
    if (req.method === 'GET' && url.pathname.startsWith('/media/seed/')) {
      if (serveStatic(res, mediaDir, url.pathname.slice('/media/seed/'.length))) return;
    } else if (req.method === 'GET' && !url.pathname.startsWith('/api/')) {
      if (serveStatic(res, h5Dir, url.pathname, 'index.html')) return;
      if (url.pathname === '/') return sendJson(res, 503, { errMsg: 'H5 build missing: run `npm run build:h5`' });
    }
    sendJson(res, 404, { errMsg: 'not found' });
  }

  /** The SDK's endpoint. A function instance calls it at /admin/<instance key>, which names its caller. */
  async function admin(req: IncomingMessage, res: ServerResponse, instanceKey: string): Promise<void> {
    const body = await readBody(req);
    const contentType = String(req.headers['content-type'] ?? '');
    const multipart = multipartAction(body, contentType);
    if (multipart === 'wx.openApi') {
      const caller = host().callerOf(instanceKey);
      const reply = await openApi.handle({ body, contentType, caller: caller && { openid: caller.OPENID, appid: caller.APPID } });
      return send(res, reply.status, reply.headers, reply.body);
    }
    if (multipart === 'wx.wxPayApi') {
      const caller = host().callerOf(instanceKey);
      const reply = await pay.handle({ body, contentType, caller: caller && { openid: caller.OPENID, appid: caller.APPID } });
      return send(res, reply.status, reply.headers, reply.body);
    }
    if (multipart) return sendJson(res, 200, { code: 'NOT_EMULATED', message: `not emulated: ${multipart}` });
    let request: Record<string, unknown>;
    try {
      request = parseJson(body);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return sendTcbError(res, err);
    }
    const action = String(request.action ?? '');
    if (action.startsWith('database.')) {
      stats.databaseRequests++;
      if (instanceKey) host().noteDatabaseRequest(instanceKey);
      return sendJson(res, 200, await db.handle(request));
    }
    if (action.startsWith('storage.')) return sendJson(res, 200, await storage.handleAdmin(request));
    if (action === 'functions.invokeFunction') return invokeFromFunction(request, host().callerOf(instanceKey), res);
    sendJson(res, 200, { code: 'NOT_EMULATED', message: `not emulated: ${action}` });
  }

  /**
   * A function calling another (cloud.callFunction on the server): no user identity travels, and
   * SOURCE is the caller's with ",scf" added, so a call made from a timer's run is no timer itself.
   */
  async function invokeFromFunction(request: Record<string, unknown>, caller: WxContext | undefined, res: ServerResponse): Promise<void> {
    const name = String(request.function_name ?? '');
    let data: unknown;
    try {
      data = typeof request.request_data === 'string' ? requestData(request.request_data) : {};
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return sendTcbError(res, err);
    }
    const outcome = await host().invoke(name, data, { APPID: DEMO_APPID, SOURCE: `${caller?.SOURCE ?? 'wx_unknown'},scf` });
    const requestId = nextRequestId();
    if (outcome.ok) return sendJson(res, 200, { data: { response_data: JSON.stringify(outcome.result) }, requestId });
    sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.message, requestId });
  }

  async function gateway(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let request: Record<string, unknown>;
    try {
      request = parseJson(await readBody(req, MAX_CALL_BYTES));
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      return sendJson(res, err.status, { errCode: CALL_DATA_REFUSED, ...err.toBody('cloud.callFunction:fail ') });
    }
    const name = typeof request.name === 'string' ? request.name : '';
    const openid = callerOpenId(req);
    const wxContext = {
      ...(openid ? { OPENID: openid } : {}),
      APPID: DEMO_APPID,
      SOURCE: 'wx_client',
    };
    if (!host().has(name)) {
      return sendJson(res, 404, { errCode: -501000, errMsg: `cloud.callFunction:fail function not found: ${name}` });
    }
    // The platform swaps CloudID markers for the open data they stand for before the function runs.
    const data = shareTickets.resolveCloudIds(request.data ?? {}, wxContext.OPENID);
    const outcome = await host().invoke(name, data, wxContext);
    stats.calls++;
    sendOutcome(res, outcome);
  }

  /** Local stand-in for "a user shared a card into a group": returns {shareTicket, openGId}. */
  async function issueShareTicket(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { groupName } = parseJson(await readBody(req, MAX_SMALL_JSON_BYTES));
    if (typeof groupName !== 'string' || groupName.trim() === '') return sendJson(res, 400, { errMsg: 'groupName must be a non-empty string' });
    sendJson(res, 200, shareTickets.issue(groupName));
  }

  /** wx.getShareInfo for the H5 app: the viewer is the demo identity in the header. */
  async function shareInfo(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { shareTicket } = parseJson(await readBody(req, MAX_SMALL_JSON_BYTES));
    const info = typeof shareTicket === 'string' ? shareTickets.shareInfo(shareTicket, callerOpenId(req)) : null;
    if (!info) return sendJson(res, 400, { errMsg: 'getShareInfo:fail invalid shareTicket' });
    sendJson(res, 200, info);
  }

  function host(): FunctionHost {
    if (!functions) throw new Error('emulator not listening yet');
    return functions;
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    // A live sale opens thousands of connections at once; Node's default backlog (511) drops the
    // rest, and their SYN retries cost the callers a second or more.
    server.listen({ port: options.port, host: options.host ?? '127.0.0.1', backlog: 4096 }, () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const adminUrl = `${url}/admin`;
  publicUrl = url;
  functions = new FunctionHost({
    functionsDir,
    adminUrl,
    baseEnv: process.env,
    maxInstancesPerFunction: options.maxInstancesPerFunction ?? 8,
    log,
  });
  if (options.timers !== false) timers.start();

  return {
    url,
    adminUrl,
    db,
    openApi,
    channels,
    shareTickets,
    storage,
    pay,
    timers,
    functions,
    stats,
    async close() {
      timers.stop();
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await functions?.close();
      db.close();
      storage.close();
    },
  };
}

/** Every page of the app: what shortlink.generate and wxacode.getUnlimited (with check_path) accept. */
const APP_PAGES = Object.values(ROUTES).map((route) => route.page);

function accountSubjectFromEnv(): AccountSubject {
  return process.env.CACTUS_ACCOUNT_SUBJECT === 'individual' ? 'individual' : 'organization';
}

/** The local demo identity the H5 app sends in place of a WeChat login. */
function callerOpenId(req: IncomingMessage): string | undefined {
  const openid = req.headers['x-cactus-openid'];
  return typeof openid === 'string' && openid ? openid : undefined;
}

/** What wx.cloud.callFunction fails with for call data the platform refuses (TCB INVALID_PARAM). */
export const CALL_DATA_REFUSED = -501007;

/** Bodies of the local stand-ins for wx APIs (a group name, a ticket, a trade number): nothing needs more. */
const MAX_SMALL_JSON_BYTES = 64 * 1024;

/** invokeFunction's request_data is call data: held to the limits the gateway holds calls to. */
function requestData(text: string): unknown {
  if (Buffer.byteLength(text) > MAX_CALL_BYTES) throw payloadTooLarge(MAX_CALL_BYTES);
  return parseJsonText(text);
}

/** A refusal at the admin endpoint as the platform answers it: a TCB error the SDK throws. */
function sendTcbError(res: ServerResponse, err: HttpError): void {
  const reply = tcbError(err.code ?? 'INVALID_PARAM', err.message);
  send(res, reply.status, reply.headers, reply.body);
}

function nextRequestId(): string {
  requestCounter += 1;
  return `local-${Date.now().toString(36)}-${requestCounter}`;
}

/** Header with the database requests the call made: a local cost figure, outside the reply WeChat defines. */
export const DB_REQUESTS_HEADER = 'x-cactus-db-requests';

function sendOutcome(res: ServerResponse, outcome: InvokeOutcome): void {
  const headers = { [DB_REQUESTS_HEADER]: String(outcome.databaseRequests) };
  if (outcome.ok) {
    const reply: CallFunctionResult = { result: outcome.result, requestID: nextRequestId(), errMsg: 'cloud.callFunction:ok' };
    return sendJson(res, 200, reply, headers);
  }
  // -504002 is what wx.cloud.callFunction reports when the function failed to run.
  const status = outcome.kind === 'timeout' ? 504 : 502;
  sendJson(res, status, { errCode: -504002, errMsg: `cloud.callFunction:fail ${outcome.kind}: ${outcome.message}` }, headers);
}
