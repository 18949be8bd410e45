// What a call refuses with: the ContractError it throws. Anything else it throws fails the test
// as it is, and returning normally fails it too.
import { ContractError } from '../../shared/errors.js';

export function refusal(f: () => unknown): ContractError {
  try {
    f();
  } catch (e) {
    if (e instanceof ContractError) return e;
    throw e;
  }
  throw new Error('expected a refusal (a ContractError)');
}
