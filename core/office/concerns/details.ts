// A breach record's concern details as a given role may read them (need to know):
// CONCERN_DETAIL_ROLES get the classification and lessons learnt, REFERRAL_ROLES also the
// referral records; everyone else gets null (they see only that the concern exists).
import { CONCERN_DETAIL_ROLES, REFERRAL_ROLES, type ConcernDetails, type ConcernKind, type PolicyPointKey, type Referral, type ReferralAgency, type Severity } from '../../../shared/concerns.js';
import type { Role } from '../../../shared/office.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';

export type ConcernColumns = {
  kind: ConcernKind;
  severity: Severity;
  policy_point: PolicyPointKey;
  occurred_at: string | null;
  logged_at: string;
  urgent: number;
  lessons_learnt: string | null;
};

type ReferralRow = { id: string; agency: ReferralAgency; contact: string; referred_at: string; reference: string; note: string; recorded_by: string; recorded_at: string };

export function referralsOf(db: Db, breachId: string): Referral[] {
  return (stmt(db, 'SELECT * FROM concern_referrals WHERE breach_id = ? ORDER BY referred_at, id').all(breachId) as ReferralRow[]).map((r) => ({
    id: r.id,
    agency: r.agency,
    contact: r.contact,
    referredAt: r.referred_at,
    reference: r.reference,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedAt: r.recorded_at,
  }));
}

export function concernDetails(db: Db, id: string, r: ConcernColumns, role: Role): ConcernDetails | null {
  if (!CONCERN_DETAIL_ROLES.includes(role)) return null;
  return {
    kind: r.kind,
    severity: r.severity,
    policyPoint: r.policy_point,
    occurredAt: r.occurred_at ?? r.logged_at,
    urgent: r.urgent === 1,
    lessonsLearnt: r.lessons_learnt,
    referrals: REFERRAL_ROLES.includes(role) ? referralsOf(db, id) : null,
  };
}
