// PLACEHOLDER: replaced by the real handlers.
import { ContractError } from '../../../shared/errors.js';
import type { OfficeHandlers } from '../context.js';

export const kiosksHandlers: OfficeHandlers<'kiosks.list' | 'kiosks.createPairingCode' | 'kiosks.revoke'> = {
  'kiosks.list': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'kiosks.createPairingCode': () => { throw new ContractError('INTERNAL', 'not built yet'); },
  'kiosks.revoke': () => { throw new ContractError('INTERNAL', 'not built yet'); },
};
