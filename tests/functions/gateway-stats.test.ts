// The emulator counts database requests: per gateway call in a header, and in total at /api/stats.
import { startTestEmulator, type TestEmulator } from '../support/emulator';
import { DB_REQUESTS_HEADER } from '../../emulator/server';

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(() => emu.close());

test('a gateway call reports the database requests it made, and /api/stats adds them up', async () => {
  const before = await (await fetch(`${emu.url}/api/stats`)).json();
  const res = await fetch(`${emu.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'shop', data: { action: 'getProduct', payload: { productId: 'lalian' } } }),
  });
  expect((await res.json()).result.ok).toBe(true);
  const made = Number(res.headers.get(DB_REQUESTS_HEADER));
  expect(made).toBeGreaterThan(0);
  const after = await (await fetch(`${emu.url}/api/stats`)).json();
  expect(after).toEqual({ databaseRequests: before.databaseRequests + made, calls: before.calls + 1 });
});
