/**
 * The emulator's cloud storage, driven by the unmodified wx-server-sdk over HTTP: uploadFile,
 * getTempFileURL, downloadFile and deleteFile in a function, and the temp URLs fetched as a
 * browser would.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import QRCode from 'qrcode';
import cloud from 'wx-server-sdk';
import { StorageError } from '../../emulator/storage';
import { failure, startStorageServer, TEST_ENV, type StorageServer } from './fixtures/storage-server';

const BUCKET = `6361-${TEST_ENV}-1300000000`; // "ca" in hex, as the cloud prefixes buckets
const fileIdOf = (cloudPath: string): string => `cloud://${TEST_ENV}.${BUCKET}/${cloudPath}`;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

interface TempFile {
  fileID: string;
  tempFileURL: string;
  maxAge?: number;
  status: number;
  errMsg: string;
}
/** The SDK types these two as `Promise | void` (callback style); the promise is what functions use. */
const tempUrls = (fileList: (string | { fileID: string; maxAge?: number })[]) =>
  cloud.getTempFileURL({ fileList }) as Promise<{ fileList: TempFile[]; errMsg: string }>;
const deleteFiles = (fileList: string[]) =>
  cloud.deleteFile({ fileList }) as Promise<{ fileList: { fileID: string; status: number; errMsg: string }[]; errMsg: string }>;
const tempUrlOf = async (fileID: string, maxAge?: number): Promise<string> =>
  (await tempUrls([maxAge === undefined ? fileID : { fileID, maxAge }])).fileList[0].tempFileURL;

let s: StorageServer;
let png: Buffer;
const savedEnv = { ...process.env };

beforeAll(async () => {
  png = await QRCode.toBuffer('仙人掌小店', { type: 'png', width: 120 });
  s = await startStorageServer({ now: Date.UTC(2025, 5, 1) });
});
afterAll(async () => {
  await s.close();
  process.env = savedEnv;
});
beforeEach(() => {
  s.exchanges.length = 0;
});

const upload = (cloudPath: string, fileContent: Buffer) => cloud.uploadFile({ cloudPath, fileContent });
const storedFiles = (): string[] => readdirSync(join(s.dir, 'objects'));
const blobFiles = (): string[] => readdirSync(join(s.dir, 'blobs'));

describe('uploadFile', () => {
  it('stores the bytes and answers with a cloud:// fileID of the env, bucket and cloudPath', async () => {
    const result = await upload('products/cactus.png', png);

    expect(result).toMatchObject({ fileID: fileIdOf('products/cactus.png'), errMsg: 'uploadFile:ok' });
    expect((await cloud.downloadFile({ fileID: result.fileID })).fileContent.equals(png)).toBe(true);
    expect(s.exchanges.map((e) => e.request.action)).toEqual(['storage.getUploadMetadata', 'storage.batchGetDownloadUrl']);
  });

  it('overwrites a file uploaded again to the same cloudPath, as the cloud does, keeping one blob', async () => {
    await upload('products/again.txt', Buffer.from('first'));
    const blobsBefore = blobFiles().length;
    const { fileID } = await upload('products/again.txt', Buffer.from('second'));

    expect((await cloud.downloadFile({ fileID })).fileContent.toString()).toBe('second');
    expect(blobFiles()).toHaveLength(blobsBefore);
  });

  it.each([
    ['an empty path', ''],
    ['a leading slash', '/products/a.png'],
    ['a double slash', 'products//a.png'],
    ['a parent segment', '../escape.png'],
    ['a parent segment inside', 'products/../../escape.png'],
    ['a current-directory segment', './a.png'],
    ['a trailing slash', 'products/'],
    ['an ESC character', 'a\u001bb.png'],
    ['more than 850 bytes', `${'仙'.repeat(284)}.png`],
  ])('refuses a cloudPath with %s before any byte is stored', async (_case, cloudPath) => {
    const before = storedFiles().length;
    const error = await failure(upload(cloudPath, png));

    expect(error.errMsg).toMatch(/^uploadFile:fail invalid cloudPath .*: /);
    expect(error.code).toBe('INVALID_PARAM');
    expect(storedFiles()).toHaveLength(before);
    expect(existsSync(join(dirname(s.dir), 'escape.png'))).toBe(false);
  });

  it('accepts a path of exactly 850 bytes, Chinese names and characters the docs only advise against', async () => {
    for (const cloudPath of [`${'a'.repeat(846)}.png`, '商品/仙人掌 #1 (大)?.png', 'x/50%off.txt']) {
      const { fileID } = await upload(cloudPath, Buffer.from(cloudPath));
      expect((await cloud.downloadFile({ fileID })).fileContent.toString()).toBe(cloudPath);
    }
  });
});

