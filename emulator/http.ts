// Small HTTP helpers for the emulator's server: no framework needed for a handful of routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY_BYTES = 20 * 1024 * 1024;

export class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, 'request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function parseJson(body: Buffer): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new HttpError(400, 'body must be a JSON object');
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

export function send(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, { ...headers, 'content-length': body.length });
  res.end(body);
}

/** A reply built by a module (storage, open API, pay) for the server to send as it is. */
export interface HttpReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** A multipart admin call (wx.openApi, wx.wxPayApi) and the function user it was made for. */
export interface MultipartCall {
  body: Buffer;
  contentType: string;
  caller?: { openid?: string; appid?: string };
}

/**
 * A platform (TCB) error: the SDK throws it with this code and message. Status 200 so it reads
 * the body; the SDK treats exactly this content type as JSON to throw from.
 */
export function tcbError(code: string, message: string): HttpReply {
  return { status: 200, headers: { 'content-type': TCB_ERROR_CONTENT_TYPE }, body: Buffer.from(JSON.stringify({ code, message })) };
}

/** Exactly the content type the SDK parses as a TCB error; its replies must never use it otherwise. */
export const TCB_ERROR_CONTENT_TYPE = 'application/json; charset=utf-8';
