// StarPRNT / Star Line Mode commands (TSP100, TSP650, mC-Print): the ones badges use and the
// common rest, each with its argument length, so unknown bytes stand out and nothing is half-read.
import type { Align } from '../types.js';
import { ASCII, lengthPrefixed, terminatedBy, u16, type ArgLength, type CommandSpec } from './commandTable.js';

const LF = 0x0a, HT = 0x09, CR = 0x0d, VT = 0x0b, FF = 0x0c, ESC = 0x1b, GS = 0x1d, RS = 0x1e;
const c = (s: string) => s.charCodeAt(0);

const ALIGN: Record<number, Align> = { 0: 'left', 1: 'center', 2: 'right', 48: 'left', 49: 'center', 50: 'right' };
/** Star takes both 0–5 and '0'–'5' for magnifications and switches. */
const digit = (n: number) => (n >= 48 ? n - 48 : n);
const ECC = ['L', 'M', 'Q', 'H'] as const;
const BARCODES = ['UPC-E', 'UPC-A', 'EAN8', 'EAN13', 'CODE39', 'ITF', 'CODE128', 'CODE93', 'NW7'];

/** n1 n2 then (n1 + n2·256) × `perUnit` data bytes. */
const counted = (perUnit: number): ArgLength => (at) => {
  const n = u16(at, 0);
  return n === null ? null : 2 + n * perUnit;
};

/** ESC b n1 n2 n3 n4 d… RS. */
const barcodeLength: ArgLength = (at) => {
  for (let i = 4; i <= 4 + 255; i++) {
    const b = at(i);
    if (b === undefined) return null;
    if (b === RS) return i + 1;
  }
  return 4 + 256;
};

function cmd(prefix: readonly number[], name: string, args: ArgLength = 0, run?: CommandSpec['run']): CommandSpec {
  return run ? { prefix, name, args, run } : { prefix, name, args };
}

const ignored = (why: string) => () => why;
const pulse = (name: string): CommandSpec['run'] => (h, i) => h.pulse(i.offset, name, i.raw);

