/**
 * Signatures for upload authorizations and temp URLs: HMAC-SHA256 under a secret drawn once per
 * process. Re-creating CloudStorage keeps URLs valid; restarting the emulator voids them, as the
 * cloud's expire anyway.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PROCESS_SECRET = randomBytes(32);

/** Hex HMAC of the parts joined by newlines (no part of ours holds one: cloud paths reject control characters). */
export function sign(parts: readonly string[]): string {
  return createHmac('sha256', PROCESS_SECRET).update(parts.join('\n')).digest('hex');
}

export function verify(parts: readonly string[], signature: string): boolean {
  const expected = Buffer.from(sign(parts), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/i.test(signature) ? signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
