// Personal kiosk PINs (issue #12). Each member of staff may have one; it opens the fire roll
// call (and the staff exit) at every paired kiosk, offline too, and the marks made name them.
// The hub keeps and sends only a slow hash (scrypt, a salt per PIN) through the pull feed
// ('staffpin'); the PIN is never stored, logged or audited. Disabling an account takes its PIN
// off every kiosk; renaming it re-sends the name the kiosks record.
import { ContractError } from '../../../shared/errors.js';
import type { KioskPins } from '../../../shared/office.js';
import type { RefStaffPin } from '../../../shared/sync.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { hashPin, type PinHash } from '../../staff/pinHash.js';
import { appendRefChange } from '../reference/feed.js';
import { actorLabel, type OfficeCtx, type OfficeHandlers } from '../context.js';
import { staffById } from './accounts.js';

function view(ctx: OfficeCtx): KioskPins {
  const mine = stmt(ctx.db, 'SELECT set_at FROM staff_kiosk_pins WHERE staff_id = ?').get(ctx.actor.staffId) as { set_at: string } | undefined;
  const staff =
    ctx.actor.role === 'admin'
      ? (stmt(ctx.db, 'SELECT p.staff_id, s.display_name, p.set_at FROM staff_kiosk_pins p JOIN staff s ON s.id = p.staff_id ORDER BY lower(s.display_name)').all() as {
          staff_id: string;
          display_name: string;
          set_at: string;
        }[]).map((r) => ({ staffId: r.staff_id, displayName: r.display_name, setAt: r.set_at }))
      : [];
  return { mine: mine ? { setAt: mine.set_at } : null, staff };
}

/** Whose PIN: one's own, or (administrators only) someone else's, who must be an active account. */
function target(ctx: OfficeCtx, staffId: string | undefined) {
  const id = staffId ?? ctx.actor.staffId;
  if (id !== ctx.actor.staffId && ctx.actor.role !== 'admin') throw new ContractError('FORBIDDEN', 'Only an administrator can set or clear another person\u2019s kiosk PIN.');
  const row = staffById(ctx.db, id);
  if (!row) throw new ContractError('NOT_FOUND', 'There is no such staff account.');
  return row;
}

function feedBody(staffId: string, displayName: string, h: PinHash): RefStaffPin {
  return { staffId, displayName, algo: h.algo, N: h.N, r: h.r, p: h.p, salt: h.salt, hash: h.hash };
}

/** Take a PIN off the hub and every kiosk (cleared, or the account disabled). */
export function removeKioskPin(db: Db, staffId: string, at: Date): boolean {
  const gone = stmt(db, 'DELETE FROM staff_kiosk_pins WHERE staff_id = ?').run(staffId).changes > 0;
  if (gone) appendRefChange(db, 'staffpin', staffId, null, at);
  return gone;
}

/** The account was renamed: kiosks record the new name with the marks made from now on. */
export function resendKioskPin(db: Db, staffId: string, displayName: string, at: Date): void {
  const r = stmt(db, 'SELECT hash FROM staff_kiosk_pins WHERE staff_id = ?').get(staffId) as { hash: string } | undefined;
  if (r) appendRefChange(db, 'staffpin', staffId, feedBody(staffId, displayName, JSON.parse(r.hash) as PinHash), at);
}

export const kioskPinHandlers: OfficeHandlers<'staff.kioskPins' | 'staff.setKioskPin' | 'staff.clearKioskPin'> = {
  'staff.kioskPins': (_input, ctx) => view(ctx),

  'staff.setKioskPin': ({ staffId, pin }, ctx) => {
    const row = target(ctx, staffId);
    if (row.active !== 1) throw new ContractError('CONFLICT', 'That account is disabled: enable it before giving it a kiosk PIN.');
    const h = hashPin(pin);
    const at = ctx.now.toISOString();
    stmt(ctx.db, 'INSERT INTO staff_kiosk_pins (staff_id, hash, set_at, set_by) VALUES (?, ?, ?, ?) ON CONFLICT (staff_id) DO UPDATE SET hash = excluded.hash, set_at = excluded.set_at, set_by = excluded.set_by').run(
      row.id, JSON.stringify(h), at, actorLabel(ctx.actor),
    );
    appendRefChange(ctx.db, 'staffpin', row.id, feedBody(row.id, row.display_name, h), ctx.now);
    ctx.audit('staff.setKioskPin', `staff:${row.id}`, { username: row.username }); // never the PIN
    return view(ctx);
  },

  'staff.clearKioskPin': ({ staffId }, ctx) => {
    const row = target(ctx, staffId);
    if (removeKioskPin(ctx.db, row.id, ctx.now)) ctx.audit('staff.clearKioskPin', `staff:${row.id}`, { username: row.username });
    return view(ctx);
  },
};
