// Rules for text that a visitor types. One place, used by the contract (server side)
// and by the kiosk screens (to show the same message before a round trip).
import { z } from './zod.js';

/** C0/C1 control characters, DEL, and the bidi embedding/override/isolate marks
 *  that can make a name render as something else (e.g. "Jane‮evil"). Joiners
 *  (ZWJ/ZWNJ) are allowed: Bengali, Panjabi and emoji sequences need them. */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufeff]/u;

/** Normalise what a visitor typed: NFC, trimmed, runs of spaces collapsed. */
export function tidyText(raw: string): string {
  return raw.normalize('NFC').replace(/[\s\u00a0]+/gu, ' ').trim();
}

/** Length as a person counts it: code points, so an emoji or an Arabic letter is one. */
export function textLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Message keys the kiosk translates; the contract puts one on each bad field. */
export type TextProblem = 'required' | 'tooLong' | 'controlChars' | 'malformed';

export function textProblem(raw: string, max: number, required: boolean): TextProblem | null {
  if (!raw.isWellFormed()) return 'malformed';
  if (FORBIDDEN.test(raw.replace(/[\r\n\t]/g, ' '))) return 'controlChars';
  const t = tidyText(raw);
  // A name of only invisible characters (zero-width space, joiners, fillers) is as empty as spaces.
  if (required && t.replace(/\p{Default_Ignorable_Code_Point}/gu, '').trim().length === 0) return 'required';
  if (textLength(t) > max) return 'tooLong';
  return null;
}

/** A zod schema for one visitor-typed field: tidied, checked, with a message key. */
export function visitorText(max: number, opts: { required: boolean }) {
  return z
    .string({ error: 'required' })
    .superRefine((raw, ctx) => {
      // Cheap bound before the scan; one problem per field either way, always with its max.
      const p = raw.length > max * 4 + 64 ? 'tooLong' : textProblem(raw, max, opts.required);
      if (p) ctx.addIssue({ code: 'custom', message: p, params: { max } });
    })
    .transform(tidyText);
}

/** Key used to recognise a returning visitor by name: case- and spacing-blind. */
export function nameKey(name: string): string {
  return tidyText(name).normalize('NFKC').toLocaleLowerCase('und');
}

/** Key for an organisation's name, normalised the same way: a device-use approval is matched on
 *  name and organisation together (see core/exemptions/register.ts), and the office writes both keys. */
export function organisationKey(organisation: string): string {
  return nameKey(organisation);
}

/** "Jane Smith" → "Jane S." — what the kiosk may show to whoever stands at it. */
export function maskName(name: string): string {
  const parts = tidyText(name).split(' ').filter(Boolean);
  if (parts.length === 0) return '';
  const first = [...parts[0]!];
  const firstShown = first.length > 20 ? first.slice(0, 20).join('') + '…' : parts[0]!;
  if (parts.length === 1) return firstShown;
  const lastInitial = [...parts[parts.length - 1]!][0]!;
  return `${firstShown} ${lastInitial.toLocaleUpperCase()}.`;
}
