// The printer's state while it reads a job (character style, alignment, line buffer, code page,
// stored QR data) and the paper it produces. Command tables call these methods; nothing here
// knows command bytes. Behaviour follows the printers' manuals where it matters for badges:
// text waits in a line buffer until a line feed, lines wrap when full, ESC @ throws the buffer away.
import type { Align } from '../types.js';
import { charForByte, pageForNumber, type ActiveCodePage } from './codePages.js';
import { hex, type DecodedDocument, type PrintedItem, type PrinterModel, type TextRun, type TextStyle } from './document.js';

/** Font A is 12×24 dots on both printers; font B is Epson's 9×17 (Star's 9×24 is laid out the same, close enough). */
export const CELL = { A: { w: 12, h: 24 }, B: { w: 9, h: 17 } } as const;
/** Default line feed: Epson 1/6 inch (30 dots), Star 4 mm (32 dots at 8 dots/mm). */
const DEFAULT_SPACING: Record<PrinterModel, number> = { epson: 30, star: 32 };
/** Default tab stops: every 8 characters of font A. */
const TAB_DOTS = 8 * CELL.A.w;

type Line = { runs: TextRun[]; usedDots: number; align: Align; offset: number };
type QrState = { model: 1 | 2 | 3; cellSize: number; ecc: 'L' | 'M' | 'Q' | 'H'; data: Uint8Array | null };
type Band = { offset: number; bytesPerRow: number; rows: Uint8Array };

const defaultStyle = (): Omit<TextStyle, 'codePage'> => ({ bold: false, underline: 0, invert: false, width: 1, height: 1, font: 'A', upsideDown: false });

export class PrintHead {
  readonly doc: DecodedDocument;
  style: TextStyle;
  align: Align = 'left';
  lineSpacing: number;
  qr: QrState;
  /** Other 2D symbols' stored data, keyed by symbology. */
  readonly stored = new Map<string, Uint8Array>();
  private line: Line;
  private band: Band | null = null;
  /** The last item is a Star band image that the next band may continue without a gap. */
  private bandContinues = false;

  constructor(readonly model: PrinterModel, dotWidth: number) {
    this.doc = { model, dotWidth, byteLength: 0, items: [], commands: [], unknown: [], statusQueries: [], pulses: [], warnings: [], unprinted: [] };
    this.style = { ...defaultStyle(), codePage: pageForNumber(model, 0) };
    this.lineSpacing = DEFAULT_SPACING[model];
    this.qr = this.defaultQr();
    this.line = this.emptyLine(0);
  }

  /** Power-on QR settings, the same on both printers: model 2, 3-dot cells, level L. */
  private defaultQr(): QrState {
    return { model: 2, cellSize: 3, ecc: 'L', data: null };
  }

  private emptyLine(offset: number): Line {
    return { runs: [], usedDots: 0, align: this.align, offset };
  }

  get lineIsEmpty(): boolean {
    return this.line.runs.length === 0 && this.band === null;
  }

  warn(offset: number, message: string): void {
    this.doc.warnings.push({ offset, message });
  }

  statusQuery(offset: number, command: string, n: number): void {
    this.doc.statusQueries.push({ offset, command, n });
  }

  pulse(offset: number, command: string, raw: Uint8Array): void {
    this.doc.pulses.push({ offset, command, bytes: hex(raw) });
  }

  private push(item: PrintedItem): void {
    if (item.kind !== 'image' || item.command !== 'ESC k') this.bandContinues = false;
    this.doc.items.push(item);
  }

  // ---- state ---------------------------------------------------------------------------

  /** ESC @: clear the line buffer and return every setting to its power-on value. */
  initialize(offset: number): void {
    if (!this.lineIsEmpty) this.warn(offset, `initialize discarded unprinted text ${JSON.stringify(this.lineText())} (no line feed before ESC @)`);
    this.line = { runs: [], usedDots: 0, align: 'left', offset };
    this.band = null;
    this.style = { ...defaultStyle(), codePage: pageForNumber(this.model, 0) };
    this.align = 'left';
    this.lineSpacing = DEFAULT_SPACING[this.model];
    this.qr = this.defaultQr();
  }

