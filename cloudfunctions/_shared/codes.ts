// Random codes people may read aloud or type: share codes, invite codes.
import { randomBytes } from 'node:crypto';
import { CODE_ALPHABET } from '@core/share';

/** `length` characters of the unambiguous alphabet, without modulo bias. */
export function randomCode(length: number): string {
  const size = CODE_ALPHABET.length;
  // Bytes at or above the largest multiple of the alphabet size would favour its first letters.
  const limit = 256 - (256 % size);
  let code = '';
  while (code.length < length) {
    for (const byte of randomBytes(length)) {
      if (byte < limit && code.length < length) code += CODE_ALPHABET[byte % size];
    }
  }
  return code;
}
