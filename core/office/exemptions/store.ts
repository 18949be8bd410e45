// The exemptions register as stored: reading rows back as the console's Exemption, and the
// copy of an exemption that kiosks receive to match a visitor while offline.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { Exemption, ExemptionStatus, Recurrence, RiskAssessment } from '../../../shared/office.js';
import type { KioskExemption } from '../../../shared/sync.js';
import type { VisitorCategory } from '../../../shared/domain.js';
import { organisationKey } from '../../../shared/text.js';
import { appendRefChange } from '../reference/feed.js';

export type ExemptionRow = {
  id: string;
  status: ExemptionStatus;
  source: 'kiosk' | 'staff';
  visit_id: string | null;
  request_id: string | null;
  full_name: string;
  name_key: string;
  organisation: string;
  agency_role: string;
  purpose: string;
  devices: string;
  location_ids: string;
  requested_window: string;
  valid_from: string | null;
  valid_to: string | null;
  daily_from: string | null;
  daily_to: string | null;
  recurrence: string;
  conditions: string;
  risk_assessment: string | null;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_reason: string | null;
  revoked_by: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  category: VisitorCategory;
};

export const SINGLE: Recurrence = { kind: 'single' };

export function exemptionRow(db: Db, id: string): ExemptionRow | null {
  return (stmt(db, 'SELECT * FROM exemptions WHERE id = ?').get(id) as ExemptionRow | undefined) ?? null;
}

/** Location ids → names, in the order given. A location since retired keeps its name (the
 *  decision was about that place); one since deleted outright shows its id. */
export function locationNames(db: Db, ids: readonly string[]): string[] {
  const get = stmt(db, 'SELECT name FROM locations WHERE id = ?').pluck();
  return ids.map((id) => (get.get(id) as string | undefined) ?? id);
}

export function toExemption(db: Db, r: ExemptionRow): Exemption {
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    visitId: r.visit_id,
    fullName: r.full_name,
    organisation: r.organisation,
    agencyRole: r.agency_role,
    purpose: r.purpose,
    devices: r.devices,
    locations: locationNames(db, JSON.parse(r.location_ids) as string[]),
    requestedWindow: r.requested_window,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    dailyFrom: r.daily_from,
    dailyTo: r.daily_to,
    recurrence: JSON.parse(r.recurrence) as Recurrence,
    conditions: r.conditions,
    riskAssessment: r.risk_assessment === null ? null : (JSON.parse(r.risk_assessment) as RiskAssessment),
    createdBy: r.created_by,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    revokedBy: r.revoked_by,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  };
}

/**
 * What a kiosk keeps. A refused request never had a validity: its dates are empty strings
 * (kiosks act on 'approved' only; the refusal is sent so a kiosk can stop showing it pending).
 */
export function kioskExemption(db: Db, r: ExemptionRow): KioskExemption {
  const rec = JSON.parse(r.recurrence) as Recurrence;
  return {
    id: r.id,
    category: r.category,
    status: r.status,
    nameKey: r.name_key,
    organisationKey: organisationKey(r.organisation),
    validFrom: r.valid_from ?? '',
    validTo: r.valid_to ?? '',
    dailyFrom: r.daily_from,
    dailyTo: r.daily_to,
    weekdays: rec.kind === 'weekly' ? [...new Set(rec.weekdays)].sort((a, b) => a - b) : null,
    locations: locationNames(db, JSON.parse(r.location_ids) as string[]),
    devices: r.devices,
    conditions: r.conditions,
  };
}

/** Tell kiosks the exemption's current state (in the caller's transaction). */
export function publishExemption(db: Db, id: string, at: Date): void {
  const r = exemptionRow(db, id);
  if (r) appendRefChange(db, 'exemption', r.id, kioskExemption(db, r), at);
}
