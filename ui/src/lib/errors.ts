// Helpers for validation errors: map an IpcError's fields to the first code per field.
import type { IpcError, ValidationCode } from './types';

export type FieldErrors = Partial<Record<string, ValidationCode>>;

/** The first validation code per field of a `validation` error; empty for anything else. */
export function fieldErrors(err: IpcError | null | undefined): FieldErrors {
  const out: FieldErrors = {};
  if (!err || err.code !== 'validation') return out;
  for (const f of err.fields) {
    if (!(f.field in out)) out[f.field] = f.code;
  }
  return out;
}

/** Whether an error's fields are all among the given field names (then no banner is needed). */
export function onlyKnownFields(err: IpcError, known: readonly string[]): boolean {
  return err.code === 'validation' && err.fields.length > 0 && err.fields.every((f) => known.includes(f.field));
}
