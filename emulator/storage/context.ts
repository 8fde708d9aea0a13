// What the admin and HTTP handlers share; built once by CloudStorage.
import type { BlobStore } from './blobs';

export interface StorageContext {
  envId: string;
  blobs: BlobStore;
  now(): number;
  /** Origin the SDK and browsers reach the emulator at, without a trailing slash. */
  publicUrl(): string;
  /** Lifetime of a temp URL when the call names no max_age. */
  tempUrlTtlMs: number;
}

export interface HttpRequest {
  method: string;
  /** The URL path as received, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type { HttpReply } from '../http';

export const UPLOAD_PREFIX = '/storage/upload/';
export const DOWNLOAD_PREFIX = '/storage/download/';
