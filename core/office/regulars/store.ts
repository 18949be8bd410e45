// The regular-visitor register on the hub. Every change to a person, their assurance or their
// card is sent to kiosks (the feed entity 'regular') in the same transaction, carrying only what
// a kiosk needs to greet them and decide offline: the card's hash, a masked name, category,
// status, the last day their assurance covers and the agreement version they acknowledged.
import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { cardCodeFromBytes, cardHashInput, groupCardCode } from '../../../shared/cardCode.js';
import { ContractError } from '../../../shared/errors.js';
import type { Language, VisitorCategory } from '../../../shared/domain.js';
import {
  EXPIRY_WARNING_DAYS,
  agreementDue,
  assuranceValidUntil,
  type Assurance,
  type AssuranceKind,
  type ExpiringAssurance,
  type RefRegular,
  type Regular,
  type RegularStatus,
} from '../../../shared/regulars.js';
import { maskName, nameKey } from '../../../shared/text.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendRefChange } from '../reference/feed.js';
import { currentAgreement, renewalDay } from './agreement.js';

export const cardHash = (code: string): string => createHash('sha256').update(cardHashInput(code), 'utf8').digest('hex');

type Row = {
  id: string;
  full_name: string;
  organisation: string;
  role: string;
  category: VisitorCategory;
  host_id: string;
  status: RegularStatus;
  card_hash: string | null;
  card_hint: string | null;
  card_issued_at: string | null;
  card_issued_by: string | null;
};
const COLUMNS = 'id, full_name, organisation, role, category, host_id, status, card_hash, card_hint, card_issued_at, card_issued_by';

type AssuranceRow = { id: string; regular_id: string; kind: AssuranceKind; checked_by: string; checked_on: string; expires_on: string; note: string; recorded_by: string; recorded_at: string };
const toAssurance = (r: AssuranceRow): Assurance => ({ id: r.id, kind: r.kind, checkedBy: r.checked_by, checkedOn: r.checked_on, expiresOn: r.expires_on, note: r.note, recordedBy: r.recorded_by, recordedAt: r.recorded_at });

type AckRow = { regular_id: string; version_id: string; version: number; text_hash: string; language: Language; ack_day: string; at: string; kiosk_id: string };

function latestAcks(db: Db, ids: readonly string[]): Map<string, AckRow> {
  const out = new Map<string, AckRow>();
  if (ids.length === 0) return out;
  const q = stmt(db, 'SELECT regular_id, version_id, version, text_hash, language, ack_day, at, kiosk_id FROM agreement_acks WHERE regular_id = ? ORDER BY at DESC, id DESC LIMIT 1');
  for (const id of ids) {
    const r = q.get(id) as AckRow | undefined;
    if (r) out.set(id, r);
  }
  return out;
}

function assurancesOf(db: Db, ids: readonly string[]): Map<string, Assurance[]> {
  const out = new Map<string, Assurance[]>(ids.map((id) => [id, []]));
  const q = stmt(db, 'SELECT id, regular_id, kind, checked_by, checked_on, expires_on, note, recorded_by, recorded_at FROM regular_assurances WHERE regular_id = ? ORDER BY checked_on DESC, id');
  for (const id of ids) out.set(id, (q.all(id) as AssuranceRow[]).map(toAssurance));
  return out;
}

function toRegulars(db: Db, rows: Row[], today: string): Regular[] {
  const ids = rows.map((r) => r.id);
  const assurances = assurancesOf(db, ids);
  const acks = latestAcks(db, ids);
  const agreement = currentAgreement(db);
  const renewal = renewalDay(db);
  return rows.map((r) => {
    const a = assurances.get(r.id) ?? [];
    const ack = acks.get(r.id);
    return {
      id: r.id,
      fullName: r.full_name,
      organisation: r.organisation,
      role: r.role,
      category: r.category,
      hostId: r.host_id,
      status: r.status,
      assurances: a,
      assuranceValidUntil: assuranceValidUntil({ status: r.status, assurances: a }, today),
      card: r.card_hash && r.card_issued_at ? { issuedAt: r.card_issued_at, issuedBy: r.card_issued_by ?? '', hint: r.card_hint ?? '' } : null,
      agreement: ack ? { versionId: ack.version_id, version: Number(ack.version), textHash: ack.text_hash, language: ack.language, at: ack.at, kioskId: ack.kiosk_id } : null,
      agreementDue: agreementDue(ack ? { versionId: ack.version_id, ackDay: ack.ack_day } : null, agreement.versionId, renewal, today),
    };
  });
}

