// What the emulator takes in: call data up to the platform's 6 MB and JSON nested up to 100
// levels. Anything past that gets a typed refusal a client can read, never a crash, a reset
// connection or an instance left busy.
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { CALL_DATA_REFUSED } from '../../emulator/server';
import { MAX_CALL_BYTES, MAX_JSON_DEPTH } from '../../emulator/http';
import { DEMO_SHOP_ID } from '../../emulator/seed/demo';

const ORDERS_TIMEOUT_MS = JSON.parse(readFileSync(join(__dirname, '../../cloudfunctions/orders/config.json'), 'utf8')).timeout * 1000;
const nestedArray = (depth: number, leaf = '1') => `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`;
const deepCall = (depth: number) => `{"name":"orders","data":{"action":"checkoutOptions","payload":{"shopId":${nestedArray(depth)}}}}`;

describe('limits on what the emulator takes in', () => {
  let emu: TestEmulator;
  // Few instances, so one left busy would hold the next calls up until the function's timeout.
  beforeAll(async () => {
    emu = await startTestEmulator({ maxInstancesPerFunction: 2 });
  });
  afterAll(() => emu.close());

  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${emu.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }).then(async (res) => ({ status: res.status, body: await res.json() }));
  const normalCall = () => emu.reply('orders', { action: 'checkoutOptions', payload: { shopId: DEMO_SHOP_ID } });

  it('refuses thirty calls nested 2,500 deep as wx.cloud.callFunction fails, and then serves at once on every instance', async () => {
    for (let i = 0; i < 30; i++) {
      const { status, body } = await post('/api/call', deepCall(2500));
      expect(status).toBe(400);
      expect(body).toEqual({ errCode: CALL_DATA_REFUSED, errMsg: `cloud.callFunction:fail INVALID_PARAM: JSON nested deeper than ${MAX_JSON_DEPTH} levels` });
    }
    const started = Date.now();
    const replies = await Promise.all([1, 2, 3, 4].map(() => normalCall()));
    expect(replies.every((reply) => reply.ok)).toBe(true);
    expect(Date.now() - started).toBeLessThan(ORDERS_TIMEOUT_MS);
    expect(emu.logs.filter((line) => line.includes('request failed'))).toEqual([]);
  });

  it('takes call data nested right to the limit to the function, which answers with its own typed error, and refuses one level more', async () => {
    // The body's own three levels ({"data": {"payload": {...}}}) count too.
    const nestedTo = (depth: number) => `{"name":"orders","data":{"action":"checkoutOptions","payload":{"shopId":${nestedArray(depth - 3)}}}}`;
    const atLimit = await post('/api/call', nestedTo(MAX_JSON_DEPTH));
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect((await post('/api/call', nestedTo(MAX_JSON_DEPTH + 1))).status).toBe(400);
  });

  it('takes a body just under 6 MB to the function, and answers one just over with 413 and a JSON refusal', async () => {
    const shell = (pad: string) => JSON.stringify({ name: 'orders', data: { action: 'checkoutOptions', payload: { shopId: pad } } });
    const fill = (bytes: number) => shell('x'.repeat(bytes - shell('').length));
    const under = await post('/api/call', fill(MAX_CALL_BYTES));
    expect(under.status).toBe(200);
    expect(under.body.result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    const over = await post('/api/call', fill(MAX_CALL_BYTES + 1));
    expect(over).toEqual({ status: 413, body: { errCode: CALL_DATA_REFUSED, errMsg: 'cloud.callFunction:fail EXCEED_MAX_PAYLOAD_SIZE: request body over 6 MB' } });
    expect((await normalCall()).ok).toBe(true);
  });

  it('answers a body that passes the limit only as it streams (no length declared) with 413, not a reset', async () => {
    const reply = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${emu.url}/api/call`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 3 * MAX_CALL_BYTES) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body)).toMatchObject({ errCode: CALL_DATA_REFUSED, errMsg: expect.stringContaining('EXCEED_MAX_PAYLOAD_SIZE') });
  });

  it('refuses a body that is not a JSON object with a typed 400', async () => {
    for (const text of ['{"name": "orders", "data": ', '[1, 2]', '"orders"']) {
      const { status, body } = await post('/api/call', text);
      expect(status).toBe(400);
      expect(body).toEqual({ errCode: CALL_DATA_REFUSED, errMsg: expect.stringMatching(/^cloud\.callFunction:fail INVALID_PARAM: /) });
    }
  });

  it('refuses deep JSON at the admin endpoint as the platform does, in a body and in invokeFunction’s request_data', async () => {
    const platformError = { status: 200, body: { code: 'INVALID_PARAM', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` } };
    expect(await post('/admin', `{"action":"database.getDocument","query":${nestedArray(5000)}}`)).toEqual(platformError);
    const invoke = (requestData: string) => post('/admin', JSON.stringify({ action: 'functions.invokeFunction', function_name: 'orders', request_data: requestData }));
    expect(await invoke(deepCall(5000))).toEqual(platformError);
    expect(await invoke('{"action": ')).toEqual({ status: 200, body: { code: 'INVALID_PARAM', message: 'not JSON' } });
    expect(await invoke(JSON.stringify({ pad: 'x'.repeat(MAX_CALL_BYTES) }))).toEqual({ status: 200, body: { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: 'request body over 6 MB' } });
  });

  it('refuses a database request whose query nests deeper than MongoDB allows', async () => {
    const { body } = await post('/admin', JSON.stringify({ action: 'database.getDocument', collectionName: 'shops', query: nestedArray(5000) }));
    expect(body).toMatchObject({ code: 'DATABASE_REQUEST_FAILED', message: `invalid query: nested deeper than ${MAX_JSON_DEPTH} levels` });
  });

  it('refuses deep or oversized JSON on the pay sheet and share routes with a typed error', async () => {
    for (const path of ['/api/pay', '/api/share-ticket', '/api/share-info']) {
      const deep = await post(path, `{"outTradeNo":${nestedArray(5000, '"x"')}}`);
      expect(deep.status).toBe(400);
      expect(deep.body.errMsg).toMatch(/INVALID_PARAM: JSON nested deeper than 100 levels$/);
      const large = await post(path, JSON.stringify({ groupName: 'x'.repeat(100_000) }));
      expect(large.status).toBe(413);
      expect(large.body.errMsg).toMatch(/EXCEED_MAX_PAYLOAD_SIZE/);
    }
  });

  it('refuses an upload whose multipart body does not parse with a 400', async () => {
    const res = await fetch(`${emu.url}/api/upload`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=zzz' }, body: '--zzz\r\nbroken' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errMsg: 'uploadFile:fail the multipart body does not parse' });
  });
});
