// The fire roll call in the office console: everyone on site at every kiosk (as far as the
// hub has heard), with the marks made at the kiosks (synced as events) and in the console.
// A mark counts for the roll call in progress when it was made after that roll call started;
// when both places marked someone, the later mark wins. "ID checked" is the kiosk's rule
// (reception's check, or a valid assurance on the register: admission/clearance.ts).
import { hubClearances } from '../admission/clearance.js';
import { v7 as uuidv7 } from 'uuid';
import { ContractError } from '../../../shared/errors.js';
import type { RollCall, RollCallStatus } from '../../../shared/rollcall.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { ApprovedExemption } from '../../printing/badge.js';
import { ROLL_CALL_OPEN_MS } from '../../rollcall/kiosk.js';
import { assembleRollCall, rollCallEntry } from '../../rollcall/entries.js';
import { hubSite } from '../reference/site.js';
import { hubOnSite } from '../visits/queries.js';

type RollCallRow = { id: string; started_at: string; started_by: string; ended_at: string | null };

export function currentHubRollCall(db: Db, at: Date): RollCallRow | null {
  const r = stmt(db, 'SELECT id, started_at, started_by, ended_at FROM roll_calls WHERE ended_at IS NULL ORDER BY started_at DESC LIMIT 1').get() as RollCallRow | undefined;
  if (!r || at.getTime() - Date.parse(r.started_at) > ROLL_CALL_OPEN_MS) return null;
  return r;
}

export function startHubRollCall(db: Db, by: string, at: Date): { row: RollCallRow; started: boolean } {
  const open = currentHubRollCall(db, at);
  if (open) return { row: open, started: false };
  const row: RollCallRow = { id: uuidv7(), started_at: at.toISOString(), started_by: by, ended_at: null };
  stmt(db, 'INSERT INTO roll_calls (id, started_at, started_by) VALUES (?, ?, ?)').run(row.id, row.started_at, row.started_by);
  return { row, started: true };
}

export function requireHubRollCall(db: Db, at: Date): RollCallRow {
  const rc = currentHubRollCall(db, at);
  if (!rc) throw new ContractError('NOT_FOUND', 'No roll call is in progress. Start one first.');
  return rc;
}

export function markHubRollCall(db: Db, rc: RollCallRow, visitId: string, status: RollCallStatus, by: string, at: Date): void {
  const onSite = stmt(db, 'SELECT 1 FROM visits WHERE id = ?').get(visitId);
  if (!onSite) throw new ContractError('NOT_FOUND', 'That visit is not known to the office.');
  stmt(
    db,
    `INSERT INTO roll_call_marks (roll_call_id, visit_id, status, marked_by, marked_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (roll_call_id, visit_id) DO UPDATE SET status = excluded.status, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
  ).run(rc.id, visitId, status, by, at.toISOString());
}

/** What the visitor's badge said about device use (frozen at the kiosk when they signed in). */
function approvedUse(db: Db, visitId: string): ApprovedExemption | undefined {
  const r = stmt(db, "SELECT body FROM hub_events WHERE visit_id = ? AND kind = 'exemption_conditions_acknowledged' ORDER BY kiosk_seq DESC LIMIT 1").get(visitId) as
    | { body: string }
    | undefined;
  if (!r) return undefined;
  const b = JSON.parse(r.body) as { locations?: unknown; until?: unknown };
  return { locations: Array.isArray(b.locations) ? b.locations.map(String) : [], until: typeof b.until === 'string' ? b.until : '' };
}

/**
 * A kiosk stamps its marks with its own clock, which may be minutes out. The hub knows each
 * kiosk's offset (kiosks.clock_offset_ms, kiosk minus hub, measured on every signed request:
 * core/office/sync/auth.ts), so a kiosk's mark is compared with the roll call's start and with
 * console marks in hub time: a slow kiosk's mark still counts, a fast one's does not beat a
 * later console mark.
 */
export function kioskToHubTime(db: Db): (kioskId: string, iso: string) => string {
  const offsets = new Map((stmt(db, 'SELECT id, clock_offset_ms FROM kiosks').all() as { id: string; clock_offset_ms: number | null }[]).map((r) => [r.id, r.clock_offset_ms ?? 0]));
  return (kioskId, iso) => {
    const t = Date.parse(iso);
    const offset = offsets.get(kioskId) ?? 0;
    return Number.isNaN(t) || offset === 0 ? iso : new Date(t - offset).toISOString();
  };
}

export function buildHubRollCall(db: Db, rc: RollCallRow, at: Date): RollCall {
  const site = hubSite(db);
  const consoleMarks = new Map(
    (stmt(db, 'SELECT visit_id, status, marked_by, marked_at FROM roll_call_marks WHERE roll_call_id = ?').all(rc.id) as {
      visit_id: string;
      status: RollCallStatus;
      marked_by: string;
      marked_at: string;
    }[]).map((m) => [m.visit_id, { status: m.status, by: m.marked_by, at: m.marked_at }]),
  );
  const onSite = hubOnSite(db);
  // Kiosk marks and site days of everyone on site in one statement (the same rows as hubOnSite,
  // through the same index), and every clearance in three: not a few round trips per person.
  const kioskMarks = new Map(
    (stmt(db, 'SELECT id, local_day, roll_call_status, roll_call_by, roll_call_at FROM visits WHERE departed_at IS NULL').all() as {
      id: string;
      local_day: string;
      roll_call_status: RollCallStatus | null;
      roll_call_by: string | null;
      roll_call_at: string | null;
    }[]).map((r) => [r.id, r]),
  );
  const clearances = hubClearances(
    db,
    onSite.map((v) => ({ visitId: v.visitId, arrivedAt: v.arrivedAt, localDay: kioskMarks.get(v.visitId)?.local_day ?? v.arrivedAt.slice(0, 10) })),
  );
  const inHubTime = kioskToHubTime(db);
  const entries = onSite.map((v) => {
    const k = kioskMarks.get(v.visitId) ?? { roll_call_status: null, roll_call_by: null, roll_call_at: null };
    const markedAt = k.roll_call_at ? inHubTime(v.kioskId, k.roll_call_at) : null;
    const fromKiosk = k.roll_call_status && markedAt && markedAt >= rc.started_at ? { status: k.roll_call_status, by: k.roll_call_by ?? '', at: markedAt } : null;
    const fromConsole = consoleMarks.get(v.visitId) ?? null;
    const mark = fromKiosk && fromConsole ? (fromKiosk.at > fromConsole.at ? fromKiosk : fromConsole) : (fromKiosk ?? fromConsole);
    const approved = v.phone?.kind === 'exemption' ? approvedUse(db, v.visitId) : undefined;
    return rollCallEntry(v, { timeZone: site.timeZone, kioskName: v.kioskName, approved, mark, idChecked: clearances.get(v.visitId)?.idChecked ?? false });
  });
  return assembleRollCall(rc, entries, { siteName: site.siteName, source: 'all kiosks', at });
}
