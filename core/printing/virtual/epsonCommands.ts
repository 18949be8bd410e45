// ESC/POS (Epson TM series) commands: the ones badges use, and enough of the rest, with their
// argument lengths, that any other command is skipped whole rather than half-read as text.
import type { Align } from '../types.js';
import { ASCII, lengthPrefixed, terminatedBy, u16, type ArgLength, type CommandSpec, type Invocation } from './commandTable.js';
import type { PrintHead } from './printHead.js';

const LF = 0x0a, HT = 0x09, CR = 0x0d, FF = 0x0c, CAN = 0x18, DLE = 0x10, ESC = 0x1b, FS = 0x1c, GS = 0x1d;
const c = (s: string) => s.charCodeAt(0);

const ALIGN: Record<number, Align> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };
const on = (n: number) => (n & 1) === 1;
const underline = (n: number): 0 | 1 | 2 => (n === 2 || n === 50 ? 2 : n === 1 || n === 49 ? 1 : 0);

/** ESC * m nL nH: 8-dot (m 0, 1) or 24-dot (m 32, 33) columns. */
const bitImageLength: ArgLength = (at) => {
  const m = at(0);
  const n = u16(at, 1);
  if (m === undefined || n === null) return null;
  return 3 + n * (m <= 1 ? 1 : 3);
};

/** ESC & y c1 c2 [x d1…d(y·x)]…: one definition per character code c1..c2. */
const userCharsLength: ArgLength = (at) => {
  const y = at(0), c1 = at(1), c2 = at(2);
  if (y === undefined || c1 === undefined || c2 === undefined) return null;
  let len = 3;
  for (let code = c1; code <= c2; code++) {
    const x = at(len);
    if (x === undefined) return null;
    len += 1 + y * x;
  }
  return len;
};

/** GS v 0 m xL xH yL yH d…: (xL + xH·256) bytes per row, yL + yH·256 rows. */
const rasterLength: ArgLength = (at) => {
  const x = u16(at, 1);
  const y = u16(at, 3);
  return x === null || y === null ? null : 5 + x * y;
};

/** GS k m …: m 0–6 data ends with NUL; m 65–79 carry a length byte. */
const barcodeLength: ArgLength = (at) => {
  const m = at(0);
  if (m === undefined) return null;
  if (m >= 65) {
    const n = at(1);
    return n === undefined ? null : 2 + n;
  }
  for (let i = 1; i <= 256; i++) {
    const b = at(i);
    if (b === undefined) return null;
    if (b === 0) return i + 1;
  }
  return 257;
};

const BARCODES: Record<number, string> = {
  0: 'UPC-A', 1: 'UPC-E', 2: 'EAN13', 3: 'EAN8', 4: 'CODE39', 5: 'ITF', 6: 'CODABAR',
  65: 'UPC-A', 66: 'UPC-E', 67: 'EAN13', 68: 'EAN8', 69: 'CODE39', 70: 'ITF', 71: 'CODABAR', 72: 'CODE93', 73: 'CODE128',
};
const SYMBOLS_2D: Record<number, string> = { 48: 'PDF417', 50: 'MaxiCode', 51: 'GS1 DataBar', 52: 'Composite' };
const ECC = ['L', 'M', 'Q', 'H'] as const;

/** GS ( k pL pH cn fn …: 2D symbols. Only QR (cn 49) is drawn; the rest are recorded. */
function symbol2d(h: PrintHead, i: Invocation): string | void {
  const cn = i.arg(2), fn = i.arg(3);
  if (cn === 49) {
    switch (fn) {
      case 65: {
        const model = i.arg(4) - 48;
        if (model === 1 || model === 2 || model === 3) h.qr.model = model;
        return `QR model ${model}`;
      }
      case 67:
        h.qr.cellSize = i.arg(4);
        return `QR cell size ${i.arg(4)}`;
      case 69: {
        const ecc = ECC[i.arg(4) - 48];
        if (ecc) h.qr.ecc = ecc;
        return `QR error correction ${ecc ?? '?'}`;
      }
      case 80:
        h.qr.data = i.args.slice(5);
        return `QR store ${i.args.length - 5} bytes`;
      case 81:
        h.printQr(i.offset);
        return 'QR print';
      case 82:
        h.statusQuery(i.offset, 'GS ( k QR size', 82);
        return 'QR size request';
      default:
        return `QR function ${fn}`;
    }
  }
  const name = SYMBOLS_2D[cn] ?? `2D symbol ${cn}`;
  if (fn === 80) h.stored.set(name, i.args.slice(5));
  if (fn === 81) h.barcode(i.offset, name, h.stored.get(name) ?? new Uint8Array());
  return `${name} function ${fn}`;
}