export const STAR_COMMANDS: readonly CommandSpec[] = [
  cmd([LF], 'LF', 0, (h, i) => h.printLine(i.offset)),
  cmd([HT], 'HT', 0, (h, i) => h.tab(i.offset)),
  cmd([CR], 'CR', 0, ignored('ignored (memory switch default)')),
  // VT with no vertical tab stops set is a line feed.
  cmd([VT], 'VT', 0, (h, i) => h.feedLines(1, i.offset, 'VT')),
  cmd([FF], 'FF', 0, ignored('form feed: no page length on a receipt roll')),
  cmd([0x0e], 'SO', 0, (h) => h.setStyle({ width: 2 })),
  cmd([0x14], 'DC4', 0, (h) => h.setStyle({ width: 1 })),
  cmd([0x0f], 'SI', 0, (h) => h.setStyle({ upsideDown: true })),
  cmd([0x12], 'DC2', 0, (h) => h.setStyle({ upsideDown: false })),
  cmd([0x18], 'CAN', 0, ignored('cancel: ignored')),
  cmd([0x07], 'BEL', 0, pulse('BEL external device 1')),
  cmd([0x1c], 'FS', 0, pulse('FS external device 1')),
  cmd([0x1a], 'SUB', 0, pulse('SUB external device 2')),
  cmd([0x19], 'EM', 0, pulse('EM external device 2')),
  cmd([0x05], 'ENQ', 0, (h, i) => h.statusQuery(i.offset, 'ENQ', 0)),
  cmd([0x04], 'EOT', 0, (h, i) => h.statusQuery(i.offset, 'EOT', 0)),

  cmd([ESC, c('@')], 'ESC @', 0, (h, i) => h.initialize(i.offset)),
  cmd([ESC, c('E')], 'ESC E', 0, (h) => h.setStyle({ bold: true })),
  cmd([ESC, c('F')], 'ESC F', 0, (h) => h.setStyle({ bold: false })),
  cmd([ESC, c('4')], 'ESC 4', 0, (h) => h.setStyle({ invert: true })),
  cmd([ESC, c('5')], 'ESC 5', 0, (h) => h.setStyle({ invert: false })),
  cmd([ESC, c('-')], 'ESC -', 1, (h, i) => h.setStyle({ underline: digit(i.arg(0)) === 1 ? 1 : 0 })),
  cmd([ESC, c('_')], 'ESC _', 1, ignored('upperline: not drawn')),
  cmd([ESC, c('i')], 'ESC i', 2, (h, i) => h.setStyle({ height: digit(i.arg(0)) + 1, width: digit(i.arg(1)) + 1 })),
  cmd([ESC, c('W')], 'ESC W', 1, (h, i) => h.setStyle({ width: digit(i.arg(0)) + 1 })),
  cmd([ESC, c('h')], 'ESC h', 1, (h, i) => h.setStyle({ height: digit(i.arg(0)) + 1 })),
  cmd([ESC, 0x0e], 'ESC SO', 0, (h) => h.setStyle({ height: 2 })),
  cmd([ESC, 0x14], 'ESC DC4', 0, (h) => h.setStyle({ height: 1 })),
  cmd([ESC, c('d')], 'ESC d', 1, (h, i) => {
    const n = digit(i.arg(0));
    return h.cut(n === 1 || n === 3, i.offset, n >= 2 ? 'ESC d (feed and cut)' : 'ESC d', false);
  }),
  cmd([ESC, c('a')], 'ESC a', 1, (h, i) => h.feedLines(i.arg(0), i.offset, 'ESC a')),
  cmd([ESC, c('J')], 'ESC J', 1, (h, i) => h.feedDots(i.arg(0) * 2, i.offset, 'ESC J')),
  // Line feed amount: 3 mm (24 dots) or 4 mm (32 dots) on thermal models.
  cmd([ESC, c('0')], 'ESC 0', 0, (h) => { h.lineSpacing = 24; }),
  cmd([ESC, c('1')], 'ESC 1', 0, (h) => { h.lineSpacing = 24; }),
  cmd([ESC, c('z')], 'ESC z', 1, (h) => { h.lineSpacing = 32; }),
  cmd([ESC, c('3')], 'ESC 3', 1, ignored('ignored on thermal models')),
  cmd([ESC, c('y')], 'ESC y', 1, ignored('ignored on thermal models')),
  cmd([ESC, c('k')], 'ESC k', counted(24), (h, i) => h.starBand(i.offset, i.arg(0) + i.arg(1) * 256, i.args.slice(2))),
  cmd([ESC, c('K')], 'ESC K', counted(1), (h, i) => h.warn(i.offset, 'ESC K standard-density image; not drawn by the virtual printer')),
  cmd([ESC, c('X')], 'ESC X', counted(3), (h, i) => h.warn(i.offset, 'ESC X bit image; not drawn by the virtual printer')),
  cmd([ESC, c('t')], 'ESC t', 1),
  cmd([ESC, c('R')], 'ESC R', 1, (h, i) => { if (i.arg(0) !== 0) h.warn(i.offset, `international character set ${i.arg(0)}: some ASCII glyphs change`); }),
  cmd([ESC, c('M')], 'ESC M', 0, (h) => h.setStyle({ font: 'A' })),
  cmd([ESC, c('P')], 'ESC P', 0),
  cmd([ESC, c(':')], 'ESC :', 0),
  cmd([ESC, c('l')], 'ESC l', 1),
  cmd([ESC, c('Q')], 'ESC Q', 1),
  cmd([ESC, c(' ')], 'ESC SP', 1),
  cmd([ESC, c('C')], 'ESC C', 1),
  cmd([ESC, c('D')], 'ESC D', terminatedBy(0, 32)),
  cmd([ESC, c('B')], 'ESC B', terminatedBy(0, 32)),
  cmd([ESC, c('b')], 'ESC b', barcodeLength, (h, i) => {
    const type = digit(i.arg(0));
    h.barcode(i.offset, BARCODES[type] ?? `barcode ${type}`, i.args.slice(4, -1));
  }),
  cmd([ESC, 0x07], 'ESC BEL', 2, ignored('external device pulse width')),
  cmd([ESC, 0x06, 0x01], 'ESC ACK SOH', 0, (h, i) => h.statusQuery(i.offset, 'ESC ACK SOH', 1)),
  cmd([ESC, RS, c('F')], 'ESC RS F', 1, (h, i) => h.setStyle({ font: digit(i.arg(0)) === 1 ? 'B' : 'A' })),
  cmd([ESC, RS, c('a')], 'ESC RS a', 1),

  cmd([ESC, GS, c('a')], 'ESC GS a', 1, (h, i) => h.setAlign(ALIGN[i.arg(0)] ?? 'left', i.offset)),
  cmd([ESC, GS, c('t')], 'ESC GS t', 1, (h, i) => h.setCodePage(i.arg(0), i.offset)),
  cmd([ESC, GS, 0x07], 'ESC GS BEL', 3, pulse('ESC GS BEL buzzer')),
  // QR code: settings, data (auto mode), print.
  cmd(ASCII('\x1b\x1dyS'), 'ESC GS y S', 2, (h, i) => {
    const which = digit(i.arg(0)), n = i.arg(1);
    if (which === 0 && (n === 1 || n === 2)) h.qr.model = n;
    else if (which === 1 && ECC[n]) h.qr.ecc = ECC[n] ?? 'L';
    else if (which === 2) h.qr.cellSize = n;
    else return `unsupported QR setting ${which}=${n}`;
    return ['QR model', 'QR error correction', 'QR cell size'][which] + ` ${n}`;
  }),
  cmd(ASCII('\x1b\x1dyD'), 'ESC GS y D', (at) => { const n = u16(at, 2); return n === null ? null : 4 + n; }, (h, i) => {
    h.qr.data = i.args.slice(4);
    return `QR store ${i.args.length - 4} bytes`;
  }),
  cmd(ASCII('\x1b\x1dyP'), 'ESC GS y P', 0, (h, i) => h.printQr(i.offset)),
  cmd(ASCII('\x1b\x1dyI'), 'ESC GS y I', 0, (h, i) => h.statusQuery(i.offset, 'ESC GS y I', 0)),
  // PDF417: recorded, not drawn.
  cmd(ASCII('\x1b\x1dxS'), 'ESC GS x S', (at) => { const which = at(0); return which === undefined ? null : which === 0 || which === 48 ? 4 : 2; }),
  cmd(ASCII('\x1b\x1dxD'), 'ESC GS x D', lengthPrefixed, (h, i) => { h.stored.set('PDF417', i.args.slice(2)); }),
  cmd(ASCII('\x1b\x1dxP'), 'ESC GS x P', 0, (h, i) => h.barcode(i.offset, 'PDF417', h.stored.get('PDF417') ?? new Uint8Array())),
  cmd(ASCII('\x1b\x1dxI'), 'ESC GS x I', 0, (h, i) => h.statusQuery(i.offset, 'ESC GS x I', 0)),
];
