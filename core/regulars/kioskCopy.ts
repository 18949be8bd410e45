// The kiosk's copy of the office's regular-visitor register and acceptable-use agreement, from
// the change feed (core/sync/pull.ts). Bodies are checked before they are stored: a kiosk must
// never greet someone on data it cannot read.
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { LANGUAGES } from '../../shared/domain.js';
import { REGULAR_STATUSES, RenewalDay } from '../../shared/regulars.js';
import { VISITOR_CATEGORIES } from '../../shared/domain.js';
import type { RefChange } from '../../shared/sync.js';
import { z } from '../../shared/zod.js';
import { PullApplyError } from '../sync/pull.js';

const Day = z.string().regex(/^\d{4}-\d\d-\d\d$/);
const Id = z.string().min(1).max(200);
const RegularBody = z.object({
  id: Id,
  cardHash: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  maskedName: z.string().min(1).max(400),
  organisation: z.string().max(400),
  role: z.string().max(400),
  category: z.enum(VISITOR_CATEGORIES),
  hostId: Id,
  status: z.enum(REGULAR_STATUSES),
  assuranceValidUntil: Day.nullable(),
  agreementVersionId: Id.nullable(),
  agreementAckDay: Day.nullable(),
  policyVersionId: Id.nullable().optional(),
});
const Draft = z.object({ title: z.string().min(1), points: z.array(z.string()).min(1) });
const AgreementBody = z.object({
  versionId: z.string().max(200),
  version: z.number().int().min(0),
  publishedAt: z.string(),
  renewalDay: RenewalDay,
  texts: z.record(z.string(), Draft),
});

/** Apply a 'regular' or 'agreement' change; false for any other entity. */
export function applyRegularsChange(db: Db, c: RefChange): boolean {
  if (c.entity !== 'regular' && c.entity !== 'agreement') return false;
  if (c.entity === 'regular') {
    if (c.body === null) {
      stmt(db, 'DELETE FROM regulars WHERE id = ?').run(c.key);
      return true;
    }
    const p = RegularBody.safeParse(c.body);
    if (!p.success) {
      // Refusing is the safe side: no copy left that could let a card in.
      stmt(db, 'DELETE FROM regulars WHERE id = ?').run(c.key);
      return true;
    }
    const b = p.data;
    // A card hash moves to this person: any other (stale) holder of it loses it first.
    if (b.cardHash) stmt(db, 'UPDATE regulars SET card_hash = NULL WHERE card_hash = ? AND id != ?').run(b.cardHash, b.id);
    stmt(
      db,
      `INSERT INTO regulars (id, card_hash, masked_name, organisation, role, category, host_id, status, assurance_valid_until, agreement_version_id, agreement_ack_day, policy_version_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET card_hash = excluded.card_hash, masked_name = excluded.masked_name, organisation = excluded.organisation, role = excluded.role,
         category = excluded.category, host_id = excluded.host_id, status = excluded.status, assurance_valid_until = excluded.assurance_valid_until,
         agreement_version_id = excluded.agreement_version_id, agreement_ack_day = excluded.agreement_ack_day, policy_version_id = excluded.policy_version_id`,
    ).run(b.id, b.cardHash, b.maskedName, b.organisation, b.role, b.category, b.hostId, b.status, b.assuranceValidUntil, b.agreementVersionId, b.agreementAckDay, b.policyVersionId ?? null);
    return true;
  }
  if (c.body === null) return true; // the agreement is never removed, only replaced
  const p = AgreementBody.safeParse(c.body);
  if (!p.success) throw new PullApplyError(`Change ${c.seq} (agreement) from the hub is not valid: ${p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const a = p.data;
  if (!a.versionId) return true;
  const texts = Object.fromEntries(Object.entries(a.texts).filter(([l]) => (LANGUAGES as readonly string[]).includes(l)));
  stmt(
    db,
    `INSERT INTO agreement_versions (id, version, published_at, renewal_day, texts) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, renewal_day = excluded.renewal_day, texts = excluded.texts`,
  ).run(a.versionId, a.version, a.publishedAt, a.renewalDay, JSON.stringify(texts));
  return true;
}