function cmd(prefix: readonly number[], name: string, args: ArgLength = 0, run?: CommandSpec['run']): CommandSpec {
  return run ? { prefix, name, args, run } : { prefix, name, args };
}

const ignored = (why: string) => () => why;

const GS_PAREN_FUNCTIONS = 'ACDEHKLMNPQz';
const FS_PAREN_FUNCTIONS = 'ACELe';

export const EPSON_COMMANDS: readonly CommandSpec[] = [
  cmd([LF], 'LF', 0, (h, i) => h.printLine(i.offset)),
  cmd([HT], 'HT', 0, (h, i) => h.tab(i.offset)),
  cmd([CR], 'CR', 0, ignored('ignored: automatic line feed is off')),
  cmd([FF], 'FF', 0, ignored('ignored in standard mode')),
  cmd([CAN], 'CAN', 0, ignored('ignored in standard mode')),

  // Real-time commands.
  cmd([DLE, 0x04], 'DLE EOT', (at) => { const n = at(0); return n === undefined ? null : n === 7 || n === 8 ? 2 : 1; }, (h, i) => h.statusQuery(i.offset, 'DLE EOT', i.arg(0))),
  cmd([DLE, 0x05], 'DLE ENQ', 1),
  cmd([DLE, 0x14], 'DLE DC4', (at) => { const fn = at(0); return fn === undefined ? null : fn === 8 ? 8 : 3; }, (h, i) => {
    if (i.arg(0) === 1) h.pulse(i.offset, 'DLE DC4 pulse', i.raw);
  }),

  // ESC
  cmd([ESC, FF], 'ESC FF', 0, ignored('page mode only')),
  cmd([ESC, c(' ')], 'ESC SP', 1),
  cmd([ESC, c('!')], 'ESC !', 1, (h, i) => {
    const n = i.arg(0);
    // Print mode sets font, emphasis, size and underline together (so it clears bold: PRINTING.md).
    h.setStyle({ font: n & 0x01 ? 'B' : 'A', bold: (n & 0x08) !== 0, height: n & 0x10 ? 2 : 1, width: n & 0x20 ? 2 : 1, underline: n & 0x80 ? 1 : 0 });
  }),
  cmd([ESC, c('$')], 'ESC $', 2),
  cmd([ESC, c('%')], 'ESC %', 1),
  cmd([ESC, c('&')], 'ESC &', userCharsLength),
  cmd([ESC, c('('), c('A')], 'ESC ( A', lengthPrefixed, (h, i) => h.pulse(i.offset, 'ESC ( A beeper', i.raw)),
  cmd([ESC, c('('), c('Y')], 'ESC ( Y', lengthPrefixed),
  cmd([ESC, c('*')], 'ESC *', bitImageLength, (h, i) => h.warn(i.offset, 'ESC * bit image received; not drawn by the virtual printer')),
  cmd([ESC, c('-')], 'ESC -', 1, (h, i) => h.setStyle({ underline: underline(i.arg(0)) })),
  cmd([ESC, c('2')], 'ESC 2', 0, (h) => { h.lineSpacing = 30; }),
  cmd([ESC, c('3')], 'ESC 3', 1, (h, i) => { h.lineSpacing = i.arg(0); }),
  cmd([ESC, c('=')], 'ESC =', 1),
  cmd([ESC, c('?')], 'ESC ?', 1),
  cmd([ESC, c('@')], 'ESC @', 0, (h, i) => h.initialize(i.offset)),
  cmd([ESC, c('B')], 'ESC B', 2, (h, i) => h.pulse(i.offset, 'ESC B beep', i.raw)),
  cmd([ESC, c('D')], 'ESC D', terminatedBy(0, 32)),
  cmd([ESC, c('E')], 'ESC E', 1, (h, i) => h.setStyle({ bold: on(i.arg(0)) })),
  cmd([ESC, c('G')], 'ESC G', 1, ignored('double-strike: drawn as normal weight')),
  cmd([ESC, c('J')], 'ESC J', 1, (h, i) => h.feedDots(i.arg(0), i.offset, 'ESC J')),
  cmd([ESC, c('K')], 'ESC K', 1, ignored('reverse feed')),
  cmd([ESC, c('L')], 'ESC L', 0, (h, i) => h.warn(i.offset, 'page mode selected; the virtual printer lays out standard mode only')),
  cmd([ESC, c('M')], 'ESC M', 1, (h, i) => h.setStyle({ font: on(i.arg(0)) ? 'B' : 'A' })),
  cmd([ESC, c('R')], 'ESC R', 1, (h, i) => { if (i.arg(0) !== 0) h.warn(i.offset, `international character set ${i.arg(0)}: some ASCII glyphs change`); }),
  cmd([ESC, c('S')], 'ESC S', 0),
  cmd([ESC, c('T')], 'ESC T', 1),
  cmd([ESC, c('U')], 'ESC U', 1),
  cmd([ESC, c('V')], 'ESC V', 1, (h, i) => { if (on(i.arg(0))) h.warn(i.offset, '90° rotated characters; drawn upright'); }),
  cmd([ESC, c('W')], 'ESC W', 8),
  cmd([ESC, c('\\')], 'ESC \\', 2),
  cmd([ESC, c('a')], 'ESC a', 1, (h, i) => h.setAlign(ALIGN[i.arg(0)] ?? 'left', i.offset)),
  cmd([ESC, c('c')], 'ESC c', 2),
  cmd([ESC, c('d')], 'ESC d', 1, (h, i) => h.feedLines(i.arg(0), i.offset, 'ESC d')),
  cmd([ESC, c('e')], 'ESC e', 1, ignored('reverse feed')),
  cmd([ESC, c('i')], 'ESC i', 0, (h, i) => h.cut(true, i.offset, 'ESC i', true)),
  cmd([ESC, c('m')], 'ESC m', 0, (h, i) => h.cut(true, i.offset, 'ESC m', true)),
  cmd([ESC, c('p')], 'ESC p', 3, (h, i) => h.pulse(i.offset, 'ESC p drawer pulse', i.raw)),
  cmd([ESC, c('r')], 'ESC r', 1),
  cmd([ESC, c('t')], 'ESC t', 1, (h, i) => h.setCodePage(i.arg(0), i.offset)),
  cmd([ESC, c('u')], 'ESC u', 1, (h, i) => h.statusQuery(i.offset, 'ESC u', i.arg(0))),
  cmd([ESC, c('v')], 'ESC v', 0, (h, i) => h.statusQuery(i.offset, 'ESC v', 0)),
  cmd([ESC, c('{')], 'ESC {', 1, (h, i) => h.setStyle({ upsideDown: on(i.arg(0)) })),

  // FS (Kanji and NV images)
  cmd([FS, c('!')], 'FS !', 1),
  cmd([FS, c('&')], 'FS &', 0),
  cmd([FS, c('-')], 'FS -', 1),
  cmd([FS, c('.')], 'FS .', 0),
  cmd([FS, c('C')], 'FS C', 1),
  cmd([FS, c('S')], 'FS S', 2),
  cmd([FS, c('W')], 'FS W', 1),
  cmd([FS, c('p')], 'FS p', 2, (h, i) => h.warn(i.offset, 'NV bit image printed from printer memory; not drawn by the virtual printer')),
  ...[...FS_PAREN_FUNCTIONS].map((f) => cmd([FS, c('('), c(f)], `FS ( ${f}`, lengthPrefixed)),

  // GS
  cmd([GS, c('!')], 'GS !', 1, (h, i) => h.setStyle({ width: ((i.arg(0) >> 4) & 7) + 1, height: (i.arg(0) & 7) + 1 })),
  cmd([GS, c('$')], 'GS $', 2),
  ...[...GS_PAREN_FUNCTIONS].map((f) => cmd([GS, c('('), c(f)], `GS ( ${f}`, lengthPrefixed)),
  cmd(ASCII('\x1d(k'), 'GS ( k', lengthPrefixed, symbol2d),
  cmd([GS, c('*')], 'GS *', (at) => { const x = at(0), y = at(1); return x === undefined || y === undefined ? null : 2 + x * y * 8; }),
  cmd([GS, c('/')], 'GS /', 1, (h, i) => h.warn(i.offset, 'downloaded bit image; not drawn by the virtual printer')),
  cmd([GS, c(':')], 'GS :', 0),
  cmd([GS, c('8'), c('L')], 'GS 8 L', (at) => {
    const p = [at(0), at(1), at(2), at(3)];
    if (p.some((b) => b === undefined)) return null;
    const [p1 = 0, p2 = 0, p3 = 0, p4 = 0] = p;
    return 4 + p1 + p2 * 0x100 + p3 * 0x10000 + p4 * 0x1000000;
  }),
  cmd([GS, c('B')], 'GS B', 1, (h, i) => h.setStyle({ invert: on(i.arg(0)) })),
  cmd([GS, c('H')], 'GS H', 1),
  cmd([GS, c('I')], 'GS I', 1, (h, i) => h.statusQuery(i.offset, 'GS I', i.arg(0))),
  cmd([GS, c('L')], 'GS L', 2),
  cmd([GS, c('P')], 'GS P', 2),
  cmd([GS, c('T')], 'GS T', 1),
  cmd([GS, c('V')], 'GS V', (at) => { const m = at(0); return m === undefined ? null : [65, 66, 97, 98, 103, 104].includes(m) ? 2 : 1; }, (h, i) => {
    const m = i.arg(0);
    if ([97, 98, 103, 104].includes(m)) return 'cut position reserved';
    if (m === 65 || m === 66) h.feedDots(i.arg(1), i.offset, 'GS V feed');
    return h.cut(m === 1 || m === 49 || m === 66, i.offset, 'GS V', true);
  }),
  cmd([GS, c('W')], 'GS W', 2),
  cmd([GS, c('\\')], 'GS \\', 2),
  cmd([GS, c('^')], 'GS ^', 3),
  cmd([GS, c('a')], 'GS a', 1),
  cmd([GS, c('b')], 'GS b', 1),
  cmd([GS, c('c')], 'GS c', 0),
  cmd([GS, c('f')], 'GS f', 1),
  cmd([GS, c('h')], 'GS h', 1),
  cmd([GS, c('k')], 'GS k', barcodeLength, (h, i) => {
    const m = i.arg(0);
    const data = m >= 65 ? i.args.slice(2) : i.args.slice(1, -1);
    h.barcode(i.offset, BARCODES[m] ?? `barcode ${m}`, data);
  }),
  cmd([GS, c('r')], 'GS r', 1, (h, i) => h.statusQuery(i.offset, 'GS r', i.arg(0))),
  cmd([GS, c('v'), c('0')], 'GS v 0', rasterLength, (h, i) => {
    const m = i.arg(0);
    if (m !== 0 && m !== 48) h.warn(i.offset, `raster mode ${m} (double width/height) drawn at normal size`);
    h.rasterImage(i.offset, i.arg(1) + i.arg(2) * 256, i.arg(3) + i.arg(4) * 256, i.args.slice(5));
  }),
  cmd([GS, c('w')], 'GS w', 1),
];
