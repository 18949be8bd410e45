// The kiosk's sync state (table sync_state, one row once paired) and the status shown to staff:
// where it syncs to, how much is waiting, when it last got through and what went wrong.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { getSetting } from '../site/settings.js';

export type SyncStateRow = {
  hub_url: string;
  hub_id: string;
  kiosk_name: string;
  private_key: string;
  public_key: string;
  paired_at: string;
  pull_cursor: number;
  clock_offset_ms: number;
  last_push_at: string | null;
  last_pull_at: string | null;
  last_error: string | null;
  last_error_at: string | null;
  revoked_at: string | null;
  /** The hub's identity key (SPKI DER, base64) learned at pairing; null on kiosks paired before. */
  hub_public_key: string | null;
  /** JSON array of the TLS pins accepted. */
  hub_pins: string;
};

export type SyncStatus = {
  paired: boolean;
  kioskId: string;
  hubUrl: string | null;
  hubId: string | null;
  kioskName: string | null;
  pairedAt: string | null;
  /** Set when the hub refused this kiosk as revoked: it stops syncing and keeps working offline. */
  revokedAt: string | null;
  /** Events waiting to be pushed. */
  outbox: number;
  /** Events set aside because the hub refused each of them alone (kept here, reported to the office). */
  quarantined: number;
  /** Office erasures waiting for their visitor to leave (never applied while they are on site). */
  pendingErasures: number;
  pullCursor: number;
  /** Kiosk clock minus hub clock (ms), learned from the hub when a request was refused for skew. */
  clockOffsetMs: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
};

export function readSyncState(db: Db): SyncStateRow | null {
  return (stmt(db, 'SELECT * FROM sync_state WHERE id = 1').get() as SyncStateRow | undefined) ?? null;
}

/** Paired with an office hub (false, too, on a database from before sync existed: site config
 *  is applied to those in the migration tests). */
export function isPaired(db: Db): boolean {
  if (!stmt(db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_state'").get()) return false;
  return !!db.prepare('SELECT 1 FROM sync_state WHERE id = 1').get();
}

export function outboxCount(db: Db): number {
  return (stmt(db, 'SELECT COUNT(*) AS n FROM outbox').get() as { n: number }).n;
}

function count(db: Db, table: 'sync_quarantine' | 'pending_erasures'): number {
  return (stmt(db, `SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

export function syncStatus(db: Db): SyncStatus {
  const s = readSyncState(db);
  return {
    paired: s !== null,
    kioskId: getSetting(db, 'kiosk_id') ?? 'unset',
    hubUrl: s?.hub_url ?? null,
    hubId: s?.hub_id ?? null,
    kioskName: s?.kiosk_name ?? null,
    pairedAt: s?.paired_at ?? null,
    revokedAt: s?.revoked_at ?? null,
    outbox: outboxCount(db),
    quarantined: count(db, 'sync_quarantine'),
    pendingErasures: count(db, 'pending_erasures'),
    pullCursor: s?.pull_cursor ?? 0,
    clockOffsetMs: s?.clock_offset_ms ?? 0,
    lastPushAt: s?.last_push_at ?? null,
    lastPullAt: s?.last_pull_at ?? null,
    lastError: s?.last_error ?? null,
    lastErrorAt: s?.last_error_at ?? null,
  };
}

export function recordSyncError(db: Db, message: string, at: Date): void {
  stmt(db, 'UPDATE sync_state SET last_error = ?, last_error_at = ? WHERE id = 1').run(message.slice(0, 500), at.toISOString());
}

export function clearSyncError(db: Db): void {
  stmt(db, 'UPDATE sync_state SET last_error = NULL, last_error_at = NULL WHERE id = 1 AND last_error IS NOT NULL').run();
}

export function recordClockOffset(db: Db, offsetMs: number): void {
  stmt(db, 'UPDATE sync_state SET clock_offset_ms = ? WHERE id = 1').run(Math.round(offsetMs));
}

export function recordRevoked(db: Db, at: Date): void {
  stmt(db, 'UPDATE sync_state SET revoked_at = COALESCE(revoked_at, ?) WHERE id = 1').run(at.toISOString());
}
