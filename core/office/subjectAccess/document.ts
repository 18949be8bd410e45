// The subject access document (shared/retention.ts SubjectAccessDocument): everything the hub
// holds about the records staff confirmed as this person — every kiosk's visits with their
// events and ID checks, exemptions, breaches, the register, expected visits, the restricted list
// and messages sent to them (records.ts) — and nothing about anyone else: staff and host names
// are left out, other people's known names in written text are replaced (redact.ts). A section
// the school withholds under an exemption is empty and named in `withheldSections`.
import { ContractError } from '../../../shared/errors.js';
import type { PhoneCustody } from '../../../shared/domain.js';
import type { OfficeOpParsed, Role } from '../../../shared/office.js';
import { SAR_SAFEGUARDING_ROLES, type SarSection, type SarWithhold } from '../../../shared/subjectAccessRecords.js';
import type { SarBreach, SarExemption, SarVisit, SubjectAccessDocument } from '../../../shared/retention.js';
import { nameKey } from '../../../shared/text.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { exemptionRow, locationNames, type ExemptionRow } from '../exemptions/store.js';
import { hubSite } from '../reference/site.js';
import { visitRow, type HubVisitRow } from '../visits/projection.js';
import {
  expectedRow,
  notificationRow,
  regularRow,
  restrictedRow,
  sarExpected,
  sarIdChecks,
  sarNotification,
  sarRegular,
  sarRestricted,
  type ExpectedRow,
  type NotificationRow,
  type RegularRow,
  type RestrictedRow,
} from './records.js';
import { redactor, thirdPartyNames, type Redactor } from './redact.js';

export type BreachRow = {
  id: string;
  visit_id: string | null;
  person: string;
  location: string;
  what: string;
  action_taken: string;
  logged_at: string;
  status: 'open' | 'closed';
  closed_at: string | null;
  outcome: string | null;
};

export type Confirmed = {
  visits: HubVisitRow[];
  exemptions: ExemptionRow[];
  breaches: BreachRow[];
  regulars: RegularRow[];
  expected: ExpectedRow[];
  restricted: RestrictedRow[];
  notifications: NotificationRow[];
};

export type ConfirmedIds = {
  visitIds: readonly string[];
  exemptionIds: readonly string[];
  breachIds?: readonly string[];
  regularIds?: readonly string[];
  expectedIds?: readonly string[];
  restrictedIds?: readonly string[];
  notificationIds?: readonly string[];
};

export function breachRow(db: Db, id: string): BreachRow | null {
  return (stmt(db, 'SELECT * FROM breaches WHERE id = ?').get(id) as BreachRow | undefined) ?? null;
}

/** The confirmed records, or NOT_FOUND naming each id that is not (or no longer) there. A
 *  concern or restricted-list entry is "not there" for a role outside SAR_SAFEGUARDING_ROLES,
 *  exactly as an id that never existed: the answer must not tell them one exists. */
export function loadConfirmed(db: Db, ids: ConfirmedIds, role: Role): Confirmed {
  const safeguarding = SAR_SAFEGUARDING_ROLES.includes(role);
  const missing: { path: string; message: string }[] = [];
  const load = <T>(list: readonly string[], path: string, get: (id: string) => T | null): T[] =>
    [...new Set(list)].flatMap((id, i) => {
      const r = get(id);
      if (!r) missing.push({ path: `${path}.${i}`, message: 'invalid' });
      return r ? [r] : [];
    });
  const out = {
    visits: load(ids.visitIds, 'visitIds', (id) => visitRow(db, id)),
    exemptions: load(ids.exemptionIds, 'exemptionIds', (id) => exemptionRow(db, id)),
    breaches: load(ids.breachIds ?? [], 'breachIds', (id) => (safeguarding ? breachRow(db, id) : null)),
    regulars: load(ids.regularIds ?? [], 'regularIds', (id) => regularRow(db, id)),
    expected: load(ids.expectedIds ?? [], 'expectedIds', (id) => expectedRow(db, id)),
    restricted: load(ids.restrictedIds ?? [], 'restrictedIds', (id) => (safeguarding ? restrictedRow(db, id) : null)),
    notifications: load(ids.notificationIds ?? [], 'notificationIds', (id) => notificationRow(db, id)),
  };
  if (missing.length) throw new ContractError('NOT_FOUND', 'Some of the chosen records are no longer there (erased or past their retention period). Search again.', missing);
  return out;
}

