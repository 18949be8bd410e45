// PLACEHOLDER: replaced by the real handlers.
import { ContractError } from '../../../shared/errors.js';
import type { OfficeHandlers } from '../context.js';

export const staffHandlers: OfficeHandlers<'staff.list' | 'staff.create' | 'staff.update' | 'audit.list' | 'audit.verify'> = {
  'staff.list': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'staff.create': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'staff.update': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'audit.list': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'audit.verify': () => { throw new ContractError('INTERNAL', 'not built yet'); },
};