  /** Alignment only takes effect at the start of a line (ESC/POS manual); mid-line it is ignored. */
  setAlign(align: Align, offset: number): string | undefined {
    if (!this.lineIsEmpty) {
      this.warn(offset, `alignment ${align} ignored: not at the beginning of a line`);
      return 'ignored mid-line';
    }
    this.align = align;
    this.line.align = align;
    return undefined;
  }

  setStyle(change: Partial<Omit<TextStyle, 'codePage'>>): void {
    this.style = { ...this.style, ...change };
  }

  setCodePage(n: number, offset: number): string {
    const page = pageForNumber(this.model, n);
    if (page.startsWith('unsupported:')) this.warn(offset, `code page ${n} selected: no table for it, its characters decode as U+FFFD`);
    this.style = { ...this.style, codePage: page };
    return page;
  }

  get codePage(): ActiveCodePage {
    return this.style.codePage;
  }

  // ---- text ----------------------------------------------------------------------------

  private lineText(): string {
    return this.line.runs.map((r) => r.text).join('');
  }

  private charDots(): number {
    return CELL[this.style.font].w * this.style.width;
  }

  /** One printable byte. Returns false when the byte has no character in the active page. */
  printByte(byte: number, offset: number): boolean {
    const ch = charForByte(this.style.codePage, byte);
    this.printChar(ch ?? '\ufffd', offset);
    return ch !== null;
  }

  printChar(ch: string, offset: number): void {
    const w = this.charDots();
    // A full line buffer prints itself and the character starts the next line.
    if (this.line.usedDots + w > this.doc.dotWidth && !this.lineIsEmpty) this.printLine(offset, true);
    if (this.line.runs.length === 0 && this.band === null) {
      this.line.offset = offset;
      this.line.align = this.align;
    }
    const last = this.line.runs.at(-1);
    const { codePage, ...style } = this.style;
    if (last && sameStyle(last, this.style)) last.text += ch;
    else this.line.runs.push({ text: ch, offset, ...style, codePage });
    this.line.usedDots += w;
  }

  /** HT: spaces up to the next tab stop (every 8 font-A characters). */
  tab(offset: number): void {
    const target = (Math.floor(this.line.usedDots / TAB_DOTS) + 1) * TAB_DOTS;
    if (target > this.doc.dotWidth) return;
    while (this.line.usedDots < target) this.printChar(' ', offset);
  }

  private cellHeight(runs: readonly TextRun[]): number {
    return Math.max(0, ...runs.map((r) => CELL[r.font].h * r.height));
  }

  /** Print the line buffer. A bare line feed prints a blank line; `feedDots` replaces the line spacing. */
  printLine(offset: number, wrapped = false, feedDots?: number): void {
    const hadBand = this.band !== null;
    if (hadBand) this.printBand(feedDots);
    const runs = this.line.runs;
    if (runs.length > 0 || !hadBand) {
      const heightDots = feedDots ?? Math.max(this.lineSpacing, this.cellHeight(runs));
      this.push({ kind: 'text', offset: runs.length > 0 ? this.line.offset : offset, align: this.line.align, runs, text: runs.map((r) => r.text).join(''), wrapped, heightDots });
    }
    this.line = this.emptyLine(offset);
  }

  /** Flush text before something that prints on its own (image, QR, cut). */
  private flushBefore(what: string, offset: number): void {
    if (this.lineIsEmpty) return;
    this.warn(offset, `${what} while text ${JSON.stringify(this.lineText())} waited for a line feed; printed it first`);
    this.printLine(offset);
  }

  // ---- paper movement ------------------------------------------------------------------

  feedLines(n: number, offset: number, command: string): void {
    if (!this.lineIsEmpty) {
      this.printLine(offset);
      n -= 1;
    }
    if (n > 0) this.push({ kind: 'feed', offset, dots: n * this.lineSpacing, command });
  }

  feedDots(dots: number, offset: number, command: string): void {
    if (!this.lineIsEmpty) this.printLine(offset, false, Math.max(dots, this.cellHeight(this.line.runs)));
    else if (dots > 0) this.push({ kind: 'feed', offset, dots, command });
  }