type EventRow = { kind: string; at: string; body: string };

function sarVisit(db: Db, v: HubVisitRow, kioskName: string, clean: Redactor): SarVisit {
  const events = stmt(db, 'SELECT kind, at, body FROM hub_events WHERE visit_id = ? ORDER BY kiosk_seq, seq').all(v.id) as EventRow[];
  const out: SarVisit = {
    visitId: v.id,
    kiosk: kioskName,
    category: v.category,
    fullName: v.full_name,
    organisation: v.organisation,
    agencyRole: v.agency_role,
    purpose: clean(v.purpose),
    localDay: v.local_day,
    arrivedAt: v.arrived_at,
    departedAt: v.departed_at,
    departedBy: v.departed_by === null ? null : v.departed_by === 'visitor' ? 'visitor' : 'staff',
    badgeNumber: v.badge_number,
    needsEvacuationHelp: v.needs_evac_help === 1,
    idCheckRequired: v.id_check_required === 1,
    language: v.language,
    acknowledgements: [],
    exemptionConditions: [],
    phoneCustody: [],
    deviceUseRequested: v.device_request_id !== null,
    idChecks: sarIdChecks(db, v.id),
    timeline: [],
  };
  const str = (x: unknown) => (typeof x === 'string' ? x : '');
  for (const e of events) {
    const b = JSON.parse(e.body) as Record<string, unknown>;
    out.timeline.push({ kind: e.kind, at: e.at });
    if (e.kind === 'policy_acknowledged')
      out.acknowledgements.push({ policyVersion: typeof b.version === 'number' ? b.version : null, policyVersionId: str(b.versionId), textHash: str(b.textHash), language: str(b.language), at: e.at });
    else if (e.kind === 'exemption_conditions_acknowledged')
      out.exemptionConditions.push({
        exemptionId: str(b.exemptionId),
        conditionsHash: str(b.conditionsHash),
        locations: Array.isArray(b.locations) ? b.locations.map(str) : [],
        until: str(b.until),
        at: e.at,
      });
    else if (e.kind === 'phone_stored' && b.custody && typeof b.custody === 'object') {
      const c = b.custody as PhoneCustody;
      out.phoneCustody.push({
        kind: c.kind,
        locker: c.kind === 'locker' ? c.lockerLabel : null,
        exemptionId: c.kind === 'exemption' ? c.exemptionId : null,
        inAt: e.at,
        outAt: null,
      });
    } else if (e.kind === 'phone_returned') {
      const open = [...out.phoneCustody].reverse().find((p) => p.outAt === null && p.kind !== 'none');
      if (open) open.outAt = e.at;
    }
  }
  return out;
}

function sarExemption(db: Db, r: ExemptionRow, clean: Redactor): SarExemption {
  const ra = r.risk_assessment === null ? null : (JSON.parse(r.risk_assessment) as { hazards: string; controls: string; reviewedOn: string });
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    fullName: r.full_name,
    organisation: r.organisation,
    agencyRole: r.agency_role,
    purpose: clean(r.purpose),
    devices: clean(r.devices),
    locations: locationNames(db, JSON.parse(r.location_ids) as string[]),
    requestedWindow: clean(r.requested_window),
    requestedAt: r.created_at,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    dailyFrom: r.daily_from,
    dailyTo: r.daily_to,
    recurrence: JSON.parse(r.recurrence) as unknown,
    conditions: clean(r.conditions),
    // The reviewer is a member of staff: left out like every staff name.
    riskAssessment: ra === null ? null : { hazards: clean(ra.hazards), controls: clean(ra.controls), reviewedOn: ra.reviewedOn },
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason === null ? null : clean(r.decision_reason),
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason === null ? null : clean(r.revoke_reason),
  };
}

