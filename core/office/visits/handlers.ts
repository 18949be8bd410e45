// PLACEHOLDER: replaced by the real handlers.
import { ContractError } from '../../../shared/errors.js';
import type { OfficeHandlers } from '../context.js';

export const visitsHandlers: OfficeHandlers<'onSite.list' | 'custody.board' | 'visits.search'> = {
  'onSite.list': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'custody.board': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'visits.search': () => { throw new ContractError('INTERNAL', 'not built yet'); },
};
