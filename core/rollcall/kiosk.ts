// The fire roll call from this kiosk's own database, so it works with the office
// unreachable. A roll call is one alarm: it has a start, and a "safe"/"missing" mark counts
// for it only when made after it started (last month's drill does not make anyone safe today).
// Marks are visit events, so they reach the office with the next sync.
import { visitClearance } from '../admission/kioskCheck.js';
import { v7 as uuidv7 } from 'uuid';
import type { RollCall, RollCallStatus } from '../../shared/rollcall.js';
import { ContractError } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { approvedUseOfVisit } from '../exemptions/acknowledged.js';
import { readSettings } from '../site/settings.js';
import { appendEvent } from '../visits/events.js';
import { onSite } from '../visits/queries.js';
import { readSyncState } from '../sync/status.js';
import { assembleRollCall, rollCallEntry } from './entries.js';

export { countMarks } from './entries.js';

/** A roll call left open longer than this is treated as over: the next alarm starts a new one. */
export const ROLL_CALL_OPEN_MS = 4 * 60 * 60_000;

type RollCallRow = { id: string; started_at: string; started_by: string; ended_at: string | null };

function openRollCall(db: Db, at: Date): RollCallRow | null {
  const r = stmt(db, 'SELECT id, started_at, started_by, ended_at FROM roll_calls WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1').get() as RollCallRow | undefined;
  if (!r || at.getTime() - Date.parse(r.started_at) > ROLL_CALL_OPEN_MS) return null;
  return r;
}

/** Start a roll call, or join the one already in progress (two staff pressing the button). */
export function startRollCall(db: Db, by: string, at: Date): RollCallRow {
  return db.transaction(() => {
    const open = openRollCall(db, at);
    if (open) return open;
    const row: RollCallRow = { id: uuidv7(), started_at: at.toISOString(), started_by: by, ended_at: null };
    stmt(db, 'INSERT INTO roll_calls (id, started_at, started_by) VALUES (?, ?, ?)').run(row.id, row.started_at, row.started_by);
    return row;
  }).immediate();
}

export function endRollCall(db: Db, id: string, by: string, at: Date): void {
  stmt(db, 'UPDATE roll_calls SET ended_at = ?, ended_by = ? WHERE id = ? AND ended_at IS NULL').run(at.toISOString(), by, id);
}

function rollCallById(db: Db, id: string): RollCallRow {
  const r = stmt(db, 'SELECT id, started_at, started_by, ended_at FROM roll_calls WHERE id = ?').get(id) as RollCallRow | undefined;
  if (!r) throw new ContractError('NOT_FOUND', 'That roll call was not found. Start the roll call again.');
  return r;
}

type MarkRow = { id: string; roll_call_status: RollCallStatus | null; roll_call_by: string | null; roll_call_at: string | null };

/** Everyone on site now, with their mark for this roll call. Sorted by name so a person is
 *  quick to find on paper; the screen can sort as it likes. */
export function buildRollCall(db: Db, rollCallId: string, at: Date): RollCall {
  const rc = rollCallById(db, rollCallId);
  const s = readSettings(db);
  const kioskName = readSyncState(db)?.kiosk_name ?? 'this kiosk';
  const markStmt = stmt(db, 'SELECT id, roll_call_status, roll_call_by, roll_call_at FROM visits WHERE id = ?');
  const entries = onSite(db).map((v) => {
    const m = markStmt.get(v.visitId) as MarkRow | undefined;
    const counts = m?.roll_call_status && m.roll_call_at && m.roll_call_at >= rc.started_at;
    return rollCallEntry(v, {
      timeZone: s.timeZone,
      kioskName,
      approved: v.phone.kind === 'exemption' ? approvedUseOfVisit(db, v.visitId) : undefined,
      mark: counts ? { status: m.roll_call_status!, by: m.roll_call_by ?? '', at: m.roll_call_at! } : null,
      idChecked: visitClearance(db, v.visitId).idChecked,
    });
  });
  return assembleRollCall(rc, entries, { siteName: s.siteName, source: 'this kiosk', at });
}

/** Mark one visitor safe or missing: recorded with who and when, as a visit event. */
export function markRollCall(db: Db, rollCallId: string, visitId: string, status: RollCallStatus, by: string, at: Date): void {
  db.transaction(() => {
    const rc = rollCallById(db, rollCallId);
    if (rc.ended_at) throw new ContractError('CONFLICT', 'This roll call has ended. Start a new one to mark people.');
    const visit = stmt(db, 'SELECT id FROM visits WHERE id = ?').get(visitId);
    if (!visit) throw new ContractError('NOT_FOUND', 'That visitor is not in this kiosk\u2019s records.');
    appendEvent(db, { visitId, kioskId: readSettings(db).kioskId, at: at.toISOString(), body: { kind: 'roll_call_marked', rollCallId, status, by } });
  }).immediate();
}
