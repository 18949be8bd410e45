// A document → the printer's bytes (ESC/POS for Epson, StarPRNT for Star) through
// node-thermal-printer, working around its traps (PRINTING.md):
// - one ThermalPrinter per job: after a cut the printer resets its code page, the library not;
// - init first, then the job's one code page; every text is already in that page, so the
//   library never switches pages behind our back;
// - size first, then bold (an Epson size command clears bold); no setTextSize (Epson swaps
//   height and width, Star throws);
// - Star's printQR sends no QR: the StarPRNT QR commands are written by hand;
// - the library's own line folding is off: layouts wrap in columns already.
import { BreakLine, CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { LIBRARY_CHARACTER_SET } from './codepages.js';
import { printableDocument } from './printable.js';
import { ruleImage } from './raster.js';
import { renderTextImage } from './textImage.js';
import { PAPER, type Align, type PrintBlock, type PrintDocument, type PrinterConfig, type TextSize } from './types.js';

export type ByteTarget = Pick<PrinterConfig, 'type' | 'characterSet' | 'paperWidthMm'>;

const ESC = 0x1b;
const GS = 0x1d;

/** StarPRNT QR: model 2, error correction M, cell size, store (auto-expanding), print. */
export function starQr(payload: string, cellSize: number): Buffer {
  const data = Buffer.from(payload, 'ascii');
  const y = [ESC, GS, 0x79];
  return Buffer.concat([
    Buffer.from([...y, 0x53, 0x30, 2]),
    Buffer.from([...y, 0x53, 0x31, 1]),
    Buffer.from([...y, 0x53, 0x32, cellSize]),
    Buffer.from([...y, 0x44, 0x31, 0, data.length & 0xff, data.length >> 8]),
    data,
    Buffer.from([...y, 0x50]),
  ]);
}

function setAlign(p: ThermalPrinter, align: Align): void {
  if (align === 'center') p.alignCenter();
  else if (align === 'right') p.alignRight();
  else p.alignLeft();
}

function setSize(p: ThermalPrinter, size: TextSize): void {
  if (size === 'large') p.setTextQuadArea();
  else if (size === 'tall') p.setTextDoubleHeight();
  else if (size === 'wide') p.setTextDoubleWidth();
  else p.setTextNormal();
}

/** printImageBuffer is async in name only: it appends before its first await. Checking the
 *  buffer grew turns a failure into an exception here rather than an unhandled rejection. */
function image(p: ThermalPrinter, png: Buffer): void {
  const before = p.getBuffer()?.length ?? 0;
  let failure: unknown = null;
  p.printImageBuffer(png).catch((e: unknown) => {
    failure = e;
  });
  if ((p.getBuffer()?.length ?? 0) === before) throw new Error(`image was not added to the print job${failure ? `: ${String(failure)}` : ''}`);
}

function block(p: ThermalPrinter, b: PrintBlock, target: ByteTarget, dots: number): void {
  switch (b.kind) {
    case 'text':
      setAlign(p, b.align);
      setSize(p, b.size);
      if (b.bold) p.bold(true);
      if (b.invert) p.invert(true);
      p.println(b.text);
      if (b.invert) p.invert(false);
      if (b.bold) p.bold(false);
      if (b.size !== 'normal') p.setTextNormal();
      return;
    case 'textImage':
      p.alignLeft(); // the raster is the paper's full width; its own layout does the alignment
      image(p, renderTextImage(b.text, dots, b).png);
      return;
    case 'qr': {
      const payload = b.payload.replace(/[^\x21-\x7e]/g, ''); // the length field counts bytes
      if (payload === '') return;
      const cell = Math.min(8, Math.max(1, Math.round(b.cellSize)));
      p.alignCenter();
      if (target.type === 'star') p.add(starQr(payload, cell));
      else p.printQR(payload, { cellSize: cell, correction: 'M', model: 2 });
      p.newLine();
      return;
    }
    case 'rule':
      p.alignLeft();
      p.add(ruleBytes(target.type, dots));
      return;
    case 'feed':
      for (let i = 0; i < b.lines; i++) p.newLine();
      return;
    case 'cut':
      p.cut(); // feeds past the cutter, cuts, then re-initialises the printer
      return;
  }
}

/** A rule's raster bytes never change for a printer type and width: encode them once
 *  (decoding the PNG dominated the cost of a badge's bytes). */
const ruleCache = new Map<string, Buffer>();
function ruleBytes(type: ByteTarget['type'], dots: number): Buffer {
  const key = `${type}:${dots}`;
  let bytes = ruleCache.get(key);
  if (!bytes) {
    const q = new ThermalPrinter({ type: type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON, interface: '', breakLine: BreakLine.NONE });
    image(q, ruleImage(dots));
    ruleCache.set(key, (bytes = Buffer.from(q.getBuffer())));
  }
  return bytes;
}

/** The bytes of one print job (not sent: the print queue does that). */
export function documentBytes(doc: PrintDocument, target: ByteTarget): Buffer {
  if (doc.paperWidthMm !== target.paperWidthMm)
    throw new Error(`document laid out for ${doc.paperWidthMm} mm paper, printer has ${target.paperWidthMm} mm`);
  const printable = printableDocument(doc, target);
  const columns = PAPER[doc.paperWidthMm].columns;
  const p = new ThermalPrinter({
    type: target.type === 'star' ? PrinterTypes.STAR : PrinterTypes.EPSON,
    interface: '', // bytes only: no connection, and never the `printer:NAME` driver interface
    width: columns,
    breakLine: BreakLine.NONE,
  });
  p.add(Buffer.from([ESC, 0x40])); // ESC @ on both: clear whatever a failed job left set
  p.setCharacterSet(CharacterSet[LIBRARY_CHARACTER_SET[printable.codePage] as keyof typeof CharacterSet]);
  for (const b of printable.blocks) block(p, b, target, PAPER[doc.paperWidthMm].dots);
  return p.getBuffer();
}
