// Arbitraries the fuzz tests of every function share: values near real ones most of the time, so
// calls reach the handlers, and now and then anything at all.
import fc from 'fast-check';

/** `real` `weight` times in weight + 1, else any value at all. */
export const nearBy =
  (weight: number) =>
  <T>(real: fc.Arbitrary<T>): fc.Arbitrary<unknown> =>
    fc.oneof({ weight, arbitrary: real }, { weight: 1, arbitrary: fc.anything() });

/** A field's value: real ten times in eleven. */
export const near = nearBy(10);

/** A whole payload: of the real shape six times in seven, else anything. */
export const orAnything = (real: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof({ weight: 6, arbitrary: real }, { weight: 1, arbitrary: fc.anything() });

/** An integer in [min, max], now and then just outside it. */
export const within = (min: number, max: number): fc.Arbitrary<number> => fc.oneof({ weight: 15, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.constantFrom(min - 1, max + 1) });
