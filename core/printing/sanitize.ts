// Text on its way to a thermal printer. Visitor input must reach the printer only as glyphs of
// the job's code page: a stray ESC or GS byte in a name would be obeyed as a command, and a
// character the page lacks makes node-thermal-printer switch pages behind our back (PRINTING.md).
// So: clean (controls, bidi marks, emoji out; NFC), pick the code page that shows the most of
// the badge, transliterate what it cannot show, and decide when a text is better drawn as an
// image from a font (names in Arabic, Bengali, Cyrillic…) than flattened to Latin letters.
import { codePageHas, PRINTER_CODE_PAGES, usableCodePage } from './codepages.js';
import type { CodePage, PrinterType } from './types.js';

const CONTROL = /\p{Cc}/gu;
/** Format characters (bidi embeddings/overrides/isolates and marks, BOM, soft hyphen, tags…)
 *  except the joiners ZWNJ/ZWJ, which Arabic and Indic scripts need to be drawn right. */
const FORMAT = /(?![\u200c\u200d])\p{Cf}/gu;
const PRIVATE_OR_UNASSIGNED = /[\p{Co}\p{Cn}\ufffd]/gu;
/** Emoji are dropped: no code page and no thermal printer font has them, and a '?' or a box
 *  on a badge helps nobody. ©, ® and ™ count as emoji in Unicode but are ordinary marks here. */
const EMOJI = /(?![©®™‼⁉])[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\ufe0e\ufe0f\u20e3]/gu;
/** A joiner left without a letter on both sides (after an emoji sequence lost its emoji). */
const LONELY_JOINER = /(?<![\p{L}\p{M}])[\u200c\u200d]|[\u200c\u200d](?![\p{L}\p{M}])/gu;
const SPACES = /[\s\p{Zs}\u2028\u2029]+/gu;

/** Printable, tidy text: NFC, no control/format/bidi characters, no emoji, single spaces.
 *  Still any script: use fitToCodePage before sending it as code-page text. */
export function cleanText(raw: string): string {
  return raw
    .toWellFormed()
    .normalize('NFC')
    .replace(/[\t\n\r\v\f\u0085]/g, ' ')
    .replace(CONTROL, '')
    .replace(FORMAT, '')
    .replace(PRIVATE_OR_UNASSIGNED, '')
    .replace(EMOJI, '')
    .replace(LONELY_JOINER, '')
    .replace(SPACES, ' ')
    .trim();
}

/** Letters and marks that do not decompose to a base letter, and punctuation with a plain form. */
const EXTRA: Readonly<Record<string, string>> = {
  Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ð: 'D', ð: 'd', Ħ: 'H', ħ: 'h', ı: 'i', Ŀ: 'L', ŀ: 'l',
  Ø: 'O', ø: 'o', Œ: 'OE', œ: 'oe', Æ: 'AE', æ: 'ae', ß: 'ss', ẞ: 'SS', Þ: 'Th', þ: 'th',
  Ŋ: 'Ng', ŋ: 'ng', ĸ: 'k', ſ: 's', Ŧ: 'T', ŧ: 't', Ĳ: 'IJ', ĳ: 'ij', ŉ: "'n",
  Ə: 'E', ə: 'e', Ǝ: 'E', ǝ: 'e', Ɛ: 'E', ɛ: 'e', Ɔ: 'O', ɔ: 'o', Ɲ: 'N', ɲ: 'n', Ɨ: 'I', ɨ: 'i',
  Ʉ: 'U', ʉ: 'u', Ɓ: 'B', ɓ: 'b', Ɗ: 'D', ɗ: 'd', Ƙ: 'K', ƙ: 'k', Ƴ: 'Y', ƴ: 'y', Ʒ: 'Z', ʒ: 'z',
  'ʻ': "'", 'ʼ': "'", 'ʽ': "'", 'ʾ': "'", 'ʿ': "'", 'ˈ': "'", '‘': "'", '’': "'", '‚': "'", '‛': "'",
  '′': "'", '´': "'", '“': '"', '”': '"', '„': '"', '‟': '"', '″': '"', '«': '<<', '»': '>>', '‹': '<', '›': '>',
  '‐': '-', '‑': '-', '‒': '-', '–': '-', '—': '-', '―': '-', '−': '-', '⁄': '/', '…': '...',
  '•': '*', '·': '.', '€': 'EUR', '£': 'GBP', '©': '(c)', '®': '(R)', '™': 'TM', '×': 'x', '÷': '/',
  '¿': '?', '¡': '!', '№': 'No', '°': 'o',
};

const CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A', Б: 'B', В: 'V', Г: 'G', Д: 'D', Е: 'E', Ё: 'Yo', Ж: 'Zh', З: 'Z', И: 'I', Й: 'Y', К: 'K',
  Л: 'L', М: 'M', Н: 'N', О: 'O', П: 'P', Р: 'R', С: 'S', Т: 'T', У: 'U', Ф: 'F', Х: 'Kh', Ц: 'Ts',
  Ч: 'Ch', Ш: 'Sh', Щ: 'Shch', Ъ: '', Ы: 'Y', Ь: '', Э: 'E', Ю: 'Yu', Я: 'Ya', Є: 'Ye', І: 'I', Ї: 'Yi',
  Ґ: 'G', Ў: 'U', Ђ: 'Dj', Ј: 'J', Љ: 'Lj', Њ: 'Nj', Ћ: 'C', Џ: 'Dz', Ѓ: 'Gj', Ќ: 'Kj', Ѕ: 'Dz',
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts',
  ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', є: 'ye', і: 'i', ї: 'yi',
  ґ: 'g', ў: 'u', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz', ѓ: 'gj', ќ: 'kj', ѕ: 'dz',
};
/** Ukrainian reads Г as H and И as Y; a text with і, ї, є or ґ is taken to be Ukrainian. */
const UKRAINIAN: Readonly<Record<string, string>> = { Г: 'H', г: 'h', И: 'Y', и: 'y' };
const UKRAINIAN_LETTERS = /[ІЇЄҐіїєґ]/u;

