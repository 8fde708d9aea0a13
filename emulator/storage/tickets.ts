/**
 * The two signed things storage hands out: the authorization for one upload (a COS-style
 * `q-sign-algorithm=…&q-key-time=<start>;<end>&q-signature=…` string bound to the path and the
 * cosFileId) and temp download URLs (`?sign=…&t=<expiry>`, bound to the file ID and expiry).
 * Times are unix seconds, as COS uses them.
 */
import { sign, verify } from './signing';

/** How long an upload authorization lasts: the cloud's upload signatures are short-lived too. */
export const UPLOAD_TTL_SECONDS = 600;

export function uploadAuthorization(cloudPath: string, cosFileId: string, nowSeconds: number): string {
  const end = nowSeconds + UPLOAD_TTL_SECONDS;
  const signature = sign(['upload', cloudPath, cosFileId, String(end)]);
  return `q-sign-algorithm=sha256&q-key-time=${nowSeconds};${end}&q-signature=${signature}`;
}

export type TicketCheck = 'ok' | 'forged' | 'expired';

export function checkUploadAuthorization(authorization: string, cloudPath: string, cosFileId: string, nowSeconds: number): TicketCheck {
  const fields = new URLSearchParams(authorization);
  const end = (fields.get('q-key-time') ?? '').split(';')[1] ?? '';
  if (!/^\d+$/.test(end) || !verify(['upload', cloudPath, cosFileId, end], fields.get('q-signature') ?? '')) return 'forged';
  return Number(end) < nowSeconds ? 'expired' : 'ok';
}

export function downloadQuery(fileID: string, expiresAt: number): string {
  return `sign=${sign(['download', fileID, String(expiresAt)])}&t=${expiresAt}`;
}

export function checkDownloadQuery(fileID: string, query: URLSearchParams, nowSeconds: number): TicketCheck {
  const t = query.get('t') ?? '';
  if (!/^\d+$/.test(t) || !verify(['download', fileID, t], query.get('sign') ?? '')) return 'forged';
  return Number(t) < nowSeconds ? 'expired' : 'ok';
}
