// PLACEHOLDER: replaced by the real handlers.
import { ContractError } from '../../../shared/errors.js';
import type { OfficeHandlers } from '../context.js';

export const breachesHandlers: OfficeHandlers<'breaches.list' | 'breaches.log' | 'breaches.close'> = {
  'breaches.list': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'breaches.log': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'breaches.close': () => { throw new ContractError('INTERNAL', 'not built yet'); },
};
