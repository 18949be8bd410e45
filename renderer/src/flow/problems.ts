// Turns the contract's field problems into the visitor's language.
import type { TFunction } from 'i18next';
import type { FieldProblem } from '../../../shared/errors';
import { textProblem } from '../../../shared/text';

export type FieldErrors = Partial<Record<string, string>>;

export function problemText(t: TFunction, message: string, max?: number): string {
  const key = ['required', 'tooLong', 'tooShort', 'controlChars', 'malformed', 'invalid', 'taken'].includes(message) ? message : 'invalid';
  return t(`errors.${key}`, { max: max ?? 0 });
}

export function fromContract(t: TFunction, fields: FieldProblem[] | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const f of fields ?? []) out[f.path] ??= problemText(t, f.message, f.max);
  return out;
}

/** The same check the contract makes, run before the round trip. */
export function checkText(t: TFunction, value: string, max: number, required: boolean): string | undefined {
  const p = textProblem(value, max, required);
  return p ? problemText(t, p, max) : undefined;
}
