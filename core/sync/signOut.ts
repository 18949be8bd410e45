// A sign-out sent by the office (end of day): the kiosk that owns the visit records it in its
// own log as "signed out by staff", with the name and time from the office, so the visit's
// events stay in one place and sync back like any other. Other kiosks ignore it, and a visit
// already closed here (the visitor signed out meanwhile) only gets its phone recorded.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { readSettings } from '../site/settings.js';
import type { RefChange, RefSignOut } from '../../shared/sync.js';
import { staffSignOut } from '../visits/endOfDay.js';
import { readSyncState } from './status.js';

/** How far the office's clock and ours may disagree when a sign-out's time is checked. */
const SLACK_MS = 10 * 60_000;

export function applySignOutChange(db: Db, c: RefChange, now: Date = new Date()): boolean {
  if (c.entity !== 'signout') return false;
  const b = c.body as Partial<RefSignOut> | null;
  if (!b || typeof b.visitId !== 'string' || typeof b.staff !== 'string' || typeof b.requestedAt !== 'string') return true; // nothing usable
  if (b.kioskId !== readSettings(db).kioskId || b.visitId !== c.key) return true;
  const visit = stmt(db, 'SELECT arrived_at FROM visits WHERE id = ?').get(b.visitId) as { arrived_at: string } | undefined;
  if (!visit) return true; // purged or erased here already
  // Defence in depth (the transport proves the answer is the hub's): the office signs a visitor
  // out after they arrived and not in the future, by a named member of staff. Anything else is
  // not an end-of-day sign-out from the console, and nobody is taken off the fire list for it.
  const at = Date.parse(b.requestedAt);
  const offset = readSyncState(db)?.clock_offset_ms ?? 0; // kiosk minus hub
  if (b.staff.trim() === '' || !Number.isFinite(at) || at + offset < Date.parse(visit.arrived_at) - SLACK_MS || at + offset > now.getTime() + SLACK_MS) return true;
  staffSignOut(db, { visitId: b.visitId, staff: b.staff, phoneReturned: b.phoneReturned === true, at: new Date(at) });
  return true;
}
