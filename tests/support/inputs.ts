// Shared tables of visitor-typed text: names that must survive exactly, and inputs that
// must be refused. Used by the core-level and the HTTP-level contract tests.
import { FIELD_LIMITS, type OpInput } from '../../shared/contract.js';

type SignIn = OpInput<'visit.signIn'>;

/** What a visitor types → what must be stored and shown (NFC, trimmed, spaces collapsed). */
export const NAMES_KEPT_EXACTLY: { what: string; typed: string; stored: string }[] = [
  { what: 'accents', typed: 'Zoë Renée Ångström', stored: 'Zoë Renée Ångström' },
  { what: 'accents typed as combining marks (stored NFC)', typed: 'Zoe\u0308 Rene\u0301e', stored: 'Zo\u00eb Ren\u00e9e' },
  { what: 'an apostrophe', typed: "Siobhán O'Brien", stored: "Siobhán O'Brien" },
  { what: 'a typographic apostrophe', typed: 'D\u2019Arcy N\u2019Dour', stored: 'D\u2019Arcy N\u2019Dour' },
  { what: 'a hyphen', typed: 'Mary-Jane Smith-Jones', stored: 'Mary-Jane Smith-Jones' },
  { what: 'Arabic', typed: 'محمد عبد الله', stored: 'محمد عبد الله' },
  { what: 'Polish', typed: 'Łukasz Żółć-Gęślą', stored: 'Łukasz Żółć-Gęślą' },
  { what: 'Chinese', typed: '王小明', stored: '王小明' },
  { what: 'Japanese with an ideographic space', typed: '山田\u3000太郎', stored: '山田 太郎' },
  { what: 'Korean', typed: '김민준', stored: '김민준' },
  { what: 'Bengali with a zero-width joiner', typed: 'র\u200D্যাব', stored: 'র\u200D্যাব' },
  { what: 'emoji, including a ZWJ sequence', typed: 'Sam 🙂 Lee 👩‍👩‍👧', stored: 'Sam 🙂 Lee 👩‍👩‍👧' },
  { what: 'surrounding and repeated spaces', typed: '  Jane \t  Smith\n ', stored: 'Jane Smith' },
  { what: 'a non-breaking space', typed: 'Jane\u00a0Smith', stored: 'Jane Smith' },
  { what: '250 characters', typed: 'A'.repeat(125) + ' ' + 'b'.repeat(124), stored: 'A'.repeat(125) + ' ' + 'b'.repeat(124) },
  { what: 'exactly 300 characters of emoji (600 UTF-16 units)', typed: '🙂'.repeat(FIELD_LIMITS.fullName), stored: '🙂'.repeat(FIELD_LIMITS.fullName) },
  { what: 'exactly 300 Arabic letters', typed: 'ب'.repeat(FIELD_LIMITS.fullName), stored: 'ب'.repeat(FIELD_LIMITS.fullName) },
];

export type BadSignIn = { what: string; over: Record<string, unknown>; path: string; message: string };

/** Sign-in inputs that must be refused with INVALID_INPUT naming `path`. */
export const BAD_SIGN_INS: BadSignIn[] = [
  { what: 'an empty name', over: { fullName: '' }, path: 'fullName', message: 'required' },
  { what: 'a name of spaces only', over: { fullName: '     ' }, path: 'fullName', message: 'required' },
  { what: 'a name of tabs, newlines and non-breaking spaces only', over: { fullName: '\t\n\u00a0\u2003\u3000' }, path: 'fullName', message: 'required' },
  { what: 'a name of zero-width characters only', over: { fullName: '\u200b\u200d \u200c' }, path: 'fullName', message: 'required' },
  { what: 'a missing name', over: { fullName: undefined }, path: 'fullName', message: 'required' },
  { what: 'an empty reason for the visit', over: { purpose: ' ' }, path: 'purpose', message: 'required' },
  { what: 'a NUL character', over: { fullName: 'Jane\u0000Smith' }, path: 'fullName', message: 'controlChars' },
  { what: 'an ESC (terminal escape) character', over: { fullName: 'Jane \u001b[31mSmith' }, path: 'fullName', message: 'controlChars' },
  { what: 'a DEL character', over: { fullName: 'Jane\u007fSmith' }, path: 'fullName', message: 'controlChars' },
  { what: 'a C1 control character', over: { fullName: 'Jane\u009bSmith' }, path: 'fullName', message: 'controlChars' },
  { what: 'a C1 next-line character', over: { purpose: 'Meeting\u0085teacher' }, path: 'purpose', message: 'controlChars' },
  { what: 'a bidi override', over: { fullName: 'Jane \u202eevil' }, path: 'fullName', message: 'controlChars' },
  { what: 'a bidi isolate', over: { organisation: 'Acme \u2066Ltd' }, path: 'organisation', message: 'controlChars' },
  { what: 'a byte-order mark', over: { fullName: '\ufeffJane Smith' }, path: 'fullName', message: 'controlChars' },
  { what: 'a lone high surrogate', over: { fullName: 'Jane \ud83d Smith' }, path: 'fullName', message: 'malformed' },
  { what: 'a lone low surrogate', over: { purpose: 'Meeting \ude00' }, path: 'purpose', message: 'malformed' },
  { what: 'a name one character over the limit', over: { fullName: 'x'.repeat(FIELD_LIMITS.fullName + 1) }, path: 'fullName', message: 'tooLong' },
  { what: 'an emoji name one character over the limit', over: { fullName: '🙂'.repeat(FIELD_LIMITS.fullName + 1) }, path: 'fullName', message: 'tooLong' },
  { what: 'a huge name', over: { fullName: 'x'.repeat(20_000) }, path: 'fullName', message: 'tooLong' },
  { what: 'an organisation over the limit', over: { organisation: 'o'.repeat(FIELD_LIMITS.organisation + 1) }, path: 'organisation', message: 'tooLong' },
  { what: 'a role over the limit', over: { category: 'professional', organisation: 'NHS', agencyRole: 'r'.repeat(FIELD_LIMITS.agencyRole + 1) }, path: 'agencyRole', message: 'tooLong' },
  { what: 'a reason over the limit', over: { purpose: 'p'.repeat(FIELD_LIMITS.purpose + 1) }, path: 'purpose', message: 'tooLong' },
  { what: 'a name that is not text', over: { fullName: { first: 'Jane' } }, path: 'fullName', message: 'required' },
  { what: 'an unknown category', over: { category: 'inspector' }, path: 'category', message: 'invalid' },
  { what: 'an unsupported language', over: { language: 'xx' }, path: 'language', message: 'invalid' },
  { what: 'a yes/no answer that is not a boolean', over: { needsEvacuationHelp: 'yes' }, path: 'needsEvacuationHelp', message: 'invalid' },
  { what: 'a host id with odd characters', over: { hostId: "office' OR 1=1" }, path: 'hostId', message: 'invalid' },
  { what: 'a host that does not exist', over: { hostId: 'nobody' }, path: 'hostId', message: 'invalid' },
  { what: 'a malformed policy hash', over: { policy: { versionId: 'v1', textHash: 'abc' } }, path: 'policy.textHash', message: 'invalid' },
  { what: 'a locker choice without a locker', over: { phone: { choice: 'locker' } }, path: 'phone.lockerId', message: 'required' },
  { what: 'an unknown phone choice', over: { phone: { choice: 'pocket' } }, path: 'phone.choice', message: 'invalid' },
  { what: 'an unexpected extra field', over: { isAdmin: true }, path: 'isAdmin', message: 'invalid' },
];

/** Apply an override table entry; `undefined` removes the key. */
export function withOverride(base: SignIn, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}