export function listRegulars(db: Db, today: string): Regular[] {
  return toRegulars(db, stmt(db, `SELECT ${COLUMNS} FROM regulars ORDER BY (status = 'active') DESC, full_name, id LIMIT 2000`).all() as Row[], today);
}

export function getRegular(db: Db, id: string, today: string): Regular {
  const row = stmt(db, `SELECT ${COLUMNS} FROM regulars WHERE id = ?`).get(id) as Row | undefined;
  if (!row) throw new ContractError('NOT_FOUND', 'There is no regular visitor with that id.');
  return toRegulars(db, [row], today)[0]!;
}

/** Assurance that runs out within EXPIRY_WARNING_DAYS (or already has, for someone still active
 *  with nothing newer): the console's reminders. */
export function expiringAssurance(db: Db, today: string): ExpiringAssurance[] {
  const horizon = addDays(today, EXPIRY_WARNING_DAYS);
  const rows = stmt(
    db,
    `SELECT r.id, r.full_name, a.kind, a.expires_on FROM regular_assurances a JOIN regulars r ON r.id = a.regular_id
      WHERE r.status = 'active' AND a.expires_on <= ?
        AND NOT EXISTS (SELECT 1 FROM regular_assurances b WHERE b.regular_id = a.regular_id AND b.expires_on > ?)
      ORDER BY a.expires_on, r.full_name`,
  ).all(horizon, horizon) as { id: string; full_name: string; kind: AssuranceKind; expires_on: string }[];
  // One reminder per person: their latest check.
  const seen = new Map<string, ExpiringAssurance>();
  for (const r of rows) seen.set(r.id, { regularId: r.id, fullName: r.full_name, kind: r.kind, expiresOn: r.expires_on, daysLeft: daysBetween(today, r.expires_on) });
  return [...seen.values()].sort((a, b) => a.expiresOn.localeCompare(b.expiresOn));
}

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / 86_400_000);
}

/** Send the person's kiosk copy. `today` fixes the assurance's "valid until". */
export function publishRegular(db: Db, id: string, today: string, at: Date): void {
  const r = getRegular(db, id, today);
  const hash = (stmt(db, 'SELECT card_hash FROM regulars WHERE id = ?').pluck().get(id) as string | null) ?? null;
  const ackDay = r.agreement ? ((stmt(db, 'SELECT ack_day FROM agreement_acks WHERE regular_id = ? ORDER BY at DESC, id DESC LIMIT 1').pluck().get(id) as string | undefined) ?? null) : null;
  const body: RefRegular = {
    id: r.id,
    cardHash: hash,
    maskedName: maskName(r.fullName),
    organisation: r.organisation,
    role: r.role,
    category: r.category,
    hostId: r.hostId,
    status: r.status,
    // The latest expiry of any check that has started: a kiosk compares it with its own today.
    assuranceValidUntil: latestCoverage(r.assurances, today),
    agreementVersionId: r.agreement?.versionId ?? null,
    agreementAckDay: ackDay,
    policyVersionId:
      (stmt(db, 'SELECT v.policy_version_id FROM regular_visits rv JOIN visits v ON v.id = rv.visit_id WHERE rv.regular_id = ? ORDER BY rv.at DESC LIMIT 1').pluck().get(id) as string | null | undefined) ?? null,
  };
  appendRefChange(db, 'regular', id, body, at);
}

/** The last day any started check covers (a check that runs out later but starts later counts
 *  from its start, which a kiosk cannot see: only checks already started are counted). */
