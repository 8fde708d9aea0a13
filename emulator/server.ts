// The local cloud: one port serving the CloudBase admin endpoint that the unmodified
// wx-server-sdk talks to (/admin), the H5 storefront (/), and the gateway the H5 app calls
// functions through (/api/call) with a local demo identity.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CloudDatabase } from './database';
import { OpenApi, multipartAction } from './openapi';
import { FunctionHost } from './functions/host';
import type { InvokeOutcome } from './functions/pool';
import { HttpError, parseJson, readBody, send, sendJson } from './http';
import { serveStatic } from './static';
import { DEMO_APPID, DEMO_IDENTITIES } from './identities';
import { seedDemoShop } from './seed/demo';

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
  maxInstancesPerFunction?: number;
  now?: () => number;
}

export interface Emulator {
  url: string;
  adminUrl: string;
  db: CloudDatabase;
  openApi: OpenApi;
  functions: FunctionHost;
  close(): Promise<void>;
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
  mkdirSync(options.dataDir, { recursive: true });
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const db = new CloudDatabase({ file: join(options.dataDir, 'cactus.sqlite'), manifest, now });
  if (options.seed && db.isEmpty()) seedDemoShop(db, now());
  const openApi = new OpenApi({ now });
  const h5Dir = options.h5Dir ?? join(projectRoot, 'dist', 'h5');

  let functions: FunctionHost | undefined;
  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (err instanceof HttpError) return sendJson(res, err.status, { errMsg: err.message });
      console.error('[emulator] request failed:', err);
      sendJson(res, 500, { errMsg: 'emulator error' });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    if (req.method === 'POST' && (url.pathname === '/admin' || url.pathname.startsWith('/admin/'))) {
      return admin(req, res, url.pathname.slice('/admin/'.length));
    }
    if (req.method === 'POST' && url.pathname === '/api/call') return gateway(req, res);
    if (req.method === 'GET' && url.pathname === '/api/demo-identities') return sendJson(res, 200, DEMO_IDENTITIES);
    if (req.method === 'GET' && url.pathname === '/api/outbox') return sendJson(res, 200, openApi.outbox());
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
    if (multipart) return sendJson(res, 200, { code: 'NOT_EMULATED', message: `not emulated: ${multipart}` });
    const request = parseJson(body);
    const action = String(request.action ?? '');
    if (action.startsWith('database.')) return sendJson(res, 200, await db.handle(request));
    if (action === 'functions.invokeFunction') return invokeFromFunction(request, res);
    sendJson(res, 200, { code: 'NOT_EMULATED', message: `not emulated: ${action}` });
  }

  /** A function calling another (cloud.callFunction on the server): no user identity travels. */
  async function invokeFromFunction(request: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const name = String(request.function_name ?? '');
    const data = typeof request.request_data === 'string' ? JSON.parse(request.request_data) : {};
    const outcome = await host().invoke(name, data, { APPID: DEMO_APPID, SOURCE: 'wx_devtools' });
    const requestId = nextRequestId();
    if (outcome.ok) return sendJson(res, 200, { data: { response_data: JSON.stringify(outcome.result) }, requestId });
    sendJson(res, 200, { code: 'FUNCTIONS_EXECUTE_FAIL', message: outcome.message, requestId });
  }

  async function gateway(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const request = parseJson(await readBody(req));
    const name = typeof request.name === 'string' ? request.name : '';
    const openid = req.headers['x-cactus-openid'];
    const wxContext = {
      ...(typeof openid === 'string' && openid ? { OPENID: openid } : {}),
      APPID: DEMO_APPID,
      SOURCE: 'wx_client',
    };
    if (!host().has(name)) {
      return sendJson(res, 404, { errCode: -501000, errMsg: `cloud.callFunction:fail function not found: ${name}` });
    }
    const outcome = await host().invoke(name, request.data ?? {}, wxContext);
    sendOutcome(res, outcome);
  }

  function host(): FunctionHost {
    if (!functions) throw new Error('emulator not listening yet');
    return functions;
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const adminUrl = `${url}/admin`;
  functions = new FunctionHost({
    functionsDir: options.functionsDir ?? join(projectRoot, 'dist', 'cloudfunctions'),
    adminUrl,
    baseEnv: process.env,
    maxInstancesPerFunction: options.maxInstancesPerFunction ?? 8,
  });

  return {
    url,
    adminUrl,
    db,
    openApi,
    functions,
    async close() {
      const closed = new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await closed;
      await functions?.close();
      db.close();
    },
  };
}

function nextRequestId(): string {
  requestCounter += 1;
  return `local-${Date.now().toString(36)}-${requestCounter}`;
}

function sendOutcome(res: ServerResponse, outcome: InvokeOutcome): void {
  if (outcome.ok) {
    const reply: CallFunctionResult = { result: outcome.result, requestID: nextRequestId(), errMsg: 'cloud.callFunction:ok' };
    return sendJson(res, 200, reply);
  }
  // -504002 is what wx.cloud.callFunction reports when the function failed to run.
  const status = outcome.kind === 'timeout' ? 504 : 502;
  sendJson(res, status, { errCode: -504002, errMsg: `cloud.callFunction:fail ${outcome.kind}: ${outcome.message}` });
}
