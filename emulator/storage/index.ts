/**
 * The emulator's cloud storage, for the unmodified wx-server-sdk: `cloud.uploadFile`,
 * `downloadFile`, `getTempFileURL` and `deleteFile` in a function reach `handleAdmin` (the
 * `storage.*` actions, ./admin.ts) and then `handleHttp` (the upload and the temp URLs, which
 * point back at the emulator, ./http.ts). Files persist in `dir` (./blobs.ts).
 */
import { randomUUID } from 'node:crypto';
import { ADMIN_ACTIONS } from './admin';
import { BlobStore } from './blobs';
import { DOWNLOAD_PREFIX, UPLOAD_PREFIX, type HttpReply, type HttpRequest, type StorageContext } from './context';
import { StorageError } from './errors';
import { download, upload } from './http';
import { contentTypeOf } from './mime';
import { checkCloudPath, fileIdOf } from './paths';

export { StorageError } from './errors';
export type { HttpReply, HttpRequest } from './context';

export interface CloudStorageOptions {
  /** Folder for the files and their metadata; created when missing, kept across restarts. */
  dir: string;
  envId: string;
  /** Origin the SDK and browsers reach the emulator at (e.g. http://127.0.0.1:3000); read per call because the port is known only once listening. */
  publicUrl: () => string;
  now?: () => number;
  /** Temp URL lifetime when getTempFileURL names no maxAge. Default one day, as the cloud; capped at one day. */
  tempUrlTtlMs?: number;
}

const DAY_MS = 86_400_000;

export class CloudStorage {
  private readonly ctx: StorageContext;
  private closed = false;

  constructor(opts: CloudStorageOptions) {
    const now = opts.now ?? Date.now;
    this.ctx = {
      envId: opts.envId,
      blobs: new BlobStore(opts.dir),
      now,
      publicUrl: () => opts.publicUrl().replace(/\/+$/, ''),
      tempUrlTtlMs: opts.tempUrlTtlMs ?? DAY_MS,
    };
  }

  /** Admin actions whose name starts with "storage." (JSON body). Returns the reply body the SDK expects. */
  async handleAdmin(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    this.assertOpen();
    const requestId = randomUUID();
    const action = typeof body.action === 'string' ? ADMIN_ACTIONS[body.action] : undefined;
    if (!action) return { requestId, code: 'NOT_EMULATED', message: `not emulated: ${String(body.action)}` };
    try {
      return { requestId, ...action(body, this.ctx) };
    } catch (e) {
      if (e instanceof StorageError) return { requestId, code: e.code, message: e.message };
      throw e;
    }
  }

  /** Any other HTTP request under /storage/ (the upload target and the temp download URLs). Returns null when the path is not storage's. */
  async handleHttp(req: HttpRequest): Promise<HttpReply | null> {
    this.assertOpen();
    if (req.path.startsWith(UPLOAD_PREFIX)) return upload(req, this.ctx);
    if (req.path.startsWith(DOWNLOAD_PREFIX)) return download(req, this.ctx);
    return null;
  }

  /**
   * Direct use by the gateway for H5 uploads (the browser has no wx.cloud): stores bytes and
   * returns the fileID. Throws StorageError (code INVALID_PARAM) for a cloudPath the cloud would refuse.
   */
  put(cloudPath: string, bytes: Buffer, contentType?: string): string {
    this.assertOpen();
    checkCloudPath(cloudPath);
    this.ctx.blobs.write(cloudPath, bytes, contentType || contentTypeOf(cloudPath), this.ctx.now());
    return fileIdOf(this.ctx.envId, cloudPath);
  }

  /** Every write is already on disk; close only makes later use fail loudly. */
  close(): void {
    this.closed = true;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('CloudStorage is closed');
  }
}
