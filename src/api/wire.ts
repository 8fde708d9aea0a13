// What every transport does: deliver one event to one cloud function and resolve with whatever
// the function returned. Failures to deliver reject with a TransportError; business errors are
// part of the returned value and never reject.
import type { CallEvent } from '@core/contracts/define';

export type Send = (functionName: string, event: CallEvent) => Promise<unknown>;

export class TransportError extends Error {
  readonly code: 'TIMEOUT' | 'INTERNAL';
  constructor(code: 'TIMEOUT' | 'INTERNAL', detail: string) {
    super(detail);
    this.name = 'TransportError';
    this.code = code;
  }
}
