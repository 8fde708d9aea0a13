/**
 * The `storage.*` admin actions @cloudbase/node-sdk 3.17.2 sends (dist/storage/index.js), each
 * answering with the reply body the SDK reads:
 *  - getUploadMetadata {path, method:'put'} → {data:{url, token, authorization, fileId, cosFileId,
 *    download_url}}; the SDK then PUTs the bytes to `url` (see ./http.ts).
 *  - batchGetDownloadUrl {file_list:[{fileid, max_age?, url_type?}]} → {data:{download_list:[{fileID,
 *    tempFileURL, code, maxAge}]}}. cloud.downloadFile uses it too, with max_age 600, then GETs the URL.
 *  - batchDeleteFile {fileid_list} → {data:{delete_list:[{fileID, code}]}}.
 * Per-file failures are per-file codes, never a failed request.
 */
import { randomBytes } from 'node:crypto';
import type { StorageContext } from './context';
import { DOWNLOAD_PREFIX, UPLOAD_PREFIX } from './context';
import { StorageError } from './errors';
import { checkCloudPath, cloudPathOf, encodePath, fileIdOf } from './paths';
import { downloadQuery, uploadAuthorization } from './tickets';

/** The cloud's limit per batch call ("一次最多取 50 个"), for URLs and deletes alike. */
const MAX_BATCH = 50;
/** getTempFileURL: "可自定义有效期，默认一天且最大不超过一天". */
const MAX_AGE_LIMIT_SECONDS = 86_400;

type Reply = Record<string, unknown>;
export type AdminAction = (body: Record<string, unknown>, ctx: StorageContext) => Reply;

export const ADMIN_ACTIONS: Record<string, AdminAction> = {
  'storage.getUploadMetadata': getUploadMetadata,
  'storage.batchGetDownloadUrl': batchGetDownloadUrl,
  'storage.batchDeleteFile': batchDeleteFile,
};

function getUploadMetadata(body: Record<string, unknown>, ctx: StorageContext): Reply {
  const cloudPath = checkCloudPath(body.path);
  // The id the SDK echoes back in the upload's x-cos-meta-fileid header; the signature binds it.
  const cosFileId = randomBytes(16).toString('hex');
  const base = ctx.publicUrl();
  return {
    data: {
      url: `${base}${UPLOAD_PREFIX}${encodePath(cloudPath)}`,
      // A COS session token in the cloud; unchecked here, the authorization carries the proof.
      token: randomBytes(16).toString('hex'),
      authorization: uploadAuthorization(cloudPath, cosFileId, Math.floor(ctx.now() / 1000)),
      fileId: fileIdOf(ctx.envId, cloudPath),
      cosFileId,
      // The unsigned address: like a private-read file's in the cloud, it answers 403.
      download_url: `${base}${DOWNLOAD_PREFIX}${encodePath(cloudPath)}`,
    },
  };
}

function batchGetDownloadUrl(body: Record<string, unknown>, ctx: StorageContext): Reply {
  const list = batch(body.file_list, 'file_list');
  const download_list = list.map((item) => {
    const entry = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
    const fileID = entry.fileid;
    return perFile(fileID, () => {
      const cloudPath = cloudPathOf(ctx.envId, fileID);
      if (!ctx.blobs.meta(cloudPath)) throw new StorageError('STORAGE_FILE_NONEXIST', 'storage file not exists');
      const maxAge = maxAgeSeconds(entry.max_age, ctx.tempUrlTtlMs);
      const expiresAt = Math.floor(ctx.now() / 1000) + maxAge;
      const query = downloadQuery(String(fileID), expiresAt);
      return { tempFileURL: `${ctx.publicUrl()}${DOWNLOAD_PREFIX}${encodePath(cloudPath)}?${query}`, maxAge };
    }, { tempFileURL: '' });
  });
  return { data: { download_list } };
}

function batchDeleteFile(body: Record<string, unknown>, ctx: StorageContext): Reply {
  const list = batch(body.fileid_list, 'fileid_list');
  const delete_list = list.map((fileID) =>
    perFile(fileID, () => {
      if (!ctx.blobs.remove(cloudPathOf(ctx.envId, fileID))) throw new StorageError('STORAGE_FILE_NONEXIST', 'storage file not exists');
      return {};
    }),
  );
  return { data: { delete_list } };
}

function batch(value: unknown, name: string): unknown[] {
  if (!Array.isArray(value) || value.length === 0) throw new StorageError('INVALID_PARAM', `${name} must be a non-empty array`);
  if (value.length > MAX_BATCH) throw new StorageError('INVALID_PARAM', `${name} holds ${value.length} files; at most ${MAX_BATCH} per call`);
  return value;
}

/** One file's outcome: `{fileID, code:'SUCCESS', ...}` or `{fileID, code, message, ...onFailure}`. */
function perFile(fileID: unknown, run: () => Reply, onFailure: Reply = {}): Reply {
  try {
    return { fileID, code: 'SUCCESS', ...run() };
  } catch (e) {
    if (!(e instanceof StorageError)) throw e;
    return { fileID, code: e.code, message: e.message, ...onFailure };
  }
}

/** max_age in seconds as asked, else the configured default; never beyond a day. */
function maxAgeSeconds(requested: unknown, defaultMs: number): number {
  const seconds = typeof requested === 'number' && Number.isFinite(requested) && requested > 0 ? Math.floor(requested) : Math.floor(defaultMs / 1000);
  return Math.max(1, Math.min(seconds, MAX_AGE_LIMIT_SECONDS));
}
