// What a printer did with a byte stream: the paper it printed (items, top to bottom) and
// everything else it was told (commands, status queries, pulses, bytes it could not read).
// Plain JSON-able data, so a job can be stored as .json and compared in tests.
import type { Align } from '../types.js';
import type { ActiveCodePage } from './codePages.js';

export type PrinterModel = 'epson' | 'star';

/** The character state a run of text was printed in. Sizes are multipliers (1 = normal). */
export type TextStyle = {
  bold: boolean;
  /** 0 none, 1 thin, 2 thick. */
  underline: 0 | 1 | 2;
  invert: boolean;
  width: number;
  height: number;
  font: 'A' | 'B';
  upsideDown: boolean;
  codePage: ActiveCodePage;
};

export type TextRun = TextStyle & {
  text: string;
  /** Byte offset of the run's first character. */
  offset: number;
};

export type PrintedItem =
  /** One printed line of text (an empty `runs` is a blank line from a bare LF). */
  | {
      kind: 'text';
      offset: number;
      align: Align;
      runs: TextRun[];
      text: string;
      /** Ended because the next character did not fit, not by a line feed. */
      wrapped: boolean;
      /** Paper used by this line, in dots. */
      heightDots: number;
    }
  /** A 1-bit raster image; `bitmap` is base64 of rows of `bytesPerRow` bytes, most significant bit leftmost, 1 = black. */
  | {
      kind: 'image';
      offset: number;
      align: Align;
      command: 'GS v 0' | 'ESC k';
      widthDots: number;
      heightDots: number;
      bytesPerRow: number;
      bitmap: string;
    }
  | { kind: 'qr'; offset: number; align: Align; payload: string; payloadBytes: number; model: 1 | 2 | 3; cellSize: number; ecc: 'L' | 'M' | 'Q' | 'H' }
  /** A symbol we record but do not draw (1D barcodes, PDF417, MaxiCode). */
  | { kind: 'barcode'; offset: number; align: Align; symbology: string; data: string }
  | { kind: 'feed'; offset: number; dots: number; command: string }
  | { kind: 'cut'; offset: number; partial: boolean; command: string };

/** Every command the printer recognised, in order. */
export type CommandRecord = { offset: number; name: string; bytes: string; note?: string };

/** Bytes that are neither a known command nor printable text. */
export type UnknownBytes = { offset: number; bytes: string; reason: 'not a command' | 'no glyph' | 'truncated' };

export type StatusQuery = { offset: number; command: string; n: number };

/** Beeps, buzzer and cash-drawer pulses: nothing on paper, but the badge must not send them. */
export type Pulse = { offset: number; command: string; bytes: string };

export type Warning = { offset: number; message: string };

export type DecodedDocument = {
  model: PrinterModel;
  /** Printable width the lines were laid out in. */
  dotWidth: number;
  byteLength: number;
  items: PrintedItem[];
  commands: CommandRecord[];
  unknown: UnknownBytes[];
  statusQueries: StatusQuery[];
  pulses: Pulse[];
  warnings: Warning[];
  /** Text still in the printer's line buffer at the end: sent, but never printed (no line feed). */
  unprinted: TextRun[];
};

export const hex = (bytes: ArrayLike<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');

// ---- Views for assertions ----------------------------------------------------------------

/** The printed text, one entry per printed line (blank lines included; images, QR codes and feeds are not lines). */
export function textLines(doc: DecodedDocument): string[] {
  return doc.items.flatMap((it) => (it.kind === 'text' ? [it.text] : []));
}

/** The printed text as one string, one line per printed line. */
export function plainText(doc: DecodedDocument): string {
  return textLines(doc).join('\n');
}

export function textItems(doc: DecodedDocument): Extract<PrintedItem, { kind: 'text' }>[] {
  return doc.items.filter((it): it is Extract<PrintedItem, { kind: 'text' }> => it.kind === 'text');
}

/** The first printed line containing `needle`, or undefined. */
export function findLine(doc: DecodedDocument, needle: string): Extract<PrintedItem, { kind: 'text' }> | undefined {
  return textItems(doc).find((l) => l.text.includes(needle));
}

/** The run holding `needle` (the style it was printed in), or undefined. */
export function findRun(doc: DecodedDocument, needle: string): TextRun | undefined {
  for (const line of textItems(doc)) for (const run of line.runs) if (run.text.includes(needle)) return run;
  return undefined;
}

export function qrPayloads(doc: DecodedDocument): string[] {
  return doc.items.flatMap((it) => (it.kind === 'qr' ? [it.payload] : []));
}

export function images(doc: DecodedDocument): Extract<PrintedItem, { kind: 'image' }>[] {
  return doc.items.filter((it): it is Extract<PrintedItem, { kind: 'image' }> => it.kind === 'image');
}

export function cuts(doc: DecodedDocument): Extract<PrintedItem, { kind: 'cut' }>[] {
  return doc.items.filter((it): it is Extract<PrintedItem, { kind: 'cut' }> => it.kind === 'cut');
}

export function commandNames(doc: DecodedDocument): string[] {
  return doc.commands.map((c) => c.name);
}

/** Is the last thing on the paper a cut (feeds before it allowed)? */
export function endsWithCut(doc: DecodedDocument): boolean {
  const printed = doc.items.filter((it) => it.kind !== 'feed');
  return printed.at(-1)?.kind === 'cut';
}

/** Whether image pixel (x, y) is black. */
export function imagePixel(img: Extract<PrintedItem, { kind: 'image' }>, x: number, y: number, bits = Buffer.from(img.bitmap, 'base64')): boolean {
  const byte = bits[y * img.bytesPerRow + (x >> 3)] ?? 0;
  return (byte & (0x80 >> (x & 7))) !== 0;
}
