// The newer record kinds in a subject access answer (shared/subjectAccessRecords.ts): the
// regular-visitor register, expected visitors with their invitations and pre-visit requests, the
// restricted list and the messages sent to the person. Loaded by id after staff confirmed them,
// and turned into the document's sections with the same rules as visits: staff names left out,
// other people's names in written text replaced, the card's code and hash never included, the
// risk assessment listed by name, size and fingerprint (not embedded).
import type { SarExpected, SarIdCheck, SarNotification, SarRegular, SarRestricted } from '../../../shared/subjectAccessRecords.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import type { Redactor } from './redact.js';

export type RegularRow = { id: string; full_name: string; name_key: string; organisation: string; role: string; category: string; status: string; card_hash: string | null; created_at: string };
export type ExpectedRow = { id: string; full_name: string; name_key: string; organisation: string; category: string; expected_on: string; note: string; cancelled: number; arrived_at: string | null };
export type RestrictedRow = { id: string; full_name: string; aliases: string; date_of_birth: string | null; reason: string; review_on: string; created_at: string; removed_at: string | null };
export type NotificationRow = { id: string; kind: string; channel: string; recipient: string; created_at: string; status: string; sent_at: string | null };

export const regularRow = (db: Db, id: string): RegularRow | null =>
  (stmt(db, 'SELECT id, full_name, name_key, organisation, role, category, status, card_hash, created_at FROM regulars WHERE id = ?').get(id) as RegularRow | undefined) ?? null;
export const expectedRow = (db: Db, id: string): ExpectedRow | null =>
  (stmt(db, 'SELECT id, full_name, name_key, organisation, category, expected_on, note, cancelled, arrived_at FROM expected_visitors WHERE id = ?').get(id) as ExpectedRow | undefined) ?? null;
export const restrictedRow = (db: Db, id: string): RestrictedRow | null =>
  (stmt(db, 'SELECT id, full_name, aliases, date_of_birth, reason, review_on, created_at, removed_at FROM restricted_people WHERE id = ?').get(id) as RestrictedRow | undefined) ?? null;
export const notificationRow = (db: Db, id: string): NotificationRow | null =>
  (stmt(db, "SELECT id, kind, channel, recipient, created_at, status, sent_at FROM notify_outbox WHERE id = ? AND channel = 'email'").get(id) as NotificationRow | undefined) ?? null;

export function sarIdChecks(db: Db, visitId: string): SarIdCheck[] {
  return (stmt(db, 'SELECT seen, checked_at FROM id_checks WHERE visit_id = ? ORDER BY checked_at, id').all(visitId) as { seen: string; checked_at: string }[]).map((c) => ({ seen: c.seen, at: c.checked_at }));
}

export function sarRegular(db: Db, r: RegularRow, clean: Redactor): SarRegular {
  const assurances = stmt(db, 'SELECT kind, checked_on, expires_on, note, recorded_at FROM regular_assurances WHERE regular_id = ? ORDER BY checked_on, id').all(r.id) as {
    kind: string; checked_on: string; expires_on: string; note: string; recorded_at: string;
  }[];
  const acks = stmt(db, 'SELECT version, text_hash, language, ack_day, at FROM agreement_acks WHERE regular_id = ? ORDER BY at, id').all(r.id) as { version: number; text_hash: string; language: string; ack_day: string; at: string }[];
  // The register keeps only the current card; its history is the audit log's (ids and times only).
  const cards = stmt(db, "SELECT action, at FROM audit_log WHERE target = ? AND action IN ('regular.card.issue', 'regular.card.revoke') ORDER BY seq").all(`regular:${r.id}`) as { action: string; at: string }[];
  const hours = new Map<string, { month: string; visits: number; openVisits: number; hours: number }>();
  const visits = stmt(db, 'SELECT v.local_day, v.arrived_at, v.departed_at FROM regular_visits rv JOIN visits v ON v.id = rv.visit_id WHERE rv.regular_id = ? ORDER BY v.local_day').all(r.id) as {
    local_day: string; arrived_at: string; departed_at: string | null;
  }[];
  for (const v of visits) {
    const month = v.local_day.slice(0, 7);
    let h = hours.get(month);
    if (!h) hours.set(month, (h = { month, visits: 0, openVisits: 0, hours: 0 }));
    h.visits++;
    if (v.departed_at) h.hours += Math.max(0, Date.parse(v.departed_at) - Date.parse(v.arrived_at)) / 3_600_000;
    else h.openVisits++;
  }
  return {
    id: r.id,
    fullName: r.full_name,
    organisation: r.organisation,
    role: clean(r.role),
    category: r.category,
    status: r.status,
    onRegisterSince: r.created_at,
    assurances: assurances.map((a) => ({ kind: a.kind, checkedOn: a.checked_on, expiresOn: a.expires_on, note: clean(a.note), recordedAt: a.recorded_at })),
    agreements: acks.map((a) => ({ version: Number(a.version), textHash: a.text_hash, language: a.language, day: a.ack_day, at: a.at })),
    cards: cards.map((c) => ({ event: c.action === 'regular.card.issue' ? 'issued' : 'revoked', at: c.at })),
    volunteerHours: [...hours.values()].map((h) => ({ ...h, hours: Math.round(h.hours * 100) / 100 })),
  };
}

