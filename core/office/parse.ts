// Input checked against a contract schema outside the op table (session routes, command
// line), refused the same way the dispatcher refuses: INVALID_INPUT naming each bad field.
import { ContractError } from '../../shared/errors.js';
import type { z } from '../../shared/zod.js';
import { fieldProblems } from '../dispatcher.js';

export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  const fields = fieldProblems(parsed.error);
  throw new ContractError('INVALID_INPUT', `Please check: ${fields.map((f) => `${f.path || 'input'} ${f.message}`).join('; ')}.`, fields);
}
