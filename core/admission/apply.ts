// The kiosk's side of admission changes from the office's feed, applied in the pull's
// transaction: reception's ID check for one of this kiosk's visits ('idcheck'), and the
// restricted list as keyed hashes ('restricted', 'restrictsecret').
import { ID_CHECK_SEEN } from '../../shared/admission.js';
import type { RefChange } from '../../shared/sync.js';
import { z } from '../../shared/zod.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { readSettings, setSetting } from '../site/settings.js';

export const RESTRICTED_SECRET_KEY = 'restricted_secret';

const IdCheckBody = z.object({
  visitId: z.string().min(1).max(64),
  kioskId: z.string().min(1).max(64),
  seen: z.enum(ID_CHECK_SEEN),
  by: z.string().trim().min(1).max(120),
  at: z.iso.datetime({ offset: true }),
});
const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const KeysBody = z.object({ keys: z.array(Hex64).max(50) });
const SecretBody = z.object({ secret: Hex64 });

/** True when the change was an admission change (applied or, if not for us, ignored). */
export function applyAdmissionChange(db: Db, c: RefChange): boolean {
  switch (c.entity) {
    case 'idcheck': {
      const b = IdCheckBody.safeParse(c.body);
      // Only the kiosk that owns the visit keeps it: its badge is the one reprinted.
      if (!b.success || b.data.kioskId !== readSettings(db).kioskId) return true;
      stmt(
        db,
        `INSERT INTO id_checks (visit_id, seen, checked_by, checked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (visit_id) DO UPDATE SET seen = excluded.seen, checked_by = excluded.checked_by, checked_at = excluded.checked_at`,
      ).run(b.data.visitId, b.data.seen, b.data.by, b.data.at);
      return true;
    }
    case 'restricted': {
      stmt(db, 'DELETE FROM restricted_keys WHERE entry_id = ?').run(c.key);
      if (c.body === null) return true;
      const b = KeysBody.safeParse(c.body);
      if (!b.success) return true;
      const add = stmt(db, 'INSERT INTO restricted_keys (key, entry_id) VALUES (?, ?) ON CONFLICT DO NOTHING');
      for (const k of b.data.keys) add.run(k, c.key);
      return true;
    }
    case 'restrictsecret': {
      const b = SecretBody.safeParse(c.body);
      if (b.success) setSetting(db, RESTRICTED_SECRET_KEY, b.data.secret);
      return true;
    }
    default:
      return false;
  }
}
