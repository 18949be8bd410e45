// PLACEHOLDER: replaced by the real handlers.
import { ContractError } from '../../../shared/errors.js';
import type { OfficeHandlers } from '../context.js';

export const exemptionsHandlers: OfficeHandlers<'exemptions.list' | 'exemptions.get' | 'exemptions.request' | 'exemptions.approve' | 'exemptions.refuse' | 'exemptions.revoke'> = {
  'exemptions.list': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'exemptions.get': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'exemptions.request': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'exemptions.approve': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'exemptions.refuse': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'exemptions.revoke': () => { throw new ContractError('INTERNAL', 'not built yet'); },
};