function latestCoverage(assurances: readonly Assurance[], today: string): string | null {
  let until: string | null = null;
  for (const a of assurances) if (a.checkedOn <= today && (until === null || a.expiresOn > until)) until = a.expiresOn;
  return until;
}

export function saveRegular(
  db: Db,
  input: { id?: string | undefined; fullName: string; organisation: string; role: string; category: VisitorCategory; hostId: string; status: RegularStatus },
  by: string,
  at: Date,
  today: string,
): { regular: Regular; created: boolean } {
  if (!stmt(db, 'SELECT 1 FROM hosts WHERE id = ?').get(input.hostId))
    throw new ContractError('INVALID_INPUT', 'Please choose who they usually come to see from the list.', [{ path: 'hostId', message: 'invalid' }]);
  const iso = at.toISOString();
  const created = input.id === undefined;
  const id = input.id ?? uuidv7();
  if (created) {
    stmt(
      db,
      `INSERT INTO regulars (id, full_name, name_key, organisation, role, category, host_id, status, created_at, created_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.fullName, nameKey(input.fullName), input.organisation, input.role, input.category, input.hostId, input.status, iso, by, iso);
  } else {
    const res = stmt(db, 'UPDATE regulars SET full_name = ?, name_key = ?, organisation = ?, role = ?, category = ?, host_id = ?, status = ?, updated_at = ? WHERE id = ?').run(
      input.fullName, nameKey(input.fullName), input.organisation, input.role, input.category, input.hostId, input.status, iso, id,
    );
    if (res.changes === 0) throw new ContractError('NOT_FOUND', 'There is no regular visitor with that id.');
  }
  publishRegular(db, id, today, at);
  return { regular: getRegular(db, id, today), created };
}

export function addAssurance(
  db: Db,
  input: { regularId: string; kind: AssuranceKind; checkedBy: string; checkedOn: string; expiresOn: string; note: string },
  by: string,
  at: Date,
  today: string,
): Regular {
  getRegular(db, input.regularId, today);
  stmt(db, 'INSERT INTO regular_assurances (id, regular_id, kind, checked_by, checked_on, expires_on, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)').run(
    uuidv7(), input.regularId, input.kind, input.checkedBy, input.checkedOn, input.expiresOn, input.note, by, at.toISOString(),
  );
  publishRegular(db, input.regularId, today, at);
  return getRegular(db, input.regularId, today);
}

/** A new card: a fresh random code, only its hash kept. Any earlier card stops working at the
 *  next sync of each kiosk (its hash is replaced). The code is returned to be printed, once. */
export function issueCard(db: Db, id: string, by: string, at: Date, today: string): { code: string; regular: Regular } {
  const r = getRegular(db, id, today);
  if (r.status !== 'active') throw new ContractError('CONFLICT', 'Only an active regular visitor can have a card. Change their status first.');
  let code = cardCodeFromBytes(randomBytes(15));
  while (stmt(db, 'SELECT 1 FROM regulars WHERE card_hash = ?').get(cardHash(code))) code = cardCodeFromBytes(randomBytes(15)); // 2^-75: never, but never twice
  stmt(db, 'UPDATE regulars SET card_hash = ?, card_hint = ?, card_issued_at = ?, card_issued_by = ?, updated_at = ? WHERE id = ?').run(
    cardHash(code), groupCardCode(code).slice(-4), at.toISOString(), by, at.toISOString(), id,
  );
  publishRegular(db, id, today, at);
  return { code, regular: getRegular(db, id, today) };
}

export function revokeCard(db: Db, id: string, at: Date, today: string): Regular {
  const r = getRegular(db, id, today);
  if (!r.card) throw new ContractError('CONFLICT', 'This person has no card to revoke.');
  stmt(db, 'UPDATE regulars SET card_hash = NULL, card_hint = NULL, card_issued_at = NULL, card_issued_by = NULL, updated_at = ? WHERE id = ?').run(at.toISOString(), id);
  publishRegular(db, id, today, at);
  return getRegular(db, id, today);
}