describe('the upload URL getUploadMetadata hands out', () => {
  async function metadata(cloudPath: string): Promise<{ url: string; authorization: string; cosFileId: string }> {
    const reply = await s.storage.handleAdmin({ action: 'storage.getUploadMetadata', path: cloudPath, method: 'put' });
    return reply.data as { url: string; authorization: string; cosFileId: string };
  }
  const put = (url: string, headers: Record<string, string>, body = Buffer.from('bytes')) => fetch(url, { method: 'PUT', headers, body });

  it('points back at the emulator and takes the PUT the SDK makes', async () => {
    const { url, authorization, cosFileId } = await metadata('direct/put.txt');
    expect(url).toBe(`${s.url}/storage/upload/direct/put.txt`);

    const res = await put(url, { authorization, 'x-cos-meta-fileid': cosFileId });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect((await cloud.downloadFile({ fileID: fileIdOf('direct/put.txt') })).fileContent.toString()).toBe('bytes');
  });

  it('refuses a tampered authorization, another path or another cosFileId with a COS SignatureDoesNotMatch error', async () => {
    const { url, authorization, cosFileId } = await metadata('direct/guarded.txt');
    const before = storedFiles().length;
    const forged = authorization.replace(/q-signature=(.)/, (_m, c: string) => `q-signature=${c === 'a' ? 'b' : 'a'}`);
    const attempts = [
      put(url, { authorization: forged, 'x-cos-meta-fileid': cosFileId }),
      put(url.replace('guarded', 'other'), { authorization, 'x-cos-meta-fileid': cosFileId }),
      put(`${s.url}/storage/upload/..%2F..%2Fescape.png`, { authorization, 'x-cos-meta-fileid': cosFileId }),
      put(url, { authorization, 'x-cos-meta-fileid': 'another' }),
      put(url, {}),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    }
    expect(storedFiles()).toHaveLength(before);
  });

  it('refuses an authorization older than ten minutes with COS AccessDenied', async () => {
    const { url, authorization, cosFileId } = await metadata('direct/late.txt');
    s.clock.now += 601_000;
    try {
      const res = await put(url, { authorization, 'x-cos-meta-fileid': cosFileId });
      expect(res.status).toBe(403);
      const xml = await res.text();
      expect(xml).toContain('<Code>AccessDenied</Code>');
      expect(xml).toContain('<Message>Request has expired</Message>');
    } finally {
      s.clock.now -= 601_000;
    }
  });
});

