// Building blocks for the office's PDFs (evidence, review pack, subject access): sections, headed
// blocks and label/value rows, each piece of text in a font that can draw it (pdf.ts).
import type { Pdf, PdfFonts } from './pdf.js';

export const LEFT = 40;
export const LABEL_W = 150;

export function when(iso: string | null, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function ensureRoom(pdf: Pdf, h: number): void {
  if (pdf.y + h > pdf.page.height - 60) pdf.addPage();
}

export function title(pdf: Pdf, fonts: PdfFonts, text: string, sub: string): void {
  const width = pdf.page.width - 2 * LEFT;
  fonts.for(text, true);
  pdf.fontSize(18).fillColor('#000').text(text, LEFT, pdf.y, { width });
  fonts.for(sub);
  pdf.fontSize(10).text(sub, LEFT, pdf.y, { width });
}

export function section(pdf: Pdf, fonts: PdfFonts, text: string): void {
  ensureRoom(pdf, 60);
  pdf.moveDown(1);
  fonts.bold();
  pdf.fontSize(14).fillColor('#000').text(text, LEFT, pdf.y);
  pdf.moveTo(LEFT, pdf.y + 2).lineTo(pdf.page.width - LEFT, pdf.y + 2).lineWidth(1).stroke('#000');
  pdf.moveDown(0.5);
}

export function para(pdf: Pdf, fonts: PdfFonts, text: string): void {
  ensureRoom(pdf, 20);
  fonts.for(text);
  pdf.fontSize(10).fillColor('#000').text(text, LEFT, pdf.y, { width: pdf.page.width - 2 * LEFT });
}

export function heading(pdf: Pdf, fonts: PdfFonts, text: string): void {
  ensureRoom(pdf, 80);
  pdf.moveDown(0.4);
  fonts.for(text, true);
  pdf.fontSize(11).fillColor('#000').text(text, LEFT, pdf.y, { width: pdf.page.width - 2 * LEFT });
}

export function row(pdf: Pdf, fonts: PdfFonts, label: string, value: string, size = 10): void {
  const valueW = pdf.page.width - 2 * LEFT - LABEL_W;
  const shown = value === '' ? '—' : value;
  fonts.for(shown);
  const h = Math.max(pdf.fontSize(size).heightOfString(shown, { width: valueW }), 12);
  ensureRoom(pdf, h);
  const y = pdf.y;
  fonts.regular();
  pdf.fontSize(9).fillColor('#444').text(label, LEFT, y, { width: LABEL_W - 8 });
  fonts.for(shown);
  pdf.fontSize(size).fillColor('#000').text(shown, LEFT + LABEL_W, y, { width: valueW });
  pdf.y = y + h + 2;
}