  cut(partial: boolean, offset: number, command: string, mustBeAtLineStart: boolean): string | undefined {
    if (!this.lineIsEmpty) {
      if (mustBeAtLineStart) {
        this.warn(offset, `cut ignored: not at the beginning of a line (text ${JSON.stringify(this.lineText())} waits for a line feed)`);
        return 'ignored mid-line';
      }
      this.printLine(offset);
    }
    this.push({ kind: 'cut', offset, partial, command });
    return undefined;
  }

  // ---- images and symbols --------------------------------------------------------------

  /** GS v 0: a whole raster image, printed at once. */
  rasterImage(offset: number, bytesPerRow: number, heightDots: number, rows: Uint8Array): void {
    this.flushBefore('raster image', offset);
    const widthDots = Math.min(bytesPerRow * 8, this.doc.dotWidth);
    if (bytesPerRow * 8 > this.doc.dotWidth) this.warn(offset, `image ${bytesPerRow * 8} dots wide is cut to the ${this.doc.dotWidth}-dot print width`);
    this.push({ kind: 'image', offset, align: this.align, command: 'GS v 0', widthDots, heightDots, bytesPerRow, bitmap: Buffer.from(rows).toString('base64') });
  }

  /** Star ESC k: one 24-dot band into the line buffer; the next line feed prints it. */
  starBand(offset: number, bytesPerRow: number, rows: Uint8Array): void {
    if (this.line.runs.length > 0) this.warn(offset, 'image band on a line that already holds text');
    if (this.band) this.printBand();
    if (this.line.runs.length === 0) this.line.align = this.align;
    this.band = { offset, bytesPerRow, rows };
  }

  private printBand(feedDots?: number): void {
    const band = this.band;
    if (!band) return;
    this.band = null;
    const prev = this.doc.items.at(-1);
    const rows = band.rows;
    if (this.bandContinues && prev?.kind === 'image' && prev.command === 'ESC k' && prev.bytesPerRow === band.bytesPerRow) {
      prev.bitmap = Buffer.concat([Buffer.from(prev.bitmap, 'base64'), rows]).toString('base64');
      prev.heightDots += 24;
    } else {
      const widthDots = Math.min(band.bytesPerRow * 8, this.doc.dotWidth);
      this.push({ kind: 'image', offset: band.offset, align: this.line.align, command: 'ESC k', widthDots, heightDots: 24, bytesPerRow: band.bytesPerRow, bitmap: Buffer.from(rows).toString('base64') });
    }
    // The band is 24 dots tall; a longer line feed leaves a white gap before the next band.
    const advance = feedDots ?? this.lineSpacing;
    this.bandContinues = advance === 24;
    if (advance > 24) this.push({ kind: 'feed', offset: band.offset, dots: advance - 24, command: 'line feed after band' });
  }

  printQr(offset: number): void {
    const data = this.qr.data;
    if (!data || data.length === 0) {
      this.warn(offset, 'QR print command with no stored data: nothing printed');
      return;
    }
    this.flushBefore('QR code', offset);
    this.push({ kind: 'qr', offset, align: this.align, payload: bytesToText(data), payloadBytes: data.length, model: this.qr.model, cellSize: this.qr.cellSize, ecc: this.qr.ecc });
  }

  barcode(offset: number, symbology: string, data: Uint8Array): void {
    this.flushBefore('barcode', offset);
    this.push({ kind: 'barcode', offset, align: this.align, symbology, data: bytesToText(data) });
  }

  /** End of job: text still in the buffer was never printed. */
  finish(): DecodedDocument {
    if (this.band) this.printBand();
    if (this.line.runs.length > 0) {
      this.doc.unprinted = this.line.runs;
      this.warn(this.line.offset, `text ${JSON.stringify(this.lineText())} was never printed: no line feed after it`);
    }
    return this.doc;
  }
}

function sameStyle(a: TextStyle, b: TextStyle): boolean {
  return a.bold === b.bold && a.underline === b.underline && a.invert === b.invert && a.width === b.width && a.height === b.height && a.font === b.font && a.upsideDown === b.upsideDown && a.codePage === b.codePage;
}

/** Symbol data as a scanner would read it: ASCII or UTF-8, else Latin-1. */
export function bytesToText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return Buffer.from(bytes).toString('latin1');
  }
}
