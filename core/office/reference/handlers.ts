// PLACEHOLDER: replaced by the real handlers.
import { ContractError } from '../../../shared/errors.js';
import type { OfficeHandlers } from '../context.js';

export const referenceHandlers: OfficeHandlers<'reference.get' | 'lockers.save' | 'locations.save' | 'hosts.save' | 'policy.publish' | 'expected.save'> = {
  'reference.get': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'lockers.save': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'locations.save': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'hosts.save': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'policy.publish': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'expected.save': () => { throw new ContractError('INTERNAL', 'not built yet'); },
};
