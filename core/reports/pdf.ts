// Printable reports (fire roll call, subject-access export) as PDF, with pdfkit. Text is set
// in DejaVu Sans when it has every letter, else in the first system font that does (Noto for
// Bengali, Gurmukhi, …: see core/printing/fonts.ts), so a name prints in its own script.
// pdfkit does not reorder right-to-left text: Arabic and Urdu names keep their letters but are
// laid out left to right; the printed badge and the screens handle direction properly.
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { fontFileFor } from '../printing/fonts.js';

export type Pdf = InstanceType<typeof PDFDocument>;

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const DEJAVU_BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** Build a PDF in memory, synchronously: pdfkit is a readable stream that buffers what it
 *  writes until read, so after end() the whole file can be read at once (the core's handlers
 *  are synchronous). Dates in the metadata are fixed by `at`: the same input gives the same bytes. */
export function renderPdf(
  meta: { title: string; at: Date; size?: [number, number]; margin?: number; footer?: boolean },
  draw: (doc: Pdf, fonts: PdfFonts) => void,
): Buffer {
  const doc = new PDFDocument({ size: meta.size ?? 'A4', margin: meta.margin ?? 40, info: { Title: meta.title, Creator: 'phone-safe-kiosk', CreationDate: meta.at, ModDate: meta.at }, bufferPages: true });
  const fonts = new PdfFonts(doc);
  draw(doc, fonts);
  // Page numbers last, when the page count is known (not on posters: footer false).
  const range = doc.bufferedPageRange();
  for (let i = range.start; meta.footer !== false && i < range.start + range.count; i++) {
    doc.switchToPage(i);
    fonts.regular();
    doc.page.margins.bottom = 0; // writing inside the bottom margin would otherwise start a new page
    doc.fontSize(8).fillColor('#444').text(`${meta.title} · page ${i + 1} of ${range.count}`, 40, doc.page.height - 30, { width: doc.page.width - 80, align: 'center', lineBreak: false });
  }
  doc.end();
  const chunks: Buffer[] = [];
  for (let c: Buffer | null; (c = doc.read() as Buffer | null) !== null; ) chunks.push(c);
  return Buffer.concat(chunks);
}

/** Chooses a font per piece of text: DejaVu when it can draw it, else a system font that can. */
export class PdfFonts {
  private readonly registered = new Set<string>();
  private readonly chosen = new Map<string, string | null>();
  private readonly hasDejaVu: boolean;
  constructor(private readonly doc: Pdf) {
    this.hasDejaVu = fileExists(DEJAVU);
  }
  regular(): Pdf {
    return this.doc.font(this.hasDejaVu ? DEJAVU : 'Helvetica');
  }
  bold(): Pdf {
    return this.doc.font(this.hasDejaVu && fileExists(DEJAVU_BOLD) ? DEJAVU_BOLD : this.hasDejaVu ? DEJAVU : 'Helvetica-Bold');
  }
  /** Set a font that can draw `text` (bold where the font family has it). */
  for(text: string, bold = false): Pdf {
    // Most text is plain ASCII: DejaVu has it all, no need to search the fonts' maps.
    if (!/[^\x00-\x7e]/.test(text)) return bold ? this.bold() : this.regular();
    const key = `${bold ? 'b' : 'r'}${[...new Set(text)].filter((c) => c > '\x7e').sort().join('')}`;
    let chosen = this.chosen.get(key);
    if (chosen === undefined) this.chosen.set(key, (chosen = fontFileFor(text, bold)));
    if (!chosen || /DejaVuSans(-Bold)?\.ttf$/.test(chosen)) return bold ? this.bold() : this.regular();
    if (!this.registered.has(chosen)) {
      this.doc.registerFont(chosen, chosen);
      this.registered.add(chosen);
    }
    return this.doc.font(chosen);
  }
}

const exists = new Map<string, boolean>();
function fileExists(f: string): boolean {
  let e = exists.get(f);
  if (e === undefined) exists.set(f, (e = fs.existsSync(f)));
  return e;
}
