/**
 * Just enough multipart/form-data parsing for the admin endpoint.
 *
 * Why not `Response.formData()` from Node's fetch: @cloudbase/node-sdk appends `requestData` (the
 * protobuf bytes) without a filename, and a filename-less part is decoded as a UTF-8 string there,
 * which corrupts binary protobuf. Here every part stays a Buffer.
 */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export class MultipartError extends Error {}

/** The boundary of a `multipart/form-data` content type, or undefined for any other type. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^\s*multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : undefined;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** Parses a whole multipart body. Throws MultipartError when the body does not fit the boundary. */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new MultipartError(`not multipart/form-data: ${contentType || '(no content-type)'}`);
  const opening = Buffer.from(`--${boundary}`);
  // Every delimiter after the first is preceded by CRLF, which belongs to the delimiter, not the data.
  const delimiter = Buffer.from(`\r\n--${boundary}`);

  let pos = body.indexOf(opening);
  if (pos < 0) throw new MultipartError('multipart boundary not found');
  pos += opening.length;

  const parts: MultipartPart[] = [];
  for (;;) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // "--": closing delimiter
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MultipartError('malformed multipart delimiter');
    pos += 2;
    const headerEnd = body.indexOf(HEADER_END, pos);
    if (headerEnd < 0) throw new MultipartError('unterminated multipart part headers');
    const headers = body.subarray(pos, headerEnd).toString('utf8');
    const dataStart = headerEnd + HEADER_END.length;
    const next = body.indexOf(delimiter, dataStart);
    if (next < 0) throw new MultipartError('unterminated multipart part');
    parts.push({ ...parsePartHeaders(headers), data: body.subarray(dataStart, next) });
    pos = next + delimiter.length;
  }
}

function parsePartHeaders(headers: string): Omit<MultipartPart, 'data'> {
  let name: string | undefined;
  let filename: string | undefined;
  let contentType: string | undefined;
  for (const line of headers.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'content-disposition') {
      name = /;\s*name="([^"]*)"/i.exec(value)?.[1];
      filename = /;\s*filename="([^"]*)"/i.exec(value)?.[1];
    } else if (key === 'content-type') {
      contentType = value;
    }
  }
  if (name === undefined) throw new MultipartError('multipart part without a name');
  return { name, ...(filename !== undefined && { filename }), ...(contentType !== undefined && { contentType }) };
}

/** Text fields of a multipart body by name (last one wins), binary parts kept as Buffers. */
export function multipartFields(body: Buffer, contentType: string): Map<string, Buffer> {
  const fields = new Map<string, Buffer>();
  for (const part of parseMultipart(body, contentType)) fields.set(part.name, part.data);
  return fields;
}

/**
 * The `action` of an admin request that arrives as multipart (`wx.openApi`, `wx.wxPayApi`,
 * `wx.wxCallContainerApi`), or undefined when the request is not multipart or carries no action.
 * JSON admin requests carry `action` in their JSON body instead.
 */
export function multipartAction(body: Buffer, contentType: string): string | undefined {
  if (!multipartBoundary(contentType)) return undefined;
  try {
    return multipartFields(body, contentType).get('action')?.toString('utf8');
  } catch (e) {
    if (e instanceof MultipartError) return undefined;
    throw e;
  }
}
