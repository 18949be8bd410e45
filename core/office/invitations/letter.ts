// The invitation as a letter (A4 PDF) for visitors without email or for the post: the same
// content as the email (compose.ts), with the sign-in code drawn as a QR code. Each paragraph is
// set in a font that can draw it (core/reports/pdf.ts). Arabic and Urdu letters are set right-
// aligned, and laid out word by word (rtlParagraph): pdfkit has no bidi algorithm, and a line
// mixing Arabic with Latin or digits (a time, the school's name, the hash) comes out jumbled
// when handed to it whole.
import QRCode from 'qrcode';
import { renderPdf, type Pdf, type PdfFonts } from '../../reports/pdf.js';
import type { InvitationContent } from './compose.js';

const LEFT = 56;

export function invitationLetter(c: InvitationContent, at: Date): Buffer {
  const w = c.words;
  // The title is also each page's footer, set in the default font: the school's name only.
  return renderPdf({ title: c.school, at }, (pdf, fonts) => {
    const width = pdf.page.width - 2 * LEFT;
    const para = (text: string, size = 11, bold = false, gap = 0.3) => {
      if (c.rtl) rtlParagraph(pdf, fonts, text, LEFT, width, size, bold);
      else ltrParagraph(pdf, fonts, text, LEFT, width, size, bold);
      pdf.moveDown(gap);
    };
    const heading = (text: string) => {
      ensureRoom(pdf, 60);
      pdf.moveDown(0.4);
      para(text, 13, true, 0.2);
    };
    para(c.school, 18, true, 0.6);
    para(w.hello(c.visitorName), 11, false, 0.4);
    para(w.expected(c.school, c.dateText, c.time, c.host), 12, true, 0.4);

    heading(w.bringHeading);
    para(`• ${c.professional ? w.bringId : w.bringNothing}`);

    heading(w.phoneHeading(c.policy.version));
    para(c.policy.title, 11, true);
    for (const p of c.policy.points) {
      ensureRoom(pdf, 30);
      para(`• ${p}`, 10.5);
    }
    fonts.regular();
    para(`${w.fingerprint}: ${c.policy.textHash}`, 7.5);

    heading(w.placesHeading);
    if (c.places.length === 0) para(w.noPlaces);
    for (const p of c.places) para(`• ${p}`);

    ensureRoom(pdf, 200);
    heading(w.codeHeading);
    const qrTop = pdf.y;
    const size = drawQr(pdf, c.code, c.rtl ? pdf.page.width - LEFT - 130 : LEFT, qrTop, 130);
    pdf.y = qrTop;
    const textX = c.rtl ? LEFT : LEFT + size + 20;
    fonts.bold();
    pdf.fontSize(20).fillColor('#000').text(c.code, textX, qrTop + 20, { width: width - size - 20, align: c.rtl ? 'right' : 'left' });
    pdf.y += 6;
    if (c.rtl) rtlParagraph(pdf, fonts, w.codeHelp, textX, width - size - 20, 11, false);
    else ltrParagraph(pdf, fonts, w.codeHelp, textX, width - size - 20, 11, false);
    pdf.y = qrTop + size + 16;
    para(w.atKiosk, 10);
  });
}

/**
 * A left-to-right paragraph whose words may need different fonts (a Bengali sentence with the
 * school's name in Latin letters, or a visitor's name in Arabic): each word is set in a font
 * that can draw it, and pdfkit wraps the pieces as one paragraph (`continued`).
 */
function ltrParagraph(pdf: Pdf, fonts: PdfFonts, text: string, x: number, width: number, size: number, bold: boolean): void {
  const words = text.split(/\s+/).filter(Boolean);
  pdf.fontSize(size).fillColor('#000');
  if (words.length === 0) return;
  // Pieces: a word split where it changes between plain ASCII and other letters ("Reception-এ"),
  // since a font for one script may lack the other's letters.
  const pieces = words.flatMap((word, i) => {
    const parts = word.match(/[\x00-\x7e]+|[^\x00-\x7e]+/g) ?? [word];
    if (i < words.length - 1) parts[parts.length - 1] += ' ';
    return parts;
  });
  pieces.forEach((piece, i) => {
    const last = i === pieces.length - 1;
    fonts.for(piece, bold);
    if (i === 0) pdf.text(piece, x, pdf.y, { width, continued: !last });
    else pdf.text(piece, { continued: !last });
  });
}

