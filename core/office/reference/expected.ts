// Pre-registered visitors: the office enters who is expected on which day, kiosks copy the list
// (to greet them and pre-fill host and organisation), never the staff notes. Cancelling keeps
// the row, marked. A kiosk sign-in that found itself on the list marks the row arrived.
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import type { ExpectedVisitor, OfficeOpParsed } from '../../../shared/office.js';
import type { RefExpected } from '../../../shared/sync.js';
import { nameKey } from '../../../shared/text.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { signinCodeHash } from '../../admission/signinCode.js';
import { appendRefChange } from './feed.js';

type Row = { id: string; full_name: string; organisation: string; category: ExpectedVisitor['category']; host_id: string; expected_on: string; note: string; cancelled: number; arrived_at: string | null };

const COLUMNS = 'id, full_name, organisation, category, host_id, expected_on, note, cancelled, arrived_at';

const toExpected = (r: Row): ExpectedVisitor => ({
  id: r.id,
  fullName: r.full_name,
  organisation: r.organisation,
  category: r.category,
  hostId: r.host_id,
  expectedOn: r.expected_on,
  note: r.note,
  cancelled: r.cancelled === 1,
  arrivedAt: r.arrived_at,
});

/** Expected from `fromDay` on, soonest first: the console's list of who is coming. */
export function expectedFrom(db: Db, fromDay: string): ExpectedVisitor[] {
  return (stmt(db, `SELECT ${COLUMNS} FROM expected_visitors WHERE expected_on >= ? ORDER BY expected_on, full_name, id LIMIT 1000`).all(fromDay) as Row[]).map(toExpected);
}

/** Create (no id) or change one entry, and tell kiosks. Returns it and whether it is new. */
export function saveExpected(db: Db, input: OfficeOpParsed<'expected.save'>, by: string, at: Date): { expected: ExpectedVisitor; created: boolean } {
  if (!stmt(db, 'SELECT 1 FROM hosts WHERE id = ?').get(input.hostId))
    throw new ContractError('INVALID_INPUT', 'Please choose who they are visiting from the list.', [{ path: 'hostId', message: 'invalid' }]);
  const created = input.id === undefined;
  const id = input.id ?? uuidv7();
  const key = nameKey(input.fullName);
  if (created) {
    stmt(
      db,
      `INSERT INTO expected_visitors (id, full_name, name_key, organisation, category, host_id, expected_on, note, cancelled, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.fullName, key, input.organisation, input.category, input.hostId, input.expectedOn, input.note, input.cancelled ? 1 : 0, by, at.toISOString());
  } else {
    const res = stmt(
      db,
      'UPDATE expected_visitors SET full_name = ?, name_key = ?, organisation = ?, category = ?, host_id = ?, expected_on = ?, note = ?, cancelled = ? WHERE id = ?',
    ).run(input.fullName, key, input.organisation, input.category, input.hostId, input.expectedOn, input.note, input.cancelled ? 1 : 0, id);
    if (res.changes === 0) throw new ContractError('NOT_FOUND', 'There is no expected visitor with that id.');
  }
  const expected = toExpected(stmt(db, `SELECT ${COLUMNS} FROM expected_visitors WHERE id = ?`).get(id) as Row);
  publishExpected(db, id, at);
  return { expected, created };
}

/**
 * Tell kiosks the entry's state. Staff notes stay at the hub: kiosks get who, from where, to see
 * whom, and when; of the invitation, only a hash of the sign-in code (never the code: see
 * core/admission/signinCode.ts) and the id of the policy version the last invitation sent, so
 * the kiosk can say when the rules have changed since. Called again when an invitation makes the
 * code or records a policy version.
 */
export function publishExpected(db: Db, id: string, at: Date): void {
  const r = stmt(db, `SELECT ${COLUMNS}, name_key, signin_code FROM expected_visitors WHERE id = ?`).get(id) as (Row & { name_key: string; signin_code: string | null }) | undefined;
  if (!r) return;
  const { note: _note, arrivedAt: _arrived, ...shared } = toExpected(r);
  const invited = stmt(db, 'SELECT policy_version_id FROM invitations WHERE expected_id = ? ORDER BY sent_at DESC, id DESC LIMIT 1').get(id) as { policy_version_id: string } | undefined;
  const body: RefExpected = {
    ...shared,
    nameKey: r.name_key,
    codeHash: r.signin_code === null ? null : signinCodeHash(r.signin_code),
    invitedPolicyVersionId: invited?.policy_version_id ?? null,
  };
  appendRefChange(db, 'expected', id, body, at);
}
