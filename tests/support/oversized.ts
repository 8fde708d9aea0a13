// Calls at and past the edge of what the platform takes, for the fuzz tests of every function:
// arrays or objects nested around the depth limit and far past it, huge strings, bodies a few
// bytes either side of the size limit, each put somewhere in an otherwise ordinary call. The
// arbitrary yields a small description (fast-check prints it on failure); bodyOf builds the text,
// which JSON.stringify could not for the deepest values.
import fc from 'fast-check';
import type { Contract } from '@core/contracts';
import { ERROR_MESSAGES } from '@core/errors';
import { MAX_CALL_BYTES, MAX_JSON_DEPTH } from '../../emulator/http';
import { CALL_DATA_REFUSED } from '../../emulator/server';
import { expectContractReply } from './replies';
import type { TestEmulator } from './emulator';

/** Where the odd value goes: the payload itself, one of its fields, a field it lacks, beside it, or the event's own fields. */
const PLACES = ['payload', 'field', 'newField', 'beside', 'action', 'requestId'] as const;

type Part =
  | { kind: 'deep'; depth: number; of: 'arrays' | 'objects' }
  | { kind: 'string'; bytes: number; char: 'x' | '长' }
  /** The whole body this many bytes from the size limit, filled out with a string at the place. */
  | { kind: 'size'; fromLimit: number };

export interface OversizedCall<A extends string> {
  action: A;
  payload: unknown;
  place: (typeof PLACES)[number];
  /** Picks the field, for place 'field'. */
  key: number;
  part: Part;
}

const part: fc.Arbitrary<Part> = fc.oneof(
  fc.record({
    kind: fc.constant('deep' as const),
    depth: fc.oneof(fc.integer({ min: MAX_JSON_DEPTH - 4, max: MAX_JSON_DEPTH + 4 }), fc.constantFrom(200, 2_500, 20_000)),
    of: fc.constantFrom('arrays' as const, 'objects' as const),
  }),
  fc.record({ kind: fc.constant('string' as const), bytes: fc.integer({ min: 10_000, max: MAX_CALL_BYTES + 100_000 }), char: fc.constantFrom('x' as const, '长' as const) }),
  fc.record({ kind: fc.constant('size' as const), fromLimit: fc.integer({ min: -64, max: 64 }) }),
);

export function oversizedCalls<A extends string>(payloads: Record<A, fc.Arbitrary<unknown>>): fc.Arbitrary<OversizedCall<A>> {
  return fc
    .constantFrom(...(Object.keys(payloads) as A[]))
    .chain((action) => fc.record({ action: fc.constant(action), payload: payloads[action], place: fc.constantFrom(...PLACES), key: fc.nat(), part }));
}

const SLOT = '\u0000slot\u0000';

/** The body of a gateway call to function `name` carrying `call`. */
export function bodyOf(name: string, call: OversizedCall<string>): string {
  const data: Record<string, unknown> = { action: call.action, payload: call.payload, requestId: 'oversized' };
  const payload = call.payload;
  if (call.place === 'payload') data.payload = SLOT;
  else if (call.place === 'beside') data.extra = SLOT;
  else if (call.place === 'action' || call.place === 'requestId') data[call.place] = SLOT;
  else {
    const fields: Record<string, unknown> = typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? { ...payload } : {};
    const keys = Object.keys(fields);
    fields[call.place === 'field' && keys.length ? keys[call.key % keys.length] : 'extra'] = SLOT;
    data.payload = fields;
  }
  const body = JSON.stringify({ name, data });
  return body.replace(JSON.stringify(SLOT), () => slotText(call.part, Buffer.byteLength(body) - Buffer.byteLength(JSON.stringify(SLOT))));
}

function slotText(part: Part, restBytes: number): string {
  if (part.kind === 'deep') {
    return part.of === 'arrays' ? `${'['.repeat(part.depth)}1${']'.repeat(part.depth)}` : `${'{"k":'.repeat(part.depth)}1${'}'.repeat(part.depth)}`;
  }
  if (part.kind === 'string') return JSON.stringify(part.char.repeat(Math.ceil(part.bytes / Buffer.byteLength(part.char))));
  return JSON.stringify('x'.repeat(Math.max(0, MAX_CALL_BYTES + part.fromLimit - restBytes - 2)));
}

export interface Answer {
  status: number;
  body: { result?: unknown; errCode?: number; errMsg?: string };
}

/** Posts a body to the gateway as it is. */
export async function callRaw(emu: TestEmulator, body: string, openid?: string): Promise<Answer> {
  const res = await fetch(`${emu.url}/api/call`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'x-cactus-openid': openid } : {}) },
    body,
  });
  return { status: res.status, body: await res.json() };
}

/**
 * Every answer is typed: the gateway's refusal (as wx.cloud.callFunction fails) or the function's
 * contract reply. Returns whether the call was refused, so the caller can check nothing changed.
 */
export function expectTypedAnswer(contract: Contract, call: OversizedCall<string>, answer: Answer): boolean {
  if (answer.status === 200) {
    const reply = answer.body.result as { ok: boolean; error?: { code: string; message: string } };
    // An action that is no name at all names no action.
    if (call.place === 'action') expect(reply).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION } });
    else expectContractReply(contract, call.action, reply);
    return !reply.ok;
  }
  expect([400, 413]).toContain(answer.status);
  expect(answer.body).toEqual({ errCode: CALL_DATA_REFUSED, errMsg: expect.stringMatching(/^cloud\.callFunction:fail (INVALID_PARAM|EXCEED_MAX_PAYLOAD_SIZE): /) });
  return true;
}

/** Few runs: each may move megabytes. */
export const OVERSIZED_RUNS = 24;
