// Small HTTP helpers for the emulator's server: no framework needed for a handful of routes.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The most any route reads of a body (storage uploads and images; JSON routes read less). */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * Call data: CloudBase refuses a cloud function request body over 6 MB with
 * EXCEED_MAX_PAYLOAD_SIZE (the synchronous invocation limit of the SCF functions it runs on). The
 * gateway holds calls to it, and a function's own callFunction (invokeFunction's request_data).
 */
export const MAX_CALL_BYTES = 6 * 1024 * 1024;

/**
 * How deep any JSON the emulator parses may nest. No limit is documented for call data, but the
 * cloud database (MongoDB) refuses documents nested deeper than 100 levels, so nothing deeper can
 * be kept; and the recursive walks here (structured clone, zod, EJSON, JSON.stringify) overflow
 * the stack a few thousand levels down, which no request may ever reach.
 */
export const MAX_JSON_DEPTH = 100;

/** A refused body is still read to its end (a client still sending gets no reply otherwise), up to this much more. */
const MAX_DISCARDED_BYTES = 64 * 1024 * 1024;

/** A request refused with this status; `code` is the platform's word for it, where it has one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: 'EXCEED_MAX_PAYLOAD_SIZE' | 'INVALID_PARAM',
  ) {
    super(message);
  }

  /** `{errMsg}`, the shape wx.* APIs fail with; `prefix` names the API (`cloud.callFunction:fail `). */
  toBody(prefix = ''): { errMsg: string } {
    return { errMsg: `${prefix}${this.code ? `${this.code}: ` : ''}${this.message}` };
  }
}

export function payloadTooLarge(maxBytes: number): HttpError {
  return new HttpError(413, `request body over ${maxBytes / 1024 / 1024} MB`, 'EXCEED_MAX_PAYLOAD_SIZE');
}

function invalidJson(why: string): HttpError {
  return new HttpError(400, why, 'INVALID_PARAM');
}

/**
 * The whole body, or a 413 once it passes `maxBytes` (at once when Content-Length says so). A
 * refused body is read on and thrown away rather than cut off: Node closes a socket still
 * receiving with a reset, and the client then never sees the 413.
 */
export function readBody(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    const refuse = () => {
      refused = true;
      chunks.length = 0;
      reject(payloadTooLarge(maxBytes));
    };
    if (Number(req.headers['content-length']) > maxBytes) refuse();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > maxBytes + MAX_DISCARDED_BYTES) req.destroy();
        return;
      }
      if (size > maxBytes) return refuse();
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`: one pass over the text, no
 * recursion, so it is safe to ask of any input before parsing it.
 */
export function nestsDeeperThan(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character, quotes included
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Any JSON value, refused (INVALID_PARAM) when it does not parse or nests deeper than MAX_JSON_DEPTH. */
export function parseJsonText(text: string): unknown {
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) throw invalidJson(`JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
  try {
    return JSON.parse(text);
  } catch {
    throw invalidJson('not JSON');
  }
}

/** A JSON object body, refused as parseJsonText refuses, and when it is anything but an object. */
export function parseJson(body: Buffer): Record<string, unknown> {
  const value = parseJsonText(body.toString('utf8'));
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw invalidJson('body must be a JSON object');
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