const GREEK: Readonly<Record<string, string>> = {
  Α: 'A', Β: 'V', Γ: 'G', Δ: 'D', Ε: 'E', Ζ: 'Z', Η: 'I', Θ: 'Th', Ι: 'I', Κ: 'K', Λ: 'L', Μ: 'M',
  Ν: 'N', Ξ: 'X', Ο: 'O', Π: 'P', Ρ: 'R', Σ: 'S', Τ: 'T', Υ: 'Y', Φ: 'F', Χ: 'Ch', Ψ: 'Ps', Ω: 'O',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
const GREEK_DIGRAPHS: readonly [RegExp, string][] = [
  [/Ο[ΥΎ]/gu, 'OU'], [/Ο[υύ]/gu, 'Ou'], [/ο[υύ]/gu, 'ou'],
];

/** Scripts we spell in Latin letters rather than leave out: a Greek α in PC437 would otherwise
 *  print between Latin letters as a lone Greek glyph. */
const TRANSLITERATED_SCRIPT = /[\p{Script=Cyrillic}\p{Script=Greek}]/u;

function fitChar(ch: string, cp: CodePage, table: Readonly<Record<string, string>>, depth: number): string {
  if (codePageHas(cp, ch) && !TRANSLITERATED_SCRIPT.test(ch)) return ch;
  if (depth > 3) return '';
  const mapped = EXTRA[ch] ?? table[ch] ?? GREEK[ch];
  if (mapped !== undefined) return [...mapped].map((c) => fitChar(c, cp, table, depth + 1)).join('');
  // Accents come off (ő → o, ệ → e); compatibility forms become plain (ﬁ → fi, Ａ → A, ² → 2).
  const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (base !== '' && base !== ch) return [...base].map((c) => fitChar(c, cp, table, depth + 1)).join('');
  return ''; // nothing readable to put in its place: leave it out rather than print '?'
}

/** Text made of printable ASCII and characters of `cp` only: representable accents kept,
 *  the rest transliterated (Ł → L in PC858, ß stays, Олена → Olena), unknown symbols dropped. */
export function fitToCodePage(text: string, cp: CodePage): string {
  let t = cleanText(text);
  const table = UKRAINIAN_LETTERS.test(t) ? { ...CYRILLIC, ...UKRAINIAN } : CYRILLIC;
  for (const [re, to] of GREEK_DIGRAPHS) t = t.replace(re, to);
  let out = '';
  for (const ch of t) out += fitChar(ch, cp, table, 0);
  return out.replace(/ {2,}/g, ' ').trim();
}

/** The page for a whole job: the configured one (or its equivalent on this printer), unless
 *  another page the printer has can show more of the job's characters as they are — a Polish
 *  name on a PC858 printer gets PC852. One page per job: the library cannot switch safely. */
export function chooseCodePage(texts: readonly string[], configured: CodePage, type: PrinterType): CodePage {
  const chars: string[] = [];
  for (const t of texts)
    for (const ch of cleanText(t)) if (ch > '~' && !TRANSLITERATED_SCRIPT.test(ch)) chars.push(ch);
  const score = (cp: CodePage) => chars.filter((ch) => codePageHas(cp, ch)).length;
  let best = usableCodePage(configured, type);
  let bestScore = score(best);
  for (const cp of PRINTER_CODE_PAGES[type]) {
    const s = score(cp);
    if (s > bestScore) [best, bestScore] = [cp, s];
  }
  return best;
}

const SCRIPT_NAMES: readonly [RegExp, string][] = [
  [/\p{Script=Arabic}/u, 'Arabic'], [/\p{Script=Hebrew}/u, 'Hebrew'], [/\p{Script=Cyrillic}/u, 'Cyrillic'],
  [/\p{Script=Greek}/u, 'Greek'], [/\p{Script=Armenian}/u, 'Armenian'], [/\p{Script=Georgian}/u, 'Georgian'],
  [/\p{Script=Devanagari}/u, 'Devanagari'], [/\p{Script=Bengali}/u, 'Bengali'], [/\p{Script=Gurmukhi}/u, 'Gurmukhi'],
  [/\p{Script=Gujarati}/u, 'Gujarati'], [/\p{Script=Oriya}/u, 'Odia'], [/\p{Script=Tamil}/u, 'Tamil'],
  [/\p{Script=Telugu}/u, 'Telugu'], [/\p{Script=Kannada}/u, 'Kannada'], [/\p{Script=Malayalam}/u, 'Malayalam'],
  [/\p{Script=Sinhala}/u, 'Sinhala'], [/\p{Script=Thai}/u, 'Thai'], [/\p{Script=Lao}/u, 'Lao'],
  [/\p{Script=Khmer}/u, 'Khmer'], [/\p{Script=Myanmar}/u, 'Burmese'], [/\p{Script=Tibetan}/u, 'Tibetan'],
  [/\p{Script=Ethiopic}/u, 'Ethiopic'], [/[\p{Script=Hiragana}\p{Script=Katakana}]/u, 'Japanese'],
  [/\p{Script=Hangul}/u, 'Korean'], [/\p{Script=Han}/u, 'Chinese'], [/\p{Script=Syriac}/u, 'Syriac'],
  [/\p{Script=Thaana}/u, 'Thaana'], [/\p{Script=Mongolian}/u, 'Mongolian'],
];

/** The script a text is mostly written in when that is not Latin (null for Latin or no letters).
 *  Kana with Han is Japanese. */
export function nonLatinScript(text: string): string | null {
  let latin = 0;
  const other = new Map<string, number>();
  for (const ch of text) {
    if (!/\p{L}/u.test(ch)) continue;
    if (/\p{Script=Latin}/u.test(ch)) {
      latin++;
      continue;
    }
    const name = SCRIPT_NAMES.find(([re]) => re.test(ch))?.[1] ?? 'non-Latin';
    other.set(name, (other.get(name) ?? 0) + 1);
  }
  if (other.has('Japanese') && other.has('Chinese')) {
    other.set('Japanese', other.get('Japanese')! + other.get('Chinese')!);
    other.delete('Chinese');
  }
  const total = [...other.values()].reduce((a, b) => a + b, 0);
  if (total === 0 || total <= latin) return null;
  return [...other.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

/** How one piece of text goes on paper:
 *  - text: code-page text (already fitted);
 *  - image: drawn from a font in its own script; `latin` is a transliteration to print under it;
 *  - unprintable: no code page and no installed font can show it; say which script it was. */
export type TextPlan =
  | { kind: 'text'; text: string }
  | { kind: 'image'; text: string; latin: string | null }
  | { kind: 'unprintable'; script: string; text: string };

export function planText(raw: string, cp: CodePage, canDraw: (text: string) => boolean): TextPlan {
  const clean = cleanText(raw);
  const script = nonLatinScript(clean);
  if (script === null) return { kind: 'text', text: fitToCodePage(clean, cp) };
  const latin = script === 'Cyrillic' || script === 'Greek' ? fitToCodePage(clean, cp) : null;
  if (canDraw(clean)) return { kind: 'image', text: clean, latin };
  if (latin !== null) return { kind: 'text', text: latin };
  return { kind: 'unprintable', script, text: fitToCodePage(clean, cp) };
}
