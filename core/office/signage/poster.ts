// A poster from the live policy, as a one-page PDF (A4 or A3): large type, black on white,
// right-to-left languages set right-aligned. Everything is measured first and the type scaled
// down just enough that nothing falls off the page, whatever the language or list length.
// Right-to-left lines hold only right-to-left words: the school's own words (places, names),
// the phone line and the version code get lines of their own, set left to right.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderPdf, type Pdf, type PdfFonts } from '../../reports/pdf.js';
import { RTL_LANGUAGES, type Language } from '../../../shared/domain.js';
import type { PosterSize, PosterSpec } from '../../../shared/signage.js';
import type { PosterContent } from './content.js';
import { NSPCC_LINE, POSTER_WORDS, type PosterWords } from './wording.js';

type Block = { text: string; size: number; bold?: boolean; rtl?: boolean; gapBefore?: number; band?: boolean; rule?: boolean };

const PAGE: Record<PosterSize, [number, number]> = { A4: [595.28, 841.89], A3: [841.89, 1190.55] };

/** Places in one paragraph, each kept whole on a line (no-break spaces inside a name). */
const list = (names: readonly string[]) => names.map((n) => n.replace(/ /g, '\u00a0')).join('  ·  ');

/** The poster's blocks at scale 1 (A4 points). */
function blocks(c: PosterContent, spec: Pick<PosterSpec, 'language' | 'second'>): Block[] {
  const langs: Language[] = spec.second ? [spec.language, spec.second] : [spec.language];
  const words = langs.map((l) => ({ l, w: POSTER_WORDS[l], rtl: RTL_LANGUAGES.has(l) }));
  const each = (pick: (w: PosterWords) => string, size: number, extra: Partial<Block> = {}, gapBefore = 0): Block[] =>
    words.map(({ w, rtl }, i) => ({ text: pick(w), size, rtl, ...extra, gapBefore: i === 0 ? gapBefore : 2 }));
  const out: Block[] = [];
  out.push(...each((w) => w.title, 30, { bold: true, band: true }));
  out.push({ text: c.site, size: 14, gapBefore: 6 });
  out.push(...each((w) => w.lockedAway, 20, { bold: true }, 14));

  out.push(...each((w) => w.approved, 17, { bold: true, rule: true }, 16));
  if (c.approved.length) out.push({ text: list(c.approved), size: 20, bold: true, gapBefore: 4 });
  else out.push(...each((w) => w.noApproved, 18, {}, 4));

  out.push(...each((w) => w.never, 17, { bold: true, rule: true }, 16));
  if (c.never.length) out.push({ text: list(c.never), size: 20, bold: true, gapBefore: 4 });

  out.push(...each((w) => w.dsls, 17, { bold: true, rule: true }, 16));
  if (c.dsls.length === 0) out.push(...each((w) => w.noDsls, 15, {}, 4));
  for (const d of c.dsls) {
    out.push({ text: d.name, size: 18, bold: true, gapBefore: 6 });
    out.push(...each((w) => (d.role === 'dsl' ? w.dsl : w.deputy), 13));
    if (d.contact) out.push({ text: d.contact, size: 13, gapBefore: 1 });
  }
  out.push(...each((w) => w.concern, 14, {}, 8));

  out.push(...each((w) => w.complaints, 14, { bold: true, rule: true }, 14));
  if (c.settings.complaints) out.push({ text: c.settings.complaints, size: 12, gapBefore: 2 });
  else out.push(...each((w) => w.complaintsDefault, 12, {}, 2));
  out.push(...each((w) => w.whistleblowing, 14, { bold: true }, 8));
  if (c.settings.whistleblowing) out.push({ text: c.settings.whistleblowing, size: 12, gapBefore: 2 });
  else out.push(...each((w) => w.whistleblowingDefault, 12, {}, 2), { text: NSPCC_LINE, size: 12, bold: true, gapBefore: 1 });

  out.push(...each((w) => w.version, 10, {}, 14));
  const codes = langs.map((l) => `${l} ${c.hashPrefixes[l] ?? ''}`).join(' · ');
  out.push({ text: `v${c.policyVersion} · ${codes}`, size: 10, gapBefore: 1 });
  return out;
}

const MARGIN = 36;
/** Type may grow this much past the design size when the poster has room (short lists). */
const MAX_SCALE = 1.3;

// pdfkit hands a whole line to fontkit, which shapes it in one direction and loses spaces
// between right-to-left words; so a right-to-left line is wrapped here and each word drawn on
// its own, from the right. fontkit reverses a word's glyphs but does not mirror brackets.
const MIRROR: Record<string, string> = { '(': ')', ')': '(', '«': '»', '»': '«', '[': ']', ']': '[' };
const mirrored = (word: string) => word.replace(/[()«»[\]]/g, (c) => MIRROR[c]!);

