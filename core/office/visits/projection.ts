// The hub's visit table: a projection of every kiosk's events, and this file is its only
// writer. Events can arrive duplicated, late or out of order (a retried push, a kiosk that
// was offline for a week), so a visit's row is the fold of its events in the kiosk's own
// order: an event that comes after the last one applied is applied at once; one that comes
// earlier makes the row be folded again from all of the visit's stored events.
import { BADGE_PREFIX } from '../../../shared/domain.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { jsonArrayValues, rowsPerStatement, rowsSource, type ColumnType } from '../../db/dialect.js';
import type { PhoneCustody } from '../../../shared/domain.js';
import type { SyncEvent } from '../../../shared/sync.js';

export type StoredEvent = { id: string; kioskId: string; kioskSeq: number; visitId: string; kind: string; at: string; body: Record<string, unknown> };

export type HubVisitRow = {
  id: string;
  kiosk_id: string;
  last_kiosk_seq: number;
  badge_code: string;
  badge_number: number;
  /** The kiosk's badge letter when the badge was made ('' before kiosks had letters). */
  badge_prefix: string;
  local_day: string;
  category: string;
  full_name: string;
  name_key: string;
  organisation: string;
  agency_role: string;
  host_id: string;
  host_name: string;
  purpose: string;
  language: string;
  id_check_required: number;
  needs_evac_help: number;
  arrived_at: string;
  policy_version: number | null;
  policy_version_id: string | null;
  policy_text_hash: string | null;
  acknowledged_at: string | null;
  phone_custody: string | null;
  phone_kind: string | null;
  locker_id: string | null;
  device_request_id: string | null;
  exemption_id: string | null;
  phone_in_at: string | null;
  phone_out_at: string | null;
  departed_at: string | null;
  departed_by: string | null;
  roll_call_status: string | null;
  roll_call_by: string | null;
  roll_call_at: string | null;
};

