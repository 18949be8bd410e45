// Kiosks in the console: the paired kiosks and how their sync is doing, pairing codes for new
// ones, and revocation (a stolen or retired kiosk is refused from its next request on).
import { ContractError } from '../../../shared/errors.js';
import type { KioskInfo } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { actorLabel, type OfficeHandlers } from '../context.js';
import { createPairingCode } from '../sync/pairing.js';
import { listQuarantined } from '../sync/quarantine.js';

type Row = {
  id: string;
  name: string;
  paired_at: string;
  paired_by: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  last_push_at: string | null;
  last_pull_at: string | null;
  clock_offset_ms: number | null;
  events: number | null;
  rollcall_local_pin: number | null;
  rollcall_personal_pins: number | null;
  rollcall_reported_at: string | null;
};

const SELECT = `SELECT k.id, k.name, k.paired_at, k.paired_by, k.revoked_at, k.last_seen_at, k.last_push_at, k.last_pull_at, k.clock_offset_ms,
    k.rollcall_local_pin, k.rollcall_personal_pins, k.rollcall_reported_at,
    (SELECT COUNT(*) FROM hub_events e WHERE e.kiosk_id = k.id) AS events
  FROM kiosks k`;

const toInfo = (r: Row): KioskInfo => ({
  id: r.id,
  name: r.name,
  pairedAt: r.paired_at,
  pairedBy: r.paired_by,
  revokedAt: r.revoked_at,
  lastSeenAt: r.last_seen_at,
  lastPushAt: r.last_push_at,
  lastPullAt: r.last_pull_at,
  eventsReceived: r.events ?? 0,
  clockOffsetMs: r.clock_offset_ms,
  rollCall:
    r.rollcall_reported_at === null
      ? null
      : { localPin: r.rollcall_local_pin === 1, personalPins: r.rollcall_personal_pins ?? 0, usable: r.rollcall_local_pin === 1 || (r.rollcall_personal_pins ?? 0) > 0, reportedAt: r.rollcall_reported_at },
});

export function kioskInfo(db: Db, id: string): KioskInfo | null {
  const r = stmt(db, `${SELECT} WHERE k.id = ?`).get(id) as Row | undefined;
  return r ? toInfo(r) : null;
}

export const kiosksHandlers: OfficeHandlers<'kiosks.list' | 'kiosks.createPairingCode' | 'kiosks.revoke' | 'kiosks.createReplacementCode' | 'kiosks.quarantined'> = {
  'kiosks.quarantined': (_input, { db }) => ({ events: listQuarantined(db) }),

  'kiosks.list': (_input, { db }) => ({
    // Working kiosks first, then by name; revoked ones stay listed as a record.
    kiosks: (stmt(db, `${SELECT} ORDER BY (k.revoked_at IS NOT NULL), k.name, k.id`).all() as Row[]).map(toInfo),
  }),

  'kiosks.createPairingCode': ({ kioskName }, ctx) => {
    const made = createPairingCode(ctx.db, kioskName, actorLabel(ctx.actor), ctx.now);
    // The code itself is never recorded: whoever reads the log must not be able to pair with it.
    ctx.audit('kiosks.createPairingCode', `kiosk-name:${kioskName}`, { kioskName, expiresAt: made.expiresAt });
    return made;
  },

  'kiosks.createReplacementCode': ({ id }, ctx) => {
    const kiosk = kioskInfo(ctx.db, id);
    if (!kiosk) throw new ContractError('NOT_FOUND', 'There is no kiosk with that id.');
    if (kiosk.revokedAt !== null) throw new ContractError('CONFLICT', `${kiosk.name} was revoked; pair a new kiosk instead.`);
    const made = createPairingCode(ctx.db, kiosk.name, actorLabel(ctx.actor), ctx.now, id);
    ctx.audit('kiosks.createReplacementCode', `kiosk:${id}`, { name: kiosk.name, expiresAt: made.expiresAt });
    return made;
  },

  'kiosks.revoke': ({ id }, ctx) => {
    const before = kioskInfo(ctx.db, id);
    if (!before) throw new ContractError('NOT_FOUND', 'There is no kiosk with that id.');
    if (before.revokedAt !== null) return { kiosk: before }; // already refused: keep the first record
    stmt(ctx.db, 'UPDATE kiosks SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(ctx.now.toISOString(), actorLabel(ctx.actor), id);
    ctx.audit('kiosks.revoke', `kiosk:${id}`, { name: before.name });
    return { kiosk: kioskInfo(ctx.db, id)! };
  },
};