export function sarExpected(db: Db, e: ExpectedRow, clean: Redactor): SarExpected {
  const invitations = stmt(db, 'SELECT email, language, visit_time, policy_version_id, policy_version, policy_language, policy_text_hash, sent_at FROM invitations WHERE expected_id = ? ORDER BY sent_at, id').all(e.id) as {
    email: string; language: string; visit_time: string; policy_version_id: string; policy_version: number; policy_language: string; policy_text_hash: string; sent_at: string;
  }[];
  // Letters are printed by staff (whose names stay out, as everywhere in the document).
  const letters = stmt(db, 'SELECT language, visit_time, policy_version, printed_at FROM invitation_letters WHERE expected_id = ? ORDER BY printed_at, id').all(e.id) as {
    language: string; visit_time: string; policy_version: number; printed_at: string;
  }[];
  // length() of the stored base64, not the file: the PDF itself is not read out here.
  const requests = stmt(
    db,
    `SELECT r.exemption_id, r.email, r.language, r.file_name, r.file_sha256, length(r.file_base64) AS b64, substr(r.file_base64, length(r.file_base64) - 1, 2) AS b64_tail, r.told_at, r.created_at, x.status, x.decided_at, x.decision_reason
       FROM previsit_requests r LEFT JOIN exemptions x ON x.id = r.exemption_id WHERE r.expected_id = ? ORDER BY r.created_at, r.exemption_id`,
  ).all(e.id) as {
    exemption_id: string; email: string; language: string; file_name: string; file_sha256: string; b64: number; b64_tail: string; told_at: string | null; created_at: string;
    status: string | null; decided_at: string | null; decision_reason: string | null;
  }[];
  return {
    id: e.id,
    fullName: e.full_name,
    organisation: e.organisation,
    category: e.category,
    expectedOn: e.expected_on,
    cancelled: e.cancelled === 1,
    note: clean(e.note),
    arrivedAt: e.arrived_at,
    invitations: invitations.map((i) => ({
      email: i.email,
      language: i.language,
      visitTime: i.visit_time,
      policyVersion: Number(i.policy_version),
      policyVersionId: i.policy_version_id,
      policyLanguage: i.policy_language,
      policyTextHash: i.policy_text_hash,
      sentAt: i.sent_at,
    })),
    letters: letters.map((l) => ({ language: l.language, visitTime: l.visit_time, policyVersion: Number(l.policy_version), printedAt: l.printed_at })),
    previsitRequests: requests.map((r) => ({
      exemptionId: r.exemption_id,
      email: r.email,
      language: r.language,
      requestedAt: r.created_at,
      riskAssessment: { fileName: r.file_name, sizeBytes: base64Bytes(Number(r.b64), r.b64_tail), sha256: r.file_sha256 },
      decision: { status: r.status ?? 'removed', decidedAt: r.decided_at, reason: r.decision_reason === null ? null : clean(r.decision_reason) },
      toldAt: r.told_at,
    })),
  };
}

/** Bytes of a file from its stored base64: its length less the '=' padding at its end. */
const base64Bytes = (chars: number, tail: string): number => (chars / 4) * 3 - (tail.match(/=/g)?.length ?? 0);

export function sarRestricted(db: Db, r: RestrictedRow, clean: Redactor): SarRestricted {
  const held = stmt(db, 'SELECT a.at, COALESCE(k.name, a.kiosk_id) AS kiosk, a.acknowledged_at FROM restricted_alerts a LEFT JOIN kiosks k ON k.id = a.kiosk_id WHERE a.entry_id = ? ORDER BY a.at, a.id').all(r.id) as {
    at: string; kiosk: string; acknowledged_at: string | null;
  }[];
  return {
    id: r.id,
    fullName: r.full_name,
    aliases: JSON.parse(r.aliases) as string[],
    dateOfBirth: r.date_of_birth,
    reason: clean(r.reason),
    reviewOn: r.review_on,
    createdAt: r.created_at,
    removedAt: r.removed_at,
    heldSignIns: held.map((a) => ({ at: a.at, kiosk: a.kiosk, acknowledgedAt: a.acknowledged_at })),
  };
}

export const sarNotification = (n: NotificationRow): SarNotification => ({ id: n.id, kind: n.kind, channel: n.channel, recipient: n.recipient, createdAt: n.created_at, status: n.status, sentAt: n.sent_at });
