/**
 * Cloud paths and file IDs. A file ID is `cloud://<envId>.<bucket>/<cloudPath>`, as the cloud
 * issues them; only IDs of this emulator's env and bucket name a file here.
 */
import { StorageError } from './errors';

/** 云存储 文件名命名限制: https://developers.weixin.qq.com/minigame/dev/wxcloud/guide/storage/naming.html */
const MAX_PATH_BYTES = 850;

/**
 * The documented rules (not empty, no leading "/", no "//", at most 850 UTF-8 bytes, no
 * CAN/EM/SUB/ESC), plus three the emulator adds, all stricter than the cloud so that code which
 * passes here also passes there:
 *  - no "." or ".." segment: a URL or file path built from the key would resolve elsewhere;
 *  - no trailing "/": that names a folder, not a file;
 *  - no other ASCII control character: the docs call them "needing special handling", and they
 *    break headers and logs.
 * Files are stored under a hash of the path (./blobs.ts), so no path reaches the file system anyway.
 */
export function checkCloudPath(value: unknown): string {
  const reject = (why: string): never => {
    throw new StorageError('INVALID_PARAM', `invalid cloudPath ${JSON.stringify(value)}: ${why}`);
  };
  if (typeof value !== 'string' || value === '') return reject('must be a non-empty string');
  if (value.startsWith('/')) reject('must not start with "/"');
  if (value.includes('//')) reject('must not contain "//"');
  if (value.endsWith('/')) reject('must name a file, not end with "/"');
  if (Buffer.byteLength(value, 'utf8') > MAX_PATH_BYTES) reject(`must be at most ${MAX_PATH_BYTES} bytes of UTF-8`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this refuses
  if (/[\u0000-\u001f\u007f]/.test(value)) reject('must not contain control characters');
  if (value.split('/').some((segment) => segment === '.' || segment === '..')) reject('must not contain "." or ".." segments');
  return value;
}

/** `<hex of the env's first two characters>-<envId>-<appid number>`, the shape of a cloud bucket. */
export function bucketOf(envId: string): string {
  return `${Buffer.from(envId.slice(0, 2)).toString('hex')}-${envId}-1300000000`;
}

export function fileIdOf(envId: string, cloudPath: string): string {
  return `cloud://${envId}.${bucketOf(envId)}/${cloudPath}`;
}

/**
 * The cloud path a file ID names here. Throws INVALID_PARAM for a string that is no file ID at
 * all, STORAGE_FILE_NONEXIST for another env's or bucket's file (it does not exist here).
 */
export function cloudPathOf(envId: string, fileID: unknown): string {
  if (typeof fileID !== 'string' || !/^cloud:\/\/[^/]+\/./.test(fileID)) {
    throw new StorageError('INVALID_PARAM', `invalid fileID ${JSON.stringify(fileID)}`);
  }
  const prefix = fileIdOf(envId, '');
  if (!fileID.startsWith(prefix)) throw new StorageError('STORAGE_FILE_NONEXIST', 'storage file not exists');
  try {
    return checkCloudPath(fileID.slice(prefix.length));
  } catch {
    throw new StorageError('INVALID_PARAM', `invalid fileID ${JSON.stringify(fileID)}`);
  }
}

/** Every segment percent-encoded: the URL is plain ASCII and survives the SDK's extra encodeURI. */
export function encodePath(cloudPath: string): string {
  return cloudPath.split('/').map(encodeURIComponent).join('/');
}

/**
 * The cloud path of a URL path's tail. A temp URL may arrive as issued (fetch, a browser) or
 * percent-encoded once more (@cloudbase/node-sdk downloadFile runs encodeURI over it), so both
 * decodings are offered; the caller keeps the one its signature verifies, which also means a
 * crafted double encoding can only ever reach the file that was signed.
 */
export function decodePathCandidates(encoded: string): string[] {
  const once = safeDecode(encoded);
  if (once === undefined) return [];
  const twice = once.includes('%') ? safeDecode(once) : undefined;
  return twice === undefined || twice === once ? [once] : [once, twice];
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