const MIRROR: Record<string, string> = { '(': ')', ')': '(', '[': ']', ']': '[' };
const RTL_CHAR = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/;

/**
 * A right-to-left paragraph, wrapped to `width` and set right-aligned, word by word: words are
 * placed from the right edge leftwards in reading order; a run of words with no right-to-left
 * letter (a time, a name in Latin letters, a hash) is kept together and reads left to right
 * inside the line, as the Unicode bidi algorithm would place it. Each word is shaped by fontkit
 * on its own, which joins Arabic letters correctly.
 */
function rtlParagraph(pdf: Pdf, fonts: PdfFonts, text: string, x: number, width: number, size: number, bold: boolean): void {
  pdf.fontSize(size).fillColor('#000');
  const measure = (word: string) => {
    fonts.for(word, bold);
    return pdf.widthOfString(word);
  };
  fonts.regular();
  const space = pdf.widthOfString(' ');
  // The tallest font used sets the line height (Urdu's Nastaliq needs far more than Latin).
  let lineHeight = pdf.currentLineHeight(true);
  const words = text.split(/\s+/).filter(Boolean).map((w) => {
    const width = measure(w);
    lineHeight = Math.max(lineHeight, pdf.currentLineHeight(true));
    return { w, width };
  });
  const lines: (typeof words)[] = [];
  let line: typeof words = [];
  let used = 0;
  for (const word of words) {
    if (line.length && used + space + word.width > width) {
      lines.push(line);
      line = [];
      used = 0;
    }
    used += (line.length ? space : 0) + word.width;
    line.push(word);
  }
  if (line.length) lines.push(line);
  for (const l of lines) {
    ensureRoom(pdf, lineHeight);
    const y = pdf.y;
    // Runs: each right-to-left word alone, consecutive left-to-right words together; a bracket
    // at a word's start or end is a run of its own, glued to its word, placed in right-to-left
    // order and mirrored (Unicode's bidi mirroring), so "(الإصدار 2)" reads as it should.
    const runs: { text: string; glued: boolean; bracket: boolean }[] = [];
    for (const word of l) {
      const m = /^([(\[]*)(.*?)([)\]][)\].,:;،؛!?]*)?$/s.exec(word.w)!;
      let [lead, core, trail] = [m[1]!, m[2]!, m[3] ?? ''];
      // "(SHA-256):" holds both its brackets and no right-to-left letter: it stays one word.
      if (lead && trail && !RTL_CHAR.test(core)) [lead, core, trail] = ['', word.w, ''];
      [...lead].forEach((b, i) => runs.push({ text: MIRROR[b]!, glued: i > 0, bracket: true }));
      const last = runs.at(-1);
      if (core && !RTL_CHAR.test(core) && !lead && last && !last.bracket && !RTL_CHAR.test(last.text)) last.text += ` ${core}`;
      else if (core) runs.push({ text: core, glued: lead.length > 0, bracket: false });
      [...trail].forEach((b) => runs.push({ text: MIRROR[b] ?? b, glued: true, bracket: true }));
    }
    let right = x + width;
    runs.forEach((r, i) => {
      if (i > 0 && !r.glued) right -= space;
      fonts.for(r.text, bold);
      right -= pdf.widthOfString(r.text);
      pdf.text(r.text, right, y, { lineBreak: false });
    });
    pdf.x = x;
    pdf.y = y + lineHeight;
  }
}

function ensureRoom(pdf: Pdf, h: number): void {
  if (pdf.y + h > pdf.page.height - 60) pdf.addPage();
}

/** The code as a QR symbol (black squares on white, a quiet zone of 4 modules). Returns its size. */
function drawQr(pdf: Pdf, code: string, x: number, y: number, size: number): number {
  const { modules } = QRCode.create(code, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / (n + 8);
  pdf.save().fillColor('#000');
  for (let r = 0; r < n; r++) for (let col = 0; col < n; col++) if (modules.get(r, col)) pdf.rect(x + (col + 4) * cell, y + (r + 4) * cell, cell, cell);
  pdf.fill().restore();
  return size;
}
