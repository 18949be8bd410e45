// Quick sign-in by a regular's card, on the kiosk's own copy of the register (so it works with
// the office unreachable). The card is looked up by its hash; a card that is unknown, replaced,
// revoked, of someone suspended or gone, or whose assurance has run out gets one neutral answer.
// Only what changed is asked again: the phone policy (new version since their last card sign-in)
// and the acceptable-use agreement (new text, or the school's yearly renewal day has passed).
import type { BadgeQueue } from '../printing/badgeQueue.js';
import { createHash } from 'node:crypto';
import { cardHashInput, normaliseCardCode } from '../../shared/cardCode.js';
import type { OpParsed, VisitReceipt } from '../../shared/contract.js';
import { ContractError } from '../../shared/errors.js';
import type { Language, VisitorCategory } from '../../shared/domain.js';
import { REGULAR_EVENT_KIND, agreementCanonicalText, agreementDue, type AgreementDraft, type AgreementDue, type CardScan, type RegularStatus } from '../../shared/regulars.js';
import type { Db } from '../db/open.js';
import { stmt, transaction } from '../db/statements.js';
import { currentPolicy } from '../policy/policy.js';
import { localDay, readSettings } from '../site/settings.js';
import { appendEvent } from '../visits/events.js';
import { signIn, type SignInDeps } from '../visits/signIn.js';

/** What the visitor is told for every card that does not sign them in: never why. */
export const SEE_RECEPTION = 'Please see reception.';

type Row = {
  id: string;
  masked_name: string;
  organisation: string;
  role: string;
  category: VisitorCategory;
  host_id: string;
  status: RegularStatus;
  assurance_valid_until: string | null;
  agreement_version_id: string | null;
  agreement_ack_day: string | null;
  policy_version_id: string | null;
};

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The person holding a valid card today, or null. Checks that need no network: status, and the
 *  last day their recorded assurance covers against the kiosk's own today. */
function holder(db: Db, rawCode: string, today: string): Row | null {
  const code = normaliseCardCode(rawCode);
  if (!code) return null;
  const r = stmt(
    db,
    'SELECT id, masked_name, organisation, role, category, host_id, status, assurance_valid_until, agreement_version_id, agreement_ack_day, policy_version_id FROM regulars WHERE card_hash = ?',
  ).get(sha256(cardHashInput(code))) as Row | undefined;
  if (!r || r.status !== 'active') return null;
  if (r.assurance_valid_until === null || r.assurance_valid_until < today) return null;
  return r;
}

type Agreement = { id: string; version: number; renewalDay: string; texts: Record<string, AgreementDraft> };
function currentAgreement(db: Db): Agreement | null {
  const a = stmt(db, 'SELECT id, version, renewal_day, texts FROM agreement_versions ORDER BY version DESC LIMIT 1').get() as { id: string; version: number; renewal_day: string; texts: string } | undefined;
  return a ? { id: a.id, version: a.version, renewalDay: a.renewal_day, texts: JSON.parse(a.texts) as Record<string, AgreementDraft> } : null;
}

/** What this kiosk knows they acknowledged: its own card sign-ins and the office's copy (which
 *  includes other kiosks'). Its own count at once, before the office's copy catches up. */
function lastAcks(db: Db, r: Row): { agreements: { versionId: string; ackDay: string }[]; policyVersionId: string | null } {
  const local = stmt(db, 'SELECT policy_version_id FROM regular_visits WHERE regular_id = ? ORDER BY at DESC, rowid DESC LIMIT 1').pluck().get(r.id) as string | undefined;
  const localAck = stmt(db, 'SELECT agreement_version_id AS v, agreement_ack_day AS d FROM regular_visits WHERE regular_id = ? AND agreement_ack_day IS NOT NULL ORDER BY at DESC, rowid DESC LIMIT 1').get(r.id) as
    | { v: string; d: string }
    | undefined;
  const agreements = [
    ...(localAck ? [{ versionId: localAck.v, ackDay: localAck.d }] : []),
    ...(r.agreement_version_id && r.agreement_ack_day ? [{ versionId: r.agreement_version_id, ackDay: r.agreement_ack_day }] : []),
  ];
  return { agreements, policyVersionId: local ?? r.policy_version_id };
}

/** Whether the agreement is due: up to date if any acknowledgement known here covers it. */
function dueNow(a: Agreement | null, acks: { versionId: string; ackDay: string }[], today: string): AgreementDue {
  if (!a) return null;
  const dues = acks.map((k) => agreementDue(k, a.id, a.renewalDay, today));
  if (dues.length === 0) return 'first';
  if (dues.includes(null)) return null;
  return dues.includes('renewal') ? 'renewal' : dues[0]!;
}

function agreementText(a: Agreement, language: Language): { language: Language; title: string; points: string[]; textHash: string } {
  const lng = (a.texts[language] ? language : 'en') as Language;
  const t = a.texts[lng] ?? Object.values(a.texts)[0]!;
  return { language: lng, title: t.title, points: t.points, textHash: sha256(agreementCanonicalText(t)) };
}

