/**
 * Wire-format contract for storage with the pinned wx-server-sdk 4.0.2 (@cloudbase/node-sdk
 * 3.17.2). One fixture per admin action, fixtures/storage-<action>.json, holds the request the
 * SDK sent, the reply it accepted and what it returned to the function:
 *  - the live SDK must still send exactly those requests and return the same results, and
 *  - CloudStorage.handleAdmin must still answer them with those replies.
 * After a deliberate change (or an SDK upgrade), re-record with
 *   STORAGE_FIXTURES_RECORD=1 npx jest --selectProjects emulator --testPathPattern storage.contract
 * and review the fixture diff.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import cloud from 'wx-server-sdk';
import { CloudStorage } from '../../emulator/storage';
import { ADMIN_ACTIONS } from '../../emulator/storage/admin';
import { startStorageServer, TEST_ENV, type StorageServer } from './fixtures/storage-server';
import sdkPackage from 'wx-server-sdk/package.json';

const RECORD = process.env.STORAGE_FIXTURES_RECORD === '1';
const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const CLOUD_PATH = 'contract/cactus.png';
const BYTES = Buffer.from('not really a png, but bytes all the same');
const PUBLIC_URL = '<publicUrl>';

type Json = Record<string, unknown>;
interface Fixture {
  sdk: string;
  /** The SDK call that produced the exchange. */
  call: { api: string; params: unknown };
  /** Files present before the call, as stored by put(). */
  given: string[];
  request: Json;
  reply: Json;
  /** Requests the SDK then made outside /admin (the upload PUT), with the status they got. */
  followUps: { method: string; path: string; headers: Json; bodyLength: number; status: number }[];
  /** What the SDK returned to the function. */
  result: unknown;
}

const sdkVersion = (): string => `wx-server-sdk@${sdkPackage.version}`;
const fixturePath = (action: string): string => join(__dirname, 'fixtures', `storage-${action.replace('storage.', '')}.json`);

const VOLATILE = ['requestId', 'token', 'cosFileId', 'x-cos-security-token', 'x-cos-meta-fileid', 'host'];

/** Ids, tokens, signatures and the server's port change every run: compare them as placeholders. */
function normalize(value: unknown, publicUrl: string): unknown {
  if (Array.isArray(value)) return value.map((v) => normalize(v, publicUrl));
  if (typeof value === 'string') {
    return value
      .split(publicUrl)
      .join(PUBLIC_URL)
      .replace(/sign=[0-9a-f]{64}/g, 'sign=<sign>')
      .replace(/q-key-time=\d+;\d+&q-signature=[0-9a-f]{64}/g, 'q-key-time=<start>;<end>&q-signature=<signature>');
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = VOLATILE.includes(key) ? `<${key}>` : normalize(item, publicUrl);
  }
  return out;
}

const fileID = `cloud://${TEST_ENV}.6361-${TEST_ENV}-1300000000/${CLOUD_PATH}`;
const missing = `cloud://${TEST_ENV}.6361-${TEST_ENV}-1300000000/contract/missing.png`;

/** One call per admin action, in an order where each finds the file the previous one left. */
const CALLS: { action: string; api: string; given: string[]; params: Json; run: (p: Json) => Promise<unknown> }[] = [
  {
    action: 'storage.getUploadMetadata',
    api: 'uploadFile',
    given: [],
    params: { cloudPath: CLOUD_PATH, fileContent: '<BYTES>' },
    run: () => cloud.uploadFile({ cloudPath: CLOUD_PATH, fileContent: BYTES }),
  },
  {
    action: 'storage.batchGetDownloadUrl',
    api: 'getTempFileURL',
    given: [CLOUD_PATH],
    params: { fileList: [fileID, { fileID: missing, maxAge: 600 }] },
    run: (p) => cloud.getTempFileURL(p as never) as Promise<unknown>,
  },
  {
    action: 'storage.batchDeleteFile',
    api: 'deleteFile',
    given: [CLOUD_PATH],
    params: { fileList: [fileID, missing] },
    run: (p) => cloud.deleteFile(p as never) as Promise<unknown>,
  },
];

let recorded: Fixture[];
const savedEnv = { ...process.env };

beforeAll(async () => {
  const s: StorageServer = await startStorageServer({ now: NOW });
  try {
    recorded = [];
    for (const call of CALLS) {
      s.exchanges.length = 0;
      s.httpExchanges.length = 0;
      const result = await call.run(call.params);
      const [{ request, reply }] = s.exchanges.filter((e) => e.request.action === call.action);
      recorded.push({
        sdk: sdkVersion(),
        call: { api: call.api, params: call.params },
        given: call.given,
        request: normalize(request, s.url) as Json,
        reply: normalize(reply, s.url) as Json,
        followUps: s.httpExchanges.map((e) => normalize({ ...e, headers: withoutTransport(e.headers) }, s.url) as Fixture['followUps'][number]),
        result: normalize(result, s.url),
      });
    }
  } finally {
    await s.close();
    process.env = savedEnv;
  }
  if (RECORD) for (const fixture of recorded) writeFileSync(fixturePath(String(fixture.request.action)), JSON.stringify(fixture, null, 2) + '\n');
});

/** Connection-level headers say nothing about the protocol. */
function withoutTransport(headers: Record<string, unknown>): Json {
  const { connection: _connection, 'transfer-encoding': _te, 'content-length': _length, ...rest } = headers;
  return rest;
}

const fixture = (action: string): Fixture => JSON.parse(readFileSync(fixturePath(action), 'utf8')) as Fixture;

describe.each(CALLS.map((c) => c.action))('the recorded %s exchange', (action) => {
  it('is still what the pinned SDK sends, and the SDK still returns the recorded result', () => {
    const live = recorded.find((r) => r.request.action === action);
    expect(live).toEqual(fixture(action));
  });

  it('is answered by CloudStorage.handleAdmin with the recorded reply', async () => {
    const { given, request, reply } = fixture(action);
    const dir = mkdtempSync(join(tmpdir(), 'cactus-storage-contract-'));
    const publicUrl = 'http://emulator.test';
    const storage = new CloudStorage({ dir, envId: TEST_ENV, publicUrl: () => publicUrl, now: () => NOW });
    try {
      for (const cloudPath of given) storage.put(cloudPath, BYTES);
      expect(normalize(await storage.handleAdmin(request), publicUrl)).toEqual(reply);
    } finally {
      storage.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test('the upload is one PUT of the raw bytes to the issued URL, carrying the authorization, cosFileId and encoded key', () => {
  const { followUps } = fixture('storage.getUploadMetadata');
  expect(followUps).toEqual([
    {
      method: 'PUT',
      path: `/storage/upload/${CLOUD_PATH}`,
      headers: expect.objectContaining({ authorization: expect.stringMatching(/q-signature=/), 'x-cos-meta-fileid': '<x-cos-meta-fileid>', key: encodeURIComponent(CLOUD_PATH) }),
      bodyLength: BYTES.length,
      status: 200,
    },
  ]);
});

test('the fixtures cover every storage action the emulator implements', () => {
  expect(CALLS.map((c) => c.action).sort()).toEqual(Object.keys(ADMIN_ACTIONS).sort());
});
