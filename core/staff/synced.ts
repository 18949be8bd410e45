// The kiosk side of the 'staffpin' entity in the pull feed (shared/sync.ts): a member of
// staff's personal kiosk PIN as a slow hash, or null when it was cleared or the account was
// disabled. core/sync/pull.ts calls this inside the transaction that applies the page; it
// answers false for other entities. Kept locally, so personal PINs work with the office down.
import { z } from 'zod';
import type { RefChange } from '../../shared/sync.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { sanePinHash } from './pinHash.js';

const Body = z
  .object({
    staffId: z.string().min(1).max(64),
    displayName: z.string().trim().min(1).max(120),
    algo: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: z.string(),
    hash: z.string(),
  })
  .refine((b) => sanePinHash(b), 'hash parameters out of range');

export class StaffPinChangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffPinChangeError';
  }
}

export function applyStaffPinChange(db: Db, change: Pick<RefChange, 'entity' | 'key' | 'body'>): boolean {
  if (change.entity !== 'staffpin') return false;
  if (change.body === null) {
    stmt(db, 'DELETE FROM staff_pins WHERE staff_id = ?').run(change.key);
    return true;
  }
  const parsed = Body.safeParse(change.body);
  if (!parsed.success || parsed.data.staffId !== change.key)
    throw new StaffPinChangeError(`The staff PIN change for ${change.key} from the office is not valid.`); // never echo the hash
  const b = parsed.data;
  stmt(db, 'INSERT INTO staff_pins (staff_id, display_name, hash) VALUES (?, ?, ?) ON CONFLICT (staff_id) DO UPDATE SET display_name = excluded.display_name, hash = excluded.hash').run(
    b.staffId,
    b.displayName,
    JSON.stringify({ algo: b.algo, N: b.N, r: b.r, p: b.p, salt: b.salt, hash: b.hash }),
  );
  return true;
}
