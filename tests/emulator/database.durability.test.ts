/** What the emulator acknowledged is on disk: across reopen and across kill -9. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudDatabase } from '../../emulator/database';
import { DbServer, startDbServer } from './dbServer';

const MANIFEST = { collections: [{ name: 'orders' }, { name: 'counters' }] };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cactus-durable-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('documents written through the SDK are read back by a second CloudDatabase on the same file', async () => {
  const s: DbServer = await startDbServer(MANIFEST);
  const _ = s.sdb.command;
  await s.sdb.collection('orders').add({ data: [{ _id: 'o1', qty: 1, at: new Date(0) }, { _id: 'o2', qty: 2 }] });
  await s.sdb.collection('orders').doc('o1').update({ data: { qty: _.inc(4) } });
  await s.sdb.collection('orders').doc('o2').remove();
  await s.sdb.createCollection('later');
  await s.sdb.collection('later').add({ data: { _id: 'l1' } });
  const reopened = new CloudDatabase({ file: s.file, manifest: MANIFEST });
  try {
    expect(reopened.find('orders')).toEqual([{ _id: 'o1', qty: 5, at: new Date(0) }]);
    expect(reopened.find('later')).toEqual([{ _id: 'l1' }]);
    expect(reopened.isEmpty()).toBe(false);
  } finally {
    reopened.close();
    await s.close();
  }
});

test('a new database file is empty, and insert()/find() seed and read it directly', () => {
  const db = new CloudDatabase({ file: join(dir, 'seed.sqlite'), manifest: MANIFEST });
  try {
    expect(db.isEmpty()).toBe(true);
    const id = db.insert('orders', { qty: 3 });
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(db.insert('orders', { _id: 'mine', qty: 7 })).toBe('mine');
    expect(db.find('orders', { qty: { $gt: 5 } })).toEqual([{ _id: 'mine', qty: 7 }]);
    expect(db.isEmpty()).toBe(false);
    expect(() => db.find('ghosts')).toThrow(/not exist/);
  } finally {
    db.close();
  }
});

test('every write acknowledged before a kill -9 is still there after reopening', async () => {
  const file = join(dir, 'crash.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'database-crash-writer.ts'), file], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let acked = -1;
  let buffered = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) acked = Number(line.slice('ack '.length));
    if (acked >= 300) child.kill('SIGKILL');
  });
  expect(await exited).toBe('SIGKILL');
  expect(acked).toBeGreaterThanOrEqual(300);

  const db = new CloudDatabase({ file, manifest: MANIFEST });
  try {
    const present = new Set(db.find('orders').map((d) => d._id));
    const missing = Array.from({ length: acked + 1 }, (_unused, n) => `order-${n}`).filter((id) => !present.has(id));
    expect(missing).toEqual([]);
    expect(db.find('counters')[0].n).toBeGreaterThanOrEqual(acked + 1);
  } finally {
    db.close();
  }
}, 60_000);
