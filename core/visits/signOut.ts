// Sign-out: records the phone's return (when the visitor confirms it) and the departure,
// in one transaction. Signing out twice or an unknown visit is refused, never guessed.
import type { OpParsed, SignOutReceipt } from '../../shared/contract.js';
import { ContractError } from '../../shared/errors.js';
import { maskName } from '../../shared/text.js';
import type { Db } from '../db/open.js';
import { readSettings } from '../site/settings.js';
import { CUSTODY_COLUMNS, LOCKER_JOIN, custodyOf, type CustodyColumns } from './custody.js';
import { appendEvent } from './events.js';
import { stmt, transaction } from '../db/statements.js';

type SignOutDeps = { db: Db; now: () => Date };

export function signOut(deps: SignOutDeps, input: OpParsed<'visit.signOut'>): SignOutReceipt {
  return transaction(deps.db, signOutTx).immediate(deps, input);
}

function signOutTx(deps: SignOutDeps, input: OpParsed<'visit.signOut'>): SignOutReceipt {
  const { db } = deps;
  const v = stmt(db, `SELECT v.id, v.full_name, v.departed_at, v.phone_in_at, v.phone_out_at, ${CUSTODY_COLUMNS} FROM visits v ${LOCKER_JOIN} WHERE v.id = ?`)
    .get(input.visitId) as
    | (CustodyColumns & { id: string; full_name: string; departed_at: string | null; phone_in_at: string | null; phone_out_at: string | null })
    | undefined;
  if (!v) throw new ContractError('NOT_FOUND', 'We could not find that visit. Please ask reception.');
  if (v.departed_at) throw new ContractError('ALREADY_SIGNED_OUT', 'This visit has already been signed out.');
  const at = deps.now().toISOString();
  const base = { visitId: v.id, kioskId: readSettings(db).kioskId, at };
  const phone = custodyOf(v);
  const inCustody = v.phone_in_at !== null && v.phone_out_at === null && (phone.kind === 'locker' || phone.kind === 'reception');
  const returning = inCustody && input.phoneCollected;
  if (returning) appendEvent(db, { ...base, body: { kind: 'phone_returned', by: 'visitor' } });
  appendEvent(db, { ...base, body: { kind: 'departed', by: 'visitor' } });
  return { visitId: v.id, maskedName: maskName(v.full_name), departedAt: at, phoneReturned: returning, phone };
}