describe('getTempFileURL and the temp URL', () => {
  let fileID: string;
  beforeAll(async () => {
    ({ fileID } = await upload('products/temp.png', png));
  });

  it('gives a URL on the emulator that fetch downloads byte-identical, as image/png', async () => {
    const { fileList, errMsg } = await tempUrls([fileID]);
    expect(errMsg).toBe('getTempFileURL:ok');
    expect(fileList[0]).toMatchObject({ fileID, status: 0, errMsg: 'ok' });
    expect(fileList[0].tempFileURL.startsWith(`${s.url}/storage/download/products/temp.png?`)).toBe(true);

    const res = await fetch(fileList[0].tempFileURL);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(body.equals(png)).toBe(true);
  });

  it('lasts one day by default, as the cloud documents, honours a shorter maxAge and caps a longer one at a day', async () => {
    const { fileList } = await tempUrls([fileID, { fileID, maxAge: 60 }, { fileID, maxAge: 7 * 86_400 }]);
    expect(fileList.map((f) => f.maxAge)).toEqual([86_400, 60, 86_400]);
  });

  it('lasts tempUrlTtlMs when the emulator is configured with one', async () => {
    s.reopen({ tempUrlTtlMs: 120_000 });
    try {
      expect((await tempUrls([fileID])).fileList[0].maxAge).toBe(120);
    } finally {
      s.reopen();
    }
  });

  it('refuses a URL once its maxAge has passed, with 403', async () => {
    const url = await tempUrlOf(fileID, 60);
    expect((await fetch(url)).status).toBe(200);
    s.clock.now += 61_000;
    try {
      const res = await fetch(url);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('Request has expired');
    } finally {
      s.clock.now -= 61_000;
    }
  });

  it('refuses a URL whose signature, expiry or path was altered, with 403', async () => {
    const other = await upload('products/other.png', png);
    const url = new URL(await tempUrlOf(fileID));
    const sign = url.searchParams.get('sign') ?? '';
    const altered = (edit: (u: URL) => void): string => {
      const copy = new URL(url);
      edit(copy);
      return copy.toString();
    };
    const attempts = [
      altered((u) => u.searchParams.set('sign', `${sign.slice(0, -1)}${sign.endsWith('0') ? '1' : '0'}`)),
      altered((u) => u.searchParams.set('t', String(Number(u.searchParams.get('t')) + 86_400))),
      altered((u) => (u.pathname = u.pathname.replace('temp.png', 'other.png'))),
      altered((u) => u.searchParams.delete('sign')),
      altered((u) => (u.pathname = '/storage/download/..%2F..%2Fetc%2Fpasswd')),
    ];
    for (const attempt of attempts) expect((await fetch(attempt)).status).toBe(403);
    expect((await fetch(await tempUrlOf(other.fileID))).status).toBe(200);
  });

  it('answers HEAD with the type and length and no body', async () => {
    const res = await fetch(await tempUrlOf(fileID), { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('content-length')).toBe(String(png.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves a path with Chinese, a space and "#" both to fetch and to the SDK, which encodes the URL once more', async () => {
    const uploaded = await upload('商品/仙人掌 #2.png', png);
    const url = await tempUrlOf(uploaded.fileID);
    expect(/^[\x21-\x7e]+$/.test(url)).toBe(true); // plain ASCII, safe in an <img src>

    expect(Buffer.from(await (await fetch(url)).arrayBuffer()).equals(png)).toBe(true);
    expect((await cloud.downloadFile({ fileID: uploaded.fileID })).fileContent.equals(png)).toBe(true);
  });

  it('keeps the content type given to put(), as the gateway stores H5 uploads', async () => {
    const fileID = s.storage.put('h5/avatar', Buffer.from('RIFF....WEBP'), 'image/webp');
    expect(fileID).toBe(fileIdOf('h5/avatar'));
    expect((await fetch(await tempUrlOf(fileID))).headers.get('content-type')).toBe('image/webp');
  });

  it('reports a missing file, another env’s file and a non-ID per file, without failing the call', async () => {
    const { fileList } = await tempUrls([fileIdOf('products/none.png'), 'cloud://other-env.6f74-other-env-1/a.png', 'not-an-id', fileID]);

    expect(fileList.map(({ status, errMsg, tempFileURL }) => ({ status, errMsg, tempFileURL }))).toEqual([
      { status: -503003, errMsg: 'storage file not exists', tempFileURL: '' },
      { status: -503003, errMsg: 'storage file not exists', tempFileURL: '' },
      { status: -501007, errMsg: 'invalid parameters', tempFileURL: '' },
      { status: 0, errMsg: 'ok', tempFileURL: expect.stringContaining('/storage/download/products/temp.png?') },
    ]);
  });

  it('fails a batch of more than 50 files as a whole, as the cloud limits it', async () => {
    const error = await failure(tempUrls(Array.from({ length: 51 }, () => fileID)));
    expect(error.errMsg).toMatch(/^getTempFileURL:fail .*at most 50/);
  });
});

describe('downloadFile', () => {
  it('returns the uploaded bytes with statusCode 200', async () => {
    const { fileID } = await upload('downloads/cactus.png', png);
    const result = await cloud.downloadFile({ fileID });

    expect(result.statusCode).toBe(200);
    expect(result.errMsg).toBe('downloadFile:ok');
    expect(result.fileContent.equals(png)).toBe(true);
  });

  it('rejects for a missing file with "storage file not exists"', async () => {
    const error = await failure(cloud.downloadFile({ fileID: fileIdOf('downloads/none.png') }));
    expect(error.errMsg).toBe('downloadFile:fail storage file not exists');
    expect(error.code).toBe('STORAGE_FILE_NONEXIST');
  });
});

describe('deleteFile', () => {
  it('deletes a file: its earlier temp URL answers 404, downloadFile and getTempFileURL report it missing', async () => {
    const { fileID } = await upload('deleted/cactus.png', png);
    const url = await tempUrlOf(fileID);

    const result = await deleteFiles([fileID]);

    expect(result).toEqual({ fileList: [{ fileID, status: 0, errMsg: 'ok' }], errMsg: 'deleteFile:ok' });
    const res = await fetch(url);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<Code>NoSuchKey</Code>');
    expect((await failure(cloud.downloadFile({ fileID }))).errMsg).toBe('downloadFile:fail storage file not exists');
    expect((await tempUrls([fileID])).fileList[0]).toMatchObject({ status: -503003, errMsg: 'storage file not exists', tempFileURL: '' });
  });

  it('reports a missing file with status -503003 beside the deleted ones, without failing the call', async () => {
    const a = await upload('deleted/a.txt', Buffer.from('a'));
    const missing = fileIdOf('deleted/never.txt');

    const result = await deleteFiles([a.fileID, missing, a.fileID]);

    expect(result.fileList).toEqual([
      { fileID: a.fileID, status: 0, errMsg: 'ok' },
      { fileID: missing, status: -503003, errMsg: 'storage file not exists' },
      { fileID: a.fileID, status: -503003, errMsg: 'storage file not exists' },
    ]);
  });
});

describe('durability', () => {
  it('keeps files, their content types and their fileIDs across a re-created CloudStorage on the same folder', async () => {
    const { fileID } = await upload('durable/cactus.png', png);
    const put = s.storage.put('durable/note', Buffer.from('hello'), 'text/plain; charset=utf-8');

    s.reopen();

    expect((await cloud.downloadFile({ fileID })).fileContent.equals(png)).toBe(true);
    const res = await fetch(await tempUrlOf(put));
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await res.text()).toBe('hello');
  });

  it('sweeps what an interrupted write leaves behind (temp files, unreferenced blobs) when it opens', async () => {
    const { fileID } = await upload('durable/kept.txt', Buffer.from('kept'));
    writeFileSync(join(s.dir, 'blobs', 'deadbeef.0123'), 'orphan');
    writeFileSync(join(s.dir, 'objects', 'deadbeef.json.tmp-0001'), '{"half');
    const before = blobFiles().length;

    s.reopen();

    expect(blobFiles()).toHaveLength(before - 1);
    expect(storedFiles().some((f) => f.includes('.tmp-'))).toBe(false);
    expect((await cloud.downloadFile({ fileID })).fileContent.toString()).toBe('kept');
  });
});

describe('CloudStorage directly', () => {
  it.each(['', '/a.png', 'a//b.png', '../a.png', 'a/./b.png', 'dir/', 'a\u0000b.png'])('put() refuses the cloudPath %j with INVALID_PARAM', (cloudPath) => {
    expect(() => s.storage.put(cloudPath, Buffer.from('x'))).toThrow(StorageError);
    try {
      s.storage.put(cloudPath, Buffer.from('x'));
    } catch (e) {
      expect((e as StorageError).code).toBe('INVALID_PARAM');
    }
  });

  it('leaves requests outside /storage/upload/ and /storage/download/ to the server (null)', async () => {
    const request = { method: 'GET', query: new URLSearchParams(), headers: {}, body: Buffer.alloc(0) };
    expect(await s.storage.handleHttp({ ...request, path: '/media/seed/shop.svg' })).toBeNull();
    expect(await s.storage.handleHttp({ ...request, path: '/storage/other' })).toBeNull();
  });

  it('answers a storage action it does not emulate with code NOT_EMULATED, which the SDK throws', async () => {
    const reply = await s.storage.handleAdmin({ action: 'storage.batchCopyFile', file_list: [] });
    expect(reply).toMatchObject({ code: 'NOT_EMULATED', message: 'not emulated: storage.batchCopyFile' });
  });
});