function openVisitOf(db: Db, regularId: string): string | null {
  return (stmt(db, 'SELECT rv.visit_id FROM regular_visits rv JOIN visits v ON v.id = rv.visit_id WHERE rv.regular_id = ? AND v.departed_at IS NULL ORDER BY rv.at DESC LIMIT 1').pluck().get(regularId) as string | undefined) ?? null;
}

export function scanCard(db: Db, rawCode: string, language: Language, at: Date): CardScan {
  const today = localDay(at, readSettings(db).timeZone);
  const r = holder(db, rawCode, today);
  if (!r) return { status: 'see_reception' };
  const acks = lastAcks(db, r);
  const a = currentAgreement(db);
  const due = dueNow(a, acks.agreements, today);
  const policy = currentPolicy(db, language);
  return {
    status: 'ok',
    regularId: r.id,
    maskedName: r.masked_name,
    organisation: r.organisation,
    category: r.category,
    onSiteVisitId: openVisitOf(db, r.id),
    agreement: a && due ? { due, versionId: a.id, version: a.version, ...agreementText(a, language) } : null,
    policyChanged: acks.policyVersionId !== policy.versionId,
  };
}

export function signInByCard(deps: SignInDeps, input: OpParsed<'regular.signIn'>): VisitReceipt {
  return transaction(deps.db, signInByCardTx).immediate(deps, input);
}

function signInByCardTx(deps: SignInDeps, input: OpParsed<'regular.signIn'>): VisitReceipt {
  const { db } = deps;
  const at = deps.now();
  const today = localDay(at, readSettings(db).timeZone);
  const r = holder(db, input.cardCode, today);
  if (!r) throw new ContractError('FORBIDDEN', SEE_RECEPTION);
  // A scanner that sends the code twice, or a second scan while on site: one visit only.
  if (openVisitOf(db, r.id)) throw new ContractError('CONFLICT', 'You are already signed in. To leave, choose "Sign out".');

  const acks = lastAcks(db, r);
  const policy = currentPolicy(db, input.language);
  const policyChanged = acks.policyVersionId !== policy.versionId;
  if (policyChanged && (input.policy?.versionId !== policy.versionId || input.policy?.textHash !== policy.textHash))
    throw new ContractError('POLICY_CHANGED', 'The phone and device expectations have been updated. Please read them again.');

  const a = currentAgreement(db);
  const due = dueNow(a, acks.agreements, today);
  let agreementAck: { versionId: string; version: number; textHash: string; language: Language; ackDay: string } | null = null;
  if (a && due) {
    const shown = agreementText(a, input.language);
    if (input.agreement?.versionId !== a.id || input.agreement?.textHash !== shown.textHash)
      throw new ContractError('POLICY_CHANGED', 'The acceptable-use agreement needs your agreement. Please read it again.');
    agreementAck = { versionId: a.id, version: a.version, textHash: shown.textHash, language: shown.language, ackDay: today };
  }

  // Recorded as visiting the person they usually see; if that person is no longer on the
  // kiosk's list, the first host (reception) stands in, as the visitor cannot choose.
  const hostId =
    (stmt(db, 'SELECT id FROM hosts WHERE id = ? AND active = 1').pluck().get(r.host_id) as string | undefined) ??
    (stmt(db, 'SELECT id FROM hosts WHERE active = 1 ORDER BY sort, name LIMIT 1').pluck().get() as string | undefined);
  if (!hostId) throw new ContractError('FORBIDDEN', SEE_RECEPTION);

  // The visit's link to the person is written before its badge is made: the badge's escort line
  // reads the person's assurance through it (core/admission/kioskCheck.ts assuranceForVisit).
  const link = (visitId: string) =>
    stmt(db, 'INSERT INTO regular_visits (visit_id, regular_id, at, policy_version_id, agreement_version_id, agreement_ack_day) VALUES (?, ?, ?, ?, ?, ?)').run(
      visitId, r.id, at.toISOString(), policy.versionId, agreementAck?.versionId ?? null, agreementAck?.ackDay ?? null,
    );
  const badges: BadgeQueue = { enqueue: (d, rec, when) => (link(rec.visitId), deps.badges.enqueue(d, rec, when)) };
  const receipt = signIn({ ...deps, badges }, {
    category: r.category,
    fullName: r.masked_name,
    organisation: r.organisation,
    agencyRole: r.role,
    hostId,
    purpose: r.role || 'Regular visit',
    needsEvacuationHelp: false,
    language: input.language,
    policy: { versionId: policy.versionId, textHash: policy.textHash },
    phone: input.phone,
  });
  const kioskId = readSettings(db).kioskId;
  appendEvent(db, {
    visitId: receipt.visitId,
    kioskId,
    at: at.toISOString(),
    // Why this visit has no typed details: a card, and what was acknowledged with it. The phone
    // policy event next to it says which version; policyShown says whether it was shown again.
    body: { kind: REGULAR_EVENT_KIND, regularId: r.id, policyShown: policyChanged, ...(agreementAck ? { agreement: agreementAck } : {}) },
  });
  return receipt;
}