function sarBreach(b: BreachRow, clean: Redactor): SarBreach {
  return {
    id: b.id,
    visitId: b.visit_id,
    person: b.person,
    loggedAt: b.logged_at,
    location: clean(b.location),
    what: clean(b.what),
    actionTaken: clean(b.action_taken),
    status: b.status,
    closedAt: b.closed_at,
    outcome: b.outcome === null ? null : clean(b.outcome),
  };
}

export const WITHHELD = [
  'Names of school staff (the person you visited, and staff who recorded, decided or reviewed something) are withheld: they are other people\u2019s information. Ask the school if you need them.',
  'Names of other people that appear in text written about you are shown as "[another person]".',
  'The school\u2019s audit log of who looked at or changed these records is not included: it is about staff actions.',
  'A regular visitor\u2019s card code is not included (it is a key to the building; the school keeps only a fingerprint of it, which is not included either). A risk assessment you sent is listed by name, size and fingerprint: you have the file.',
];

export function subjectDocument(db: Db, c: Confirmed, at: Date, withhold: readonly SarWithhold[] = []): SubjectAccessDocument {
  const held = new Set<SarSection>(withhold.map((w) => w.section));
  const shown = <T>(section: SarSection, list: T[]): T[] => (held.has(section) ? [] : list);
  const visits = shown('visits', c.visits);
  const exemptions = shown('exemptions', c.exemptions);
  const breaches = shown('breaches', c.breaches);
  const regulars = shown('regulars', c.regulars);
  const expected = shown('invitations', c.expected);
  const restricted = shown('restricted', c.restricted);
  const notifications = shown('notifications', c.notifications);
  // Every confirmed name is the subject's (never redacted as someone else's), but only the
  // names of sections sent are listed: a withheld section's name must not give it away.
  const allNames = [...c.visits.map((v) => v.full_name), ...c.exemptions.map((e) => e.full_name), ...c.breaches.map((b) => b.person), ...c.regulars.map((r) => r.full_name), ...c.expected.map((e) => e.full_name), ...c.restricted.flatMap((r) => [r.full_name, ...(JSON.parse(r.aliases) as string[])])];
  const names = [...new Set([...visits.map((v) => v.full_name), ...exemptions.map((e) => e.full_name), ...breaches.map((b) => b.person), ...regulars.map((r) => r.full_name), ...expected.map((e) => e.full_name), ...restricted.map((r) => r.full_name)])];
  const organisations = [...new Set([...visits.map((v) => v.organisation), ...exemptions.map((e) => e.organisation), ...regulars.map((r) => r.organisation), ...expected.map((e) => e.organisation)].filter(Boolean))];
  const clean = redactor(thirdPartyNames(db, new Set(allNames.map(nameKey))));
  const kioskName = stmt(db, 'SELECT name FROM kiosks WHERE id = ?').pluck();
  const byTime = <T>(key: (x: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return {
    format: 'phone-safe-kiosk/subject-access/1',
    generatedAt: at.toISOString(),
    site: hubSite(db).siteName,
    subject: { names, organisations },
    withheld: WITHHELD,
    withheldSections: [...withhold],
    visits: visits.map((v) => sarVisit(db, v, (kioskName.get(v.kiosk_id) as string | undefined) ?? v.kiosk_id, clean)).sort(byTime((v) => v.arrivedAt)),
    exemptions: exemptions.map((e) => sarExemption(db, e, clean)).sort(byTime((e) => e.requestedAt)),
    breaches: breaches.map((b) => sarBreach(b, clean)).sort(byTime((b) => b.loggedAt)),
    regulars: regulars.map((r) => sarRegular(db, r, clean)).sort(byTime((r) => r.onRegisterSince)),
    invitations: expected.map((e) => sarExpected(db, e, clean)).sort(byTime((e) => e.expectedOn)),
    restricted: restricted.map((r) => sarRestricted(db, r, clean)).sort(byTime((r) => r.createdAt)),
    notifications: notifications.map(sarNotification).sort(byTime((n) => n.createdAt)),
  };
}

export type SubjectIds = OfficeOpParsed<'subjectAccess.export'>;
