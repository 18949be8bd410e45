// Fonts for drawing text as an image (names in scripts no code page holds) and for previews.
// resvg draws a box ("tofu") for a character no loaded font has, so before drawing we read the
// fonts' character maps (cmap) and let the layout fall back when a script has no font here.
// A word drawn in two fonts loses its joined letters (Arabic, Bengali), so each text is drawn
// in one font that has all its letters: DejaVu Sans when it can, else the first that can.
import fs from 'node:fs';
import path from 'node:path';

/** Where to look for fonts. DejaVu (fonts-dejavu-core) covers Latin, Greek, Cyrillic, Armenian,
 *  Georgian, Hebrew and most Arabic; Bengali, Gurmukhi, Devanagari, Urdu's extra letters or CJK
 *  need another font (e.g. fonts-noto-core, fonts-noto-cjk) in one of these folders, or
 *  passed to useFontFiles(). */
const FONT_DIRS = ['/usr/share/fonts', '/usr/local/share/fonts', 'C:\\Windows\\Fonts', '/Library/Fonts', '/System/Library/Fonts'];

/** Families the layouts ask for: a proportional sans for drawn text, a monospace for the preview
 *  of the printer's own font. */
export const SANS = 'DejaVu Sans';
export const MONO = 'DejaVu Sans Mono';
const BASE = /DejaVuSans(-Bold)?\.ttf$|DejaVuSansMono(-Bold)?\.ttf$/;

/** Which font fills a gap first: plain sans faces before display, serif or decorative ones. */
function preference(file: string): number {
  const name = path.basename(file);
  if (BASE.test(name)) return 0;
  if (/^NotoSans[A-Z]\w*-(Regular|Bold)\.ttf$/.test(name) && !/Mono|Display|Condensed/.test(name)) return 1;
  if (/-(Regular|Bold)\.(ttf|otf)$/.test(name)) return 2;
  return 3;
}

type Font = { file: string; family: string; chars: ReadonlySet<number> };

let fonts: Font[] | null = null;

/** Use exactly these font files (e.g. fonts bundled with the app), or null to search the system again. */
export function useFontFiles(files: readonly string[] | null): void {
  fonts = files === null ? null : load([...files]);
}

function load(files: string[]): Font[] {
  files.sort((a, b) => preference(a) - preference(b) || a.localeCompare(b));
  return files.flatMap((file) => {
    const f = readFont(file);
    return f && f.chars.size > 0 ? [{ file, ...f }] : [];
  });
}

function loadFonts(): Font[] {
  if (fonts) return fonts;
  const files: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && depth < 4) walk(p, depth + 1);
      else if (/\.(ttf|otf)$/i.test(e.name)) files.push(p);
    }
  };
  for (const d of FONT_DIRS) walk(d, 0);
  fonts = load(files);
  return fonts;
}

/** Characters that need no glyph of their own. */
const NO_GLYPH_NEEDED = /[\s\u200c\u200d]/u;
const needed = (text: string) => [...new Set([...text].filter((ch) => !NO_GLYPH_NEEDED.test(ch)).map((ch) => ch.codePointAt(0)!))];

/** Can the installed fonts draw every character of `text`? */
export function canDraw(text: string): boolean {
  const all = loadFonts();
  return all.length > 0 && needed(text).every((cp) => all.some((f) => f.chars.has(cp)));
}

/** The font to draw `text` in and the files resvg must load for it. Plain ASCII (our own
 *  words such as "Visiting: ") may come from DejaVu; every other letter from the one font. */
export function fontsFor(text: string): { families: string; files: string[] } {
  const all = loadFonts();
  const cps = needed(text);
  const others = cps.filter((cp) => cp > 0x7e);
  const primary = all.find((f) => others.every((cp) => f.chars.has(cp))) ?? all.find((f) => BASE.test(f.file));
  const files = new Set(all.filter((f) => BASE.test(f.file)).map((f) => f.file));
  const addFamily = (family: string) => all.filter((f) => f.family === family).forEach((f) => files.add(f.file));
  if (primary && !BASE.test(primary.file)) addFamily(primary.family);
  // Whatever the chosen font lacks is drawn by any font that has it, rather than as a box.
  for (const cp of cps) {
    if ([...files].some((file) => all.find((f) => f.file === file)?.chars.has(cp))) continue;
    const extra = all.find((f) => f.chars.has(cp));
    if (extra) addFamily(extra.family);
  }
  const family = primary?.family ?? SANS;
  return { families: family === SANS ? `'${SANS}'` : `'${family}', '${SANS}'`, files: [...files] };
}

/** One font file that can draw every non-ASCII letter of `text` (for PDF reports, which set
 *  a run of text in a single font), in bold when the family has it; null when none can. */
