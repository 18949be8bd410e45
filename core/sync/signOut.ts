// A sign-out sent by the office (end of day): the kiosk that owns the visit records it in its
// own log as "signed out by staff", with the name and time from the office, so the visit's
// events stay in one place and sync back like any other. Other kiosks ignore it, and a visit
// already closed here (the visitor signed out meanwhile) only gets its phone recorded.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { readSettings } from '../site/settings.js';
import type { RefChange, RefSignOut } from '../../shared/sync.js';
import { staffSignOut } from '../visits/endOfDay.js';

export function applySignOutChange(db: Db, c: RefChange): boolean {
  if (c.entity !== 'signout') return false;
  const b = c.body as Partial<RefSignOut> | null;
  if (!b || typeof b.visitId !== 'string' || typeof b.staff !== 'string' || typeof b.requestedAt !== 'string') return true; // nothing usable
  if (b.kioskId !== readSettings(db).kioskId) return true;
  if (!stmt(db, 'SELECT 1 FROM visits WHERE id = ?').get(b.visitId)) return true; // purged or erased here already
  const at = new Date(b.requestedAt);
  staffSignOut(db, { visitId: b.visitId, staff: b.staff, phoneReturned: b.phoneReturned === true, at: Number.isNaN(at.getTime()) ? new Date() : at });
  return true;
}
