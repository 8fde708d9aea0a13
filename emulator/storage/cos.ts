/**
 * Replies in the shape of Tencent COS, which the SDK's upload parses: success is an empty body;
 * failure an XML <Error> whose Code, Message, RequestId and TraceId the SDK destructures, all
 * four required (@cloudbase/node-sdk/dist/storage/index.js:93-99). SignatureDoesNotMatch becomes
 * SYS_ERR there, any other code STORAGE_REQUEST_FAIL; both reach the function as
 * `uploadFile:fail [<Code>]: <Message>`.
 */
import { randomUUID } from 'node:crypto';
import type { HttpReply } from './context';

export function cosError(status: number, code: string, message: string, resource: string): HttpReply {
  const requestId = randomUUID();
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${escapeXml(message)}</Message>\n` +
    `  <Resource>${escapeXml(resource)}</Resource>\n  <RequestId>${requestId}</RequestId>\n  <TraceId>${requestId}</TraceId>\n</Error>\n`;
  return { status, headers: { 'content-type': 'application/xml', 'x-cos-request-id': requestId }, body: Buffer.from(xml) };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
