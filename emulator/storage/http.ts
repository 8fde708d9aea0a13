/**
 * The storage HTTP endpoints, standing in for COS:
 *  - PUT /storage/upload/<path>: the upload @cloudbase/node-sdk makes after getUploadMetadata
 *    (dist/storage/index.js:60-83), headers `authorization` (also as `Signature`),
 *    `x-cos-security-token`, `x-cos-meta-fileid` (the cosFileId), `key`, a chunked body and no
 *    Content-Type. Answered 200 with an empty body, which the SDK takes for success.
 *  - GET|HEAD /storage/download/<path>?sign=…&t=…: temp URLs, fetched by the SDK's downloadFile
 *    (encodeURI'd first, dist/storage/index.js:246-290), browsers and tests alike. A forged or expired URL gets
 *    403 before existence is looked at (no probing for files), a deleted file 404.
 */
import type { HttpReply, HttpRequest, StorageContext } from './context';
import { DOWNLOAD_PREFIX, UPLOAD_PREFIX } from './context';
import { cosError } from './cos';
import { StorageError } from './errors';
import { contentTypeOf } from './mime';
import { checkCloudPath, decodePathCandidates, fileIdOf } from './paths';
import { checkDownloadQuery, checkUploadAuthorization, type TicketCheck } from './tickets';

export function upload(req: HttpRequest, ctx: StorageContext): HttpReply {
  const resource = req.path;
  if (req.method !== 'PUT') return cosError(405, 'MethodNotAllowed', 'uploads are PUT requests', resource);
  const authorization = header(req, 'authorization') ?? header(req, 'signature') ?? '';
  const cosFileId = header(req, 'x-cos-meta-fileid') ?? '';
  const nowSeconds = Math.floor(ctx.now() / 1000);
  // The SDK sends the URL exactly as issued, so a single decoding is the only candidate.
  const [cloudPath] = decodePathCandidates(req.path.slice(UPLOAD_PREFIX.length));
  const check: TicketCheck = cloudPath === undefined ? 'forged' : checkUploadAuthorization(authorization, cloudPath, cosFileId, nowSeconds);
  if (check === 'expired') return cosError(403, 'AccessDenied', 'Request has expired', resource);
  if (check === 'forged' || cloudPath === undefined) {
    return cosError(403, 'SignatureDoesNotMatch', 'The Signature you specified is invalid.', resource);
  }
  try {
    checkCloudPath(cloudPath); // signed paths are valid already; this guards against a future signer
  } catch (e) {
    if (e instanceof StorageError) return cosError(400, 'InvalidArgument', e.message, resource);
    throw e;
  }
  const meta = ctx.blobs.write(cloudPath, req.body, header(req, 'content-type') || contentTypeOf(cloudPath), ctx.now());
  return { status: 200, headers: { etag: meta.etag }, body: Buffer.alloc(0) };
}

export function download(req: HttpRequest, ctx: StorageContext): HttpReply {
  const resource = req.path;
  if (req.method !== 'GET' && req.method !== 'HEAD') return cosError(405, 'MethodNotAllowed', 'temp URLs answer GET and HEAD', resource);
  const nowSeconds = Math.floor(ctx.now() / 1000);
  let expired = false;
  for (const cloudPath of decodePathCandidates(req.path.slice(DOWNLOAD_PREFIX.length))) {
    const check = checkDownloadQuery(fileIdOf(ctx.envId, cloudPath), req.query, nowSeconds);
    if (check === 'expired') expired = true;
    if (check !== 'ok') continue;
    const meta = ctx.blobs.meta(cloudPath);
    const bytes = meta && ctx.blobs.read(meta);
    if (!meta || !bytes) return cosError(404, 'NoSuchKey', 'The specified key does not exist.', resource);
    const expiresIn = Number(req.query.get('t')) - nowSeconds;
    return {
      status: 200,
      headers: {
        'content-type': meta.contentType,
        etag: meta.etag,
        'last-modified': new Date(meta.createdAt).toUTCString(),
        'cache-control': `private, max-age=${expiresIn}`,
      },
      // Also for HEAD: Node's ServerResponse drops the body of a HEAD reply but keeps its length.
      body: bytes,
    };
  }
  if (expired) return cosError(403, 'AccessDenied', 'Request has expired', resource);
  return cosError(403, 'AccessDenied', 'Access Denied.', resource);
}

function header(req: HttpRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