const COLUMNS: (keyof HubVisitRow)[] = [
  'id', 'kiosk_id', 'last_kiosk_seq', 'badge_code', 'badge_number', 'badge_prefix', 'local_day', 'category', 'full_name', 'name_key',
  'organisation', 'agency_role', 'host_id', 'host_name', 'purpose', 'language', 'id_check_required', 'needs_evac_help',
  'arrived_at', 'policy_version', 'policy_version_id', 'policy_text_hash', 'acknowledged_at', 'phone_custody', 'phone_kind',
  'locker_id', 'device_request_id', 'exemption_id', 'phone_in_at', 'phone_out_at', 'departed_at', 'departed_by', 'roll_call_status', 'roll_call_by', 'roll_call_at',
];
const UPSERT = `INSERT INTO visits (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Apply one event to a visit's row (pure). Events before 'arrived' leave no row yet. */
export function foldEvent(row: HubVisitRow | null, ev: StoredEvent): HubVisitRow | null {
  const b = ev.body;
  if (ev.kind === 'arrived') {
    const base: HubVisitRow = {
      id: ev.visitId,
      kiosk_id: ev.kioskId,
      last_kiosk_seq: ev.kioskSeq,
      badge_code: str(b.badgeCode),
      badge_number: Number(b.badgeNumber) || 0,
      badge_prefix: typeof b.badgePrefix === 'string' && BADGE_PREFIX.test(b.badgePrefix) ? b.badgePrefix : '',
      local_day: str(b.localDay),
      category: str(b.category),
      full_name: str(b.fullName),
      name_key: str(b.nameKey),
      organisation: str(b.organisation),
      agency_role: str(b.agencyRole),
      host_id: str(b.hostId),
      host_name: str(b.hostName),
      purpose: str(b.purpose),
      language: str(b.language),
      id_check_required: b.idCheckRequired ? 1 : 0,
      needs_evac_help: b.needsEvacuationHelp ? 1 : 0,
      arrived_at: ev.at,
      policy_version: null, policy_version_id: null, policy_text_hash: null, acknowledged_at: null,
      phone_custody: null, phone_kind: null, locker_id: null, device_request_id: null, exemption_id: null,
      phone_in_at: null, phone_out_at: null, departed_at: null, departed_by: null,
      roll_call_status: null, roll_call_by: null, roll_call_at: null,
    };
    // An 'arrived' folded after later facts (refold) keeps them: they are applied after it.
    return base;
  }
  if (!row) return null;
  const r: HubVisitRow = { ...row, last_kiosk_seq: Math.max(row.last_kiosk_seq, ev.kioskSeq) };
  switch (ev.kind) {
    case 'policy_acknowledged':
      r.policy_version = typeof b.version === 'number' ? b.version : null;
      r.policy_version_id = str(b.versionId) || null;
      r.policy_text_hash = str(b.textHash) || null;
      r.acknowledged_at = ev.at;
      break;
    case 'device_use_requested':
      r.device_request_id = str(b.requestId) || null;
      break;
    case 'phone_stored': {
      const c = b.custody as PhoneCustody | undefined;
      if (!c || typeof c !== 'object') break;
      r.phone_custody = JSON.stringify(c);
      r.phone_kind = c.kind;
      r.locker_id = c.kind === 'locker' ? c.lockerId : null;
      r.exemption_id = c.kind === 'exemption' ? c.exemptionId : null;
      r.phone_in_at = c.kind === 'none' ? null : ev.at;
      break;
    }
    case 'phone_returned':
      r.phone_out_at = ev.at;
      break;
    case 'roll_call_marked':
      if (b.status === 'safe' || b.status === 'missing') {
        r.roll_call_status = b.status;
        r.roll_call_by = str(b.by) || null;
        r.roll_call_at = ev.at;
      }
      break;
    case 'departed':
      r.departed_at = ev.at;
      r.departed_by = str(b.by) === 'staff' ? `staff: ${str(b.staff) || 'unknown'}` : str(b.by) || 'visitor';
      break;
    default:
      break; // badge events and kinds this hub does not know yet: kept in hub_events, no column
  }
  return r;
}

type EventRow = { id: string; kiosk_id: string; kiosk_seq: number; visit_id: string; kind: string; at: string; body: string };
const toStored = (r: EventRow): StoredEvent => ({ id: r.id, kioskId: r.kiosk_id, kioskSeq: r.kiosk_seq, visitId: r.visit_id, kind: r.kind, at: r.at, body: JSON.parse(r.body) });

function writeRow(db: Db, row: HubVisitRow): void {
  stmt(db, UPSERT).run(...COLUMNS.map((c) => row[c]));
}

/** Fold a visit again from all its stored events (kiosk order). */
export function refoldVisit(db: Db, visitId: string): HubVisitRow | null {
  const events = (stmt(db, 'SELECT id, kiosk_id, kiosk_seq, visit_id, kind, at, body FROM hub_events WHERE visit_id = ? ORDER BY kiosk_seq, seq').all(visitId) as EventRow[]).map(toStored);
  let row: HubVisitRow | null = null;
  for (const ev of events) row = foldEvent(row, ev);
  if (row) writeRow(db, row);
  return row;
}

export function visitRow(db: Db, visitId: string): HubVisitRow | null {
  return (stmt(db, `SELECT ${COLUMNS.join(', ')} FROM visits WHERE id = ?`).get(visitId) as HubVisitRow | undefined) ?? null;
}

export type IngestResult = { acked: string[]; stored: StoredEvent[]; visits: HubVisitRow[] };

/** Rows per multi-row statement: under SQLite's 32,766 and PostgreSQL's 65,535 bound parameters. */
const EVENT_ROWS = 1000;
const OWNER_ROWS = 1000;
const VISIT_ROWS = 400; // 35 columns

/**
 * `rows` in statements of at most `size` rows (SQLite), each of a power-of-two size (1000 is
 * split as 512 + 256 + ...): the statement cache (core/db/statements.ts) then holds a dozen
 * shapes per table, not one per batch length a kiosk ever sent. On PostgreSQL the statement
 * binds one array per column (rowsSource), so any batch is one statement of one shape.
 */
function chunked<T, R>(db: Db, rows: readonly T[], size: number, run: (chunk: readonly T[]) => R[]): R[] {
  const most = rowsPerStatement(db, size);
  if (!Number.isFinite(most)) return rows.length ? run(rows) : [];
  const out: R[] = [];
  for (let i = 0; i < rows.length; ) {
    const left = Math.min(size, rows.length - i);
    const n = left === size ? size : 2 ** Math.floor(Math.log2(left));
    out.push(...run(rows.slice(i, i + n)));
    i += n;
  }
  return out;
}

const EVENT_TYPES: ColumnType[] = ['text', 'text', 'bigint', 'text', 'text', 'text', 'json', 'text'];
const INT_COLUMNS = new Set<keyof HubVisitRow>(['last_kiosk_seq', 'badge_number', 'id_check_required', 'needs_evac_help', 'policy_version']);
const VISIT_TYPES: ColumnType[] = COLUMNS.map((c) => (INT_COLUMNS.has(c) ? 'bigint' : 'text'));

const UPSERT_TAIL = `ON CONFLICT (id) DO UPDATE SET ${COLUMNS.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`;

/** Several visits' rows in one statement (each visit at most once: PostgreSQL refuses to update a row twice in one statement). */
function writeRows(db: Db, rows: readonly HubVisitRow[]): void {
  chunked(db, rows, VISIT_ROWS, (chunk) => {
    if (chunk.length === 1) writeRow(db, chunk[0]!);
    else {
      const src = rowsSource(db, VISIT_TYPES, chunk.map((r) => COLUMNS.map((c) => r[c])));
      stmt(db, `INSERT INTO visits (${COLUMNS.join(', ')}) ${src.sql} ${UPSERT_TAIL}`).run(...src.params);
    }
    return [];
  });
}

/** The visits rows of `ids` that exist, by id: one statement. */
function visitRows(db: Db, ids: readonly string[]): Map<string, HubVisitRow> {
  if (!ids.length) return new Map();
  const rows = stmt(db, `SELECT ${COLUMNS.join(', ')} FROM visits WHERE id IN (SELECT value FROM ${jsonArrayValues(db, '?')})`).all(JSON.stringify(ids)) as HubVisitRow[];
  return new Map(rows.map((r) => [r.id, r]));
}

/** How many events of each visit the hub holds: one statement. */
function storedCounts(db: Db, ids: readonly string[]): Map<string, number> {
  if (!ids.length) return new Map();
  const rows = stmt(db, `SELECT visit_id, COUNT(*) AS n FROM hub_events WHERE visit_id IN (SELECT value FROM ${jsonArrayValues(db, '?')}) GROUP BY visit_id`).all(JSON.stringify(ids)) as { visit_id: string; n: number }[];
  return new Map(rows.map((r) => [r.visit_id, Number(r.n)]));
}

/**
 * Store pushed events (each id once) and bring their visits' rows up to date.
 * Call inside a transaction. Returns every id the hub now holds (the ack) and what was new.
 * A push of 2,000 events is a handful of multi-row statements, not ten per event: on
 * PostgreSQL each statement is a round trip.
 */
export function ingestEvents(db: Db, events: readonly SyncEvent[], receivedAt: string): IngestResult {
  // Each visit belongs to the kiosk that sent its first event (the table refuses any other:
  // migration 80); the push handler has already refused events for visits another kiosk owns.
  const owners = new Map<string, string>();
  for (const e of events) if (!owners.has(e.visitId)) owners.set(e.visitId, e.kioskId);
  // A visit the hub had no owner for until now had no events either (an event needs its owner:
  // migration 80), so the hub holds nothing of it from before this push.
  const newVisits = new Set(
    chunked(db, [...owners], OWNER_ROWS, (chunk) => {
      const src = rowsSource(db, ['text', 'text'], chunk);
      return stmt(db, `INSERT INTO visit_owners (visit_id, kiosk_id) ${src.sql} ON CONFLICT (visit_id) DO NOTHING RETURNING visit_id`).pluck().all(...src.params) as string[];
    }),
  );
  // RETURNING names the rows this statement inserted: the ids not held before.
  const inserted = new Set(
    chunked(db, events, EVENT_ROWS, (chunk) => {
      const src = rowsSource(db, EVENT_TYPES, chunk.map((e) => [e.id, e.kioskId, e.seq, e.visitId, e.kind, e.at, e.body, receivedAt]));
      return stmt(db, `INSERT INTO hub_events (id, kiosk_id, kiosk_seq, visit_id, kind, at, body, received_at) ${src.sql} ON CONFLICT (id) DO NOTHING RETURNING id`)
        .pluck()
        .all(...src.params) as string[];
    }),
  );
  const stored: StoredEvent[] = [];
  for (const e of events) {
    // An id sent twice in one push is stored once: the first time it appears.
    if (!inserted.delete(e.id)) continue;
    stored.push({ id: e.id, kioskId: e.kioskId, kioskSeq: e.seq, visitId: e.visitId, kind: e.kind, at: e.at, body: e.body });
  }
  const byVisit = new Map<string, StoredEvent[]>();
  for (const ev of stored) {
    const list = byVisit.get(ev.visitId);
    if (list) list.push(ev);
    else byVisit.set(ev.visitId, [ev]);
  }
  for (const evs of byVisit.values()) evs.sort((a, b) => a.kioskSeq - b.kioskSeq);
  // A visit whose 'arrived' event was stored just now has no row yet: no need to look; it is
  // in order when this batch holds all its events (none came before 'arrived'), which a visit
  // new to the hub does without counting.
  const arrivedNow = [...byVisit].filter(([id, evs]) => evs[0]!.kind === 'arrived' && !newVisits.has(id)).map(([id]) => id);
  const current = visitRows(db, [...byVisit].filter(([, evs]) => evs[0]!.kind !== 'arrived').map(([id]) => id));
  const counts = storedCounts(db, arrivedNow);
  for (const id of newVisits) counts.set(id, byVisit.get(id)?.length ?? 0);
  const visits: HubVisitRow[] = [];
  const toWrite: HubVisitRow[] = [];
  for (const [visitId, evs] of byVisit) {
    const row0 = current.get(visitId) ?? null;
    const inOrder = row0 ? evs[0]!.kioskSeq > row0.last_kiosk_seq : evs[0]!.kind === 'arrived' && counts.get(visitId) === evs.length;
    let row: HubVisitRow | null;
    if (inOrder) {
      row = row0;
      for (const ev of evs) row = foldEvent(row, ev);
      if (row) toWrite.push(row);
    } else {
      row = refoldVisit(db, visitId);
    }
    if (row) visits.push(row);
  }
  writeRows(db, toWrite);
  return { acked: events.map((e) => e.id), stored, visits };
}

/** Recompute every visit from the events (repair, and the check the tests rely on). */
export function rebuildHubProjection(db: Db): void {
  db.transaction(() => {
    stmt(db, 'DELETE FROM visits').run();
    for (const { visit_id } of db.prepare('SELECT DISTINCT visit_id FROM hub_events').all() as { visit_id: string }[]) refoldVisit(db, visit_id);
  })();
}
