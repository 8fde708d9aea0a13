// Field errors from a VALIDATION_FAILED reply (`error.fields`, dotted paths), shown next to fields.
import type { ErrorBody } from '@core/errors';

export type FieldErrors = Record<string, string>;

/** The reply's field problems by path, with a prefix such as "settings." taken off. */
export function fieldErrors(error: ErrorBody | null | undefined, prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const field of error?.fields ?? []) {
    const path = field.path.startsWith(prefix) ? field.path.slice(prefix.length) : field.path;
    if (!(path in out)) out[path] = field.message;
  }
  return out;
}

/** The message for a field, or for anything inside it ("skus.0" also matches "skus.0.priceLi"). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path];
  const inside = Object.keys(errors).find((key) => key.startsWith(`${path}.`));
  return inside ? errors[inside] : undefined;
}