export function fontFileFor(text: string, bold: boolean): string | null {
  const all = loadFonts();
  const others = needed(text).filter((cp) => cp > 0x7e);
  const primary = all.find((f) => others.every((cp) => f.chars.has(cp)) && !/Mono/.test(f.file));
  if (!primary) return null;
  const family = all.filter((f) => f.family === primary.family && !/Mono|Oblique|Italic|Condensed|Light/.test(f.file));
  const pick = family.find((f) => /Bold/.test(f.file) === bold) ?? primary;
  return pick.file;
}

/** The font files to load for `text` (see fontsFor). */
export function fontFilesFor(text: string): string[] {
  return fontsFor(text).files;
}

/** Family name and the code points a TrueType/OpenType font maps to glyphs (cmap formats 4 and 12). */
export function readFont(file: string): { family: string; chars: Set<number> } | null {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch {
    return null;
  }
  try {
    const tables = new Map<string, number>();
    for (let i = 0; i < buf.readUInt16BE(4); i++) {
      const rec = 12 + i * 16;
      tables.set(buf.toString('latin1', rec, rec + 4), buf.readUInt32BE(rec + 8));
    }
    const cmap = tables.get('cmap');
    const name = tables.get('name');
    if (cmap === undefined || name === undefined) return null;
    return { family: familyName(buf, name) ?? path.basename(file), chars: cmapChars(buf, cmap) };
  } catch {
    return null; // a damaged or unusual font covers nothing rather than failing a badge
  }
}

/** The family name as font matchers see it: typographic family (16) if given, else family (1). */
function familyName(buf: Buffer, at: number): string | null {
  const count = buf.readUInt16BE(at + 2);
  const strings = at + buf.readUInt16BE(at + 4);
  const found = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    const rec = at + 6 + i * 12;
    const [platform, encoding, language, id, length, offset] = [0, 2, 4, 6, 8, 10].map((k) => buf.readUInt16BE(rec + k)) as [number, number, number, number, number, number];
    if ((id !== 1 && id !== 16) || found.has(id)) continue;
    const raw = buf.subarray(strings + offset, strings + offset + length);
    if (platform === 3 && (encoding === 1 || encoding === 0) && language === 0x409)
      found.set(id, Buffer.from(raw.subarray(0, length & ~1)).swap16().toString('utf16le')); // a copy: swap16 works in place
    else if (platform === 1 && encoding === 0) found.set(id, raw.toString('latin1'));
  }
  return found.get(16) ?? found.get(1) ?? null;
}

function cmapChars(buf: Buffer, cmap: number): Set<number> {
  const out = new Set<number>();
  const subtables: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    subtables.push({ platform: buf.readUInt16BE(rec), encoding: buf.readUInt16BE(rec + 2), offset: cmap + buf.readUInt32BE(rec + 4) });
  }
  // Prefer the full-Unicode table (format 12); the BMP table (format 4) otherwise.
  const unicode = subtables.filter((s) => s.platform === 0 || (s.platform === 3 && (s.encoding === 1 || s.encoding === 10)));
  const f12 = unicode.find((s) => buf.readUInt16BE(s.offset) === 12);
  const f4 = unicode.find((s) => buf.readUInt16BE(s.offset) === 4);
  if (f12) readFormat12(buf, f12.offset, out);
  else if (f4) readFormat4(buf, f4.offset, out);
  return out;
}

function readFormat12(buf: Buffer, at: number, out: Set<number>): void {
  const groups = buf.readUInt32BE(at + 12);
  for (let g = 0; g < groups; g++) {
    const rec = at + 16 + g * 12;
    const start = buf.readUInt32BE(rec);
    const end = Math.min(buf.readUInt32BE(rec + 4), 0x10ffff);
    const glyph = buf.readUInt32BE(rec + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) out.add(c);
  }
}

function readFormat4(buf: Buffer, at: number, out: Set<number>): void {
  const segs = buf.readUInt16BE(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + segs * 2 + 2;
  const deltas = starts + segs * 2;
  const ranges = deltas + segs * 2;
  for (let s = 0; s < segs; s++) {
    const end = buf.readUInt16BE(ends + s * 2);
    const start = buf.readUInt16BE(starts + s * 2);
    const delta = buf.readInt16BE(deltas + s * 2);
    const rangeOffset = buf.readUInt16BE(ranges + s * 2);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const g = buf.readUInt16BE(ranges + s * 2 + rangeOffset + (c - start) * 2);
        glyph = g === 0 ? 0 : (g + delta) & 0xffff;
      }
      if (glyph !== 0) out.add(c);
    }
  }
}