function rtlLines(doc: Pdf, text: string, width: number): string[][] {
  const space = doc.widthOfString(' ');
  const lines: string[][] = [];
  let line: string[] = [];
  let w = 0;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const ww = doc.widthOfString(word);
    if (line.length && w + space + ww > width) {
      lines.push(line);
      line = [];
      w = 0;
    }
    w += (line.length ? space : 0) + ww;
    line.push(word);
  }
  if (line.length) lines.push(line);
  return lines;
}

function blockHeight(doc: Pdf, b: Block, width: number): number {
  if (b.rtl) return rtlLines(doc, b.text, width).length * doc.currentLineHeight(true);
  return doc.heightOfString(b.text, { width, align: 'left' });
}

/** Draw a block's text at (x, y) in `width`; returns the y below it. */
function drawText(doc: Pdf, b: Block, x: number, y: number, width: number): number {
  if (!b.rtl) {
    doc.text(b.text, x, y, { width, align: 'left' });
    return doc.y;
  }
  const space = doc.widthOfString(' ');
  const lh = doc.currentLineHeight(true);
  for (const line of rtlLines(doc, b.text, width)) {
    let right = x + width;
    for (const word of line) {
      const ww = doc.widthOfString(word);
      doc.text(mirrored(word), right - ww, y, { lineBreak: false });
      right -= ww + space;
    }
    y += lh;
  }
  return y;
}

function measure(doc: Pdf, fonts: PdfFonts, bs: Block[], k: number, width: number): number {
  let h = 0;
  for (const b of bs) {
    fonts.for(b.text, b.bold);
    doc.fontSize(b.size * k);
    const pad = b.band ? 8 * k : 0;
    h += (b.gapBefore ?? 0) * k + blockHeight(doc, b, width - 2 * pad) + 2 * pad + (b.rule ? 3 * k : 0);
  }
  return h;
}

/** The poster as PDF bytes (one page). `at` fixes the file's dates, so the same poster gives the same bytes. */
export function posterPdf(c: PosterContent, spec: PosterSpec, at: Date): Buffer {
  const [W, H] = PAGE[spec.size];
  const bs = blocks(c, spec);
  return renderPosterPage({ title: `${POSTER_WORDS.en.title} – ${c.site} – v${c.policyVersion}`, at }, W, H, (doc, fonts) => {
    const unit = W / PAGE.A4[0]; // A3 is the A4 design, larger
    const width = W - 2 * MARGIN * unit;
    const room = H - 2 * MARGIN * unit;
    // The largest scale at which everything fits (to 1%): never cut off, as large as it can be.
    const fits = (scale: number) => measure(doc, fonts, bs, unit * scale, width) <= room;
    let s = MAX_SCALE;
    if (!fits(s)) {
      let lo = 0.3;
      let hi = MAX_SCALE;
      while (hi - lo > 0.01) {
        const mid = (lo + hi) / 2;
        if (fits(mid)) lo = mid;
        else hi = mid;
      }
      s = lo;
    }
    const k = unit * s;
    const x = MARGIN * unit;
    let y = MARGIN * unit;
    for (const b of bs) {
      y += (b.gapBefore ?? 0) * k;
      fonts.for(b.text, b.bold);
      doc.fontSize(b.size * k);
      if (b.band) {
        const pad = 8 * k;
        const h = blockHeight(doc, b, width - 2 * pad) + 2 * pad;
        doc.rect(x, y, width, h).fill('#000');
        doc.fillColor('#fff');
        drawText(doc, b, x + pad, y + pad, width - 2 * pad);
        y += h;
        continue;
      }
      if (b.rule) {
        doc.moveTo(x, y).lineTo(x + width, y).lineWidth(1.5 * k).stroke('#000');
        y += 3 * k;
      }
      doc.fillColor('#000');
      y = drawText(doc, b, x, y, width);
    }
  });
}

/** renderPdf's one-page sibling: the page size is the poster's and there is no page footer. */
function renderPosterPage(meta: { title: string; at: Date }, W: number, H: number, draw: (doc: Pdf, fonts: PdfFonts) => void): Buffer {
  return renderPdf({ ...meta, size: [W, H], margin: 0, footer: false }, draw);
}

/** A PNG of the first page (pdftoppm, from poppler-utils), `dpi` dots per inch. */
export function posterPng(pdf: Buffer, dpi = 60): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'poster-'));
  try {
    const file = path.join(dir, 'poster.pdf');
    fs.writeFileSync(file, pdf);
    execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-singlefile', '-f', '1', '-l', '1', file, path.join(dir, 'page')], { timeout: 30_000 });
    return fs.readFileSync(path.join(dir, 'page.png'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
