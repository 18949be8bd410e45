// What an invitation says, gathered once from the hub's records, so that the email and the
// letter PDF say the same: the visit (day, time, host), what to bring, the phone policy AS THE
// VERSION IN FORCE (its text in the visitor's language, or English when that language has none,
// with the hash of exactly that text), the approved places, and the sign-in code.
import { randomBytes } from 'node:crypto';
import { ContractError } from '../../../shared/errors.js';
import { RTL_LANGUAGES, type Language, type VisitorCategory } from '../../../shared/domain.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { hubSite } from '../reference/site.js';
import { policyCanonicalText } from '../../../shared/contract.js';
import { sha256Hex } from '../../policy/policy.js';
import { NO_LOCATIONS } from '../../site/defaults.js';
import { oneLine } from '../notifications/notices.js';
import { WORDS, type InviteWords } from './words.js';

/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new sign-in code: 16 characters of base32 from 80 random bits (unguessable: 2^80 codes for
 * a few hundred expected visitors), shown as XXXX-XXXX-XXXX-XXXX. It is an opaque id: it says
 * nothing about the visitor, and finds the expected visit only through the hub's record.
 */
export function newSigninCode(): string {
  const bytes = randomBytes(10);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Read the same way at the kiosk (core/admission/signinCode.ts): one definition in shared/. */
export { normaliseSigninCode } from '../../../shared/signinCode.js';

type ExpectedRow = { id: string; full_name: string; organisation: string; category: VisitorCategory; host_id: string; expected_on: string; cancelled: number; signin_code: string | null; host_name: string | null };

export function expectedRow(db: Db, id: string): ExpectedRow {
  const r = stmt(
    db,
    `SELECT e.id, e.full_name, e.organisation, e.category, e.host_id, e.expected_on, e.cancelled, e.signin_code, h.name AS host_name
     FROM expected_visitors e LEFT JOIN hosts h ON h.id = e.host_id WHERE e.id = ?`,
  ).get(id) as ExpectedRow | undefined;
  if (!r) throw new ContractError('NOT_FOUND', 'There is no expected visitor with that id.');
  return r;
}

/** The expected visit's sign-in code, made on first use and kept (a second invitation carries
 *  the same code, so an earlier email still works). Runs in the caller's transaction. */
export function ensureSigninCode(db: Db, e: ExpectedRow): string {
  if (e.signin_code) return e.signin_code;
  const code = newSigninCode();
  stmt(db, 'UPDATE expected_visitors SET signin_code = ? WHERE id = ? AND signin_code IS NULL').run(code, e.id);
  return (stmt(db, 'SELECT signin_code FROM expected_visitors WHERE id = ?').get(e.id) as { signin_code: string }).signin_code;
}

/** textHash: of the text as shown (places filled in), the hash a kiosk records at sign-in. */
export type PolicySent = { versionId: string; version: number; language: Language; title: string; points: string[]; textHash: string };

/** The version in force, with its text in `language` (English when it has none in that language). */
export function policyForInvitation(db: Db, language: Language, versionId?: string): PolicySent {
  const v = (
    versionId === undefined
      ? stmt(db, 'SELECT id, version FROM policy_versions ORDER BY version DESC LIMIT 1').get()
      : stmt(db, 'SELECT id, version FROM policy_versions WHERE id = ?').get(versionId)
  ) as { id: string; version: number } | undefined;
  if (!v) throw new ContractError('CONFLICT', 'No phone policy has been published yet: publish one (console: Policy) before sending invitations.');
  const textIn = (lng: string) =>
    stmt(db, 'SELECT language, title, points, text_hash FROM policy_texts WHERE version_id = ? AND language = ?').get(v.id, lng) as
      | { language: Language; title: string; points: string; text_hash: string }
      | undefined;
  const t = textIn(language) ?? textIn('en');
  if (!t) throw new ContractError('CONFLICT', 'The policy in force has no English text.');
  // The text as the kiosk will show it: {locations} replaced by the approved places, as
  // core/policy/policy.ts renders it, and hashed the same way, so the hash recorded here is the
  // one the kiosk records when the visitor acknowledges the same words.
  const places = (stmt(db, 'SELECT name FROM locations WHERE active = 1 ORDER BY sort, id').all() as { name: string }[]).map((r) => r.name);
  const list = places.length ? places.join('; ') : (NO_LOCATIONS[t.language] ?? NO_LOCATIONS.en);
  const points = (JSON.parse(t.points) as string[]).map((p) => p.replaceAll('{locations}', list));
  return { versionId: v.id, version: Number(v.version), language: t.language, title: t.title, points, textHash: sha256Hex(policyCanonicalText({ title: t.title, points })) };
}

export type InvitationContent = {
  language: Language;
  rtl: boolean;
  words: InviteWords;
  school: string;
  visitorName: string;
  professional: boolean;
  dateText: string;
  time: string;
  host: string;
  policy: PolicySent;
  places: string[];
  code: string;
};

/** A calendar day in the visitor's language (Latin digits, so the code and times read the same). */
export function dayInLanguage(day: string, language: Language): string {
  return new Intl.DateTimeFormat(`${language === 'en' ? 'en-GB' : language}-u-nu-latn`, { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${day}T12:00:00.000Z`));
}

/** Everything an invitation says. `policyVersionId`: the version an invitation already sent
 *  recorded (its delivery attaches the letter of exactly that version). */
export function composeInvitation(db: Db, expectedId: string, language: Language, time: string, policyVersionId?: string): InvitationContent {
  const e = expectedRow(db, expectedId);
  if (e.cancelled === 1) throw new ContractError('CONFLICT', 'This visit was cancelled: no invitation can be sent for it.');
  const places = (stmt(db, 'SELECT name FROM locations WHERE active = 1 ORDER BY sort, id').all() as { name: string }[]).map((r) => oneLine(r.name, 120));
  return {
    language,
    rtl: RTL_LANGUAGES.has(language),
    words: WORDS[language],
    school: oneLine(hubSite(db).siteName, 120),
    // Visitor and host names are made one line: nothing typed can start a new header or line.
    visitorName: oneLine(e.full_name, 120),
    professional: e.category === 'professional',
    dateText: dayInLanguage(e.expected_on, language),
    time,
    host: oneLine(e.host_name ?? '', 120),
    policy: policyForInvitation(db, language, policyVersionId),
    places,
    code: ensureSigninCode(db, e),
  };
}

/** The email's plain text. */
export function invitationText(c: InvitationContent): { subject: string; body: string } {
  const w = c.words;
  const body = [
    w.hello(c.visitorName),
    '',
    w.expected(c.school, c.dateText, c.time, c.host),
    '',
    `${w.bringHeading}:`,
    `- ${c.professional ? w.bringId : w.bringNothing}`,
    '',
    `${w.phoneHeading(c.policy.version)}:`,
    c.policy.title,
    ...c.policy.points.map((p) => `- ${p}`),
    `${w.fingerprint}: ${c.policy.textHash}`,
    '',
    `${w.placesHeading}:`,
    ...(c.places.length ? c.places.map((p) => `- ${p}`) : [`- ${w.noPlaces}`]),
    '',
    `${w.codeHeading}: ${c.code}`,
    w.codeHelp,
    '',
    w.atKiosk,
    '',
    c.school,
  ].join('\n');
  return { subject: oneLine(w.subject(c.school), 200), body };
}
