// The visitor badge, from sign-in receipt to printer bytes: what it says (above all where the
// phone is), that it fits the paper whatever the name, that Epson and Star get the right
// commands, and that nothing a visitor types can become a printer command.
import fc from 'fast-check';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import type { PhoneCustody } from '../../shared/domain.js';
import { badgeModel, ESCORT_BY_DEFAULT, phoneStatusLine, rollCallRows, type BadgeInput, type BadgeSite } from '../../core/printing/badge.js';
import { codePageByte } from '../../core/printing/codepages.js';
import { documentBytes } from '../../core/printing/escpos.js';
import { paperColumns, textColumns } from '../../core/printing/fit.js';
import { badgeDocument, rollCallDocument, type LayoutTarget } from '../../core/printing/layout.js';
import { printableDocument } from '../../core/printing/printable.js';
import { documentPng } from '../../core/printing/preview.js';
import { renderTextImage } from '../../core/printing/textImage.js';
import { PAPER, type PrintDocument, type PrinterType } from '../../core/printing/types.js';

/** jsqr is CommonJS with an ES-style default: under NodeNext its function is `.default`. */
const jsQR = jsqr.default;

const site: BadgeSite = { siteName: 'Greenfield Primary School', timeZone: 'Europe/London' };
const epson80: LayoutTarget = { type: 'epson', paperWidthMm: 80, characterSet: 'PC858' };
const star80: LayoutTarget = { type: 'star', paperWidthMm: 80, characterSet: 'PC858' };
const locker12: PhoneCustody = { kind: 'locker', lockerId: 'L12', lockerLabel: 'Locker 12', lockerKind: 'locker' };

function input(over: Partial<BadgeInput> = {}): BadgeInput {
  return {
    badgeCode: 'K7M2Q9',
    badgeNumber: 42,
    fullName: 'Jane Smith',
    category: 'parent_carer',
    hostName: 'Mrs Patel',
    arrivedAt: '2026-03-03T08:10:00.000Z',
    phone: locker12,
    ...over,
  };
}
const model = (over: Partial<BadgeInput> = {}) => badgeModel(input(over), site);
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const ascii = (s: string) => Buffer.from(s, 'latin1');
const seq = (...parts: Buffer[]) => Buffer.concat(parts);

describe('what the badge says', () => {
  const arrived = new Date('2026-03-03T08:10:00Z');
  it.each<[string, PhoneCustody, string]>([
    ['a locker', locker12, 'PHONE IN LOCKER 12'],
    ['a pouch', { kind: 'locker', lockerId: 'P3', lockerLabel: 'Pouch 3', lockerKind: 'pouch' }, 'PHONE IN POUCH 3'],
    ['a locker labelled without the word', { kind: 'locker', lockerId: 'A7', lockerLabel: 'A7', lockerKind: 'locker' }, 'PHONE IN LOCKER A7'],
    ['reception', { kind: 'reception' }, 'PHONE HANDED TO RECEPTION'],
    ['no phone', { kind: 'none' }, 'NO PHONE CARRIED'],
    ['a device-use request not yet approved', { kind: 'exemption_pending', requestId: 'r1' }, 'DEVICE USE NOT APPROVED — SEE RECEPTION'],
    ['an approval whose details are not known', { kind: 'exemption', exemptionId: 'e1' }, 'DEVICE USE APPROVED — ASK RECEPTION WHERE'],
  ])('phone line for %s', (_what, phone, line) => {
    expect(phoneStatusLine(phone, 'Europe/London', arrived, undefined, true)).toBe(line);
  });

  it('shows no approval as granted until reception has checked who the visitor is', () => {
    const approved = { locations: ['Room 4'], until: '2026-03-03T15:00:00Z' };
    expect(phoneStatusLine({ kind: 'exemption', exemptionId: 'e1' }, 'Europe/London', arrived, approved)).toBe('DEVICE USE: ID CHECK AT RECEPTION');
    expect(phoneStatusLine({ kind: 'exemption', exemptionId: 'e1' }, 'Europe/London', arrived, approved, false)).toBe('DEVICE USE: ID CHECK AT RECEPTION');
    expect(model({ phone: { kind: 'exemption', exemptionId: 'e1' }, approvedExemption: approved }).phoneStatus).toBe('DEVICE USE: ID CHECK AT RECEPTION');
    expect(model({ phone: { kind: 'exemption', exemptionId: 'e1' }, approvedExemption: approved, idChecked: true }).phoneStatus).toBe('DEVICE USE APPROVED — Room 4, until 15:00');
  });

  it('says where and until when approved device use applies, in the site time zone', () => {
    const approved = { locations: ['Room 4', 'Speech therapy room'], until: '2026-03-03T15:00:00Z' };
    expect(phoneStatusLine({ kind: 'exemption', exemptionId: 'e1' }, 'Europe/London', arrived, approved, true)).toBe(
      'DEVICE USE APPROVED — Room 4, Speech therapy room, until 15:00',
    );
    // British Summer Time: 15:00 UTC is 16:00 on the school clock.
    expect(phoneStatusLine({ kind: 'exemption', exemptionId: 'e1' }, 'Europe/London', new Date('2026-06-03T08:10Z'), { ...approved, until: '2026-06-03T15:00:00Z' }, true)).toMatch(/until 16:00$/);
    // An approval running past today says which day.
    expect(phoneStatusLine({ kind: 'exemption', exemptionId: 'e1' }, 'Europe/London', arrived, { ...approved, until: '2026-03-04T15:00:00Z' }, true)).toMatch(/until Wed 4 Mar 15:00$/);
  });

  it('builds the model from a sign-in receipt', () => {
    expect(model({ organisation: 'Acme Ltd' })).toEqual({
      siteName: 'Greenfield Primary School',
      fullName: 'Jane Smith',
      categoryLabel: 'Parent / carer',
      organisation: 'Acme Ltd',
      hostName: 'Mrs Patel',
      arrivedLabel: 'Tue 3 Mar 2026 08:10',
      badgeNumber: 42,
      badgeCode: 'K7M2Q9',
      escortRequired: true,
      escortRule: 'MUST BE ESCORTED',
      phoneStatus: 'PHONE IN LOCKER 12',
      qrPayload: 'K7M2Q9',
    });
  });

  it('escorts everyone nobody has checked; once checked, contractors, visitors and parents still by default; the site can say otherwise', () => {
    expect(ESCORT_BY_DEFAULT).toMatchObject({ contractor: true, visitor: true, parent_carer: true, volunteer: false, professional: false });
    for (const category of ['parent_carer', 'volunteer', 'contractor', 'visitor', 'professional'] as const) expect(model({ category }).escortRule).toBe('MUST BE ESCORTED');
    // The site's rule never lifts the escort on its own: only a recorded check does.
    expect(badgeModel(input({ category: 'contractor' }), { ...site, escort: { contractor: false } }).escortRule).toBe('MUST BE ESCORTED');
    expect(model({ category: 'contractor', idChecked: true }).escortRule).toBe('MUST BE ESCORTED');
    expect(model({ category: 'volunteer', idChecked: true }).escortRule).toBe('Escort not required');
    expect(badgeModel(input({ category: 'contractor', idChecked: true }), { ...site, escort: { contractor: false } }).escortRule).toBe('Escort not required');
    expect(badgeModel(input({ category: 'volunteer', idChecked: true }), { ...site, escort: { volunteer: true } }).escortRule).toBe('MUST BE ESCORTED');
  });

  it("asks a visiting professional nobody has checked to go to reception, and no one else", () => {
    expect(model({ category: 'professional' }).idCheckNote).toBe('ID CHECK AT RECEPTION');
    expect(model({ category: 'professional', idChecked: true }).idCheckNote).toBeUndefined();
    expect(model({ category: 'volunteer' }).idCheckNote).toBeUndefined();
    const words = badgeDocument(model({ category: 'professional' }), epson80).blocks.flatMap((b) => (b.kind === 'text' ? [b.text.trim()] : []));
    expect(words).toEqual(expect.arrayContaining(['MUST BE ESCORTED', 'ID CHECK AT RECEPTION']));
  });

  it('uses the site’s own category names when it has them', () => {
    expect(badgeModel(input({ category: 'professional' }), { ...site, categoryLabels: { professional: 'Agency visitor' } }).categoryLabel).toBe('Agency visitor');
  });
});

// ---------------------------------------------------------------------------------------------
// A small decoder for exactly the commands documentBytes sends, so tests can say "this byte is
// text" or "this is a command" with certainty. Anything else is an error.

type Token = { kind: 'text'; bytes: Buffer } | { kind: 'cmd'; name: string; bytes: Buffer; data?: Buffer };

function decode(buf: Buffer, type: PrinterType): Token[] {
  const out: Token[] = [];
  let i = 0;
  const cmd = (name: string, len: number, data?: Buffer) => {
    if (i + len > buf.length) throw new Error(`truncated ${name} at ${i}`);
    out.push({ kind: 'cmd', name, bytes: buf.subarray(i, i + len), ...(data ? { data } : {}) });
    i += len;
  };
  const at = (k: number) => buf[i + k] ?? -1;
  while (i < buf.length) {
    const b = at(0);
    if (b >= 0x20 && b !== 0x7f) {
      let j = i;
      while (j < buf.length && buf[j]! >= 0x20 && buf[j] !== 0x7f) j++;
      out.push({ kind: 'text', bytes: buf.subarray(i, j) });
      i = j;
    } else if (b === 0x0a) cmd('LF', 1);
    else if (type === 'epson') {
      const two = (b << 8) | at(1);
      if (two === 0x1b40) cmd('init', 2);
      else if (two === 0x1b74) cmd('codepage', 3);
      else if (two === 0x1b61) cmd('align', 3);
      else if (two === 0x1b21) cmd('size', 3);
      else if (two === 0x1b45) cmd(at(2) ? 'bold on' : 'bold off', 3);
      else if (two === 0x1b64) cmd('feed', 3);
      else if (two === 0x1d42) cmd(at(2) ? 'invert on' : 'invert off', 3);
      else if (two === 0x1d56) cmd('cut', 3);
      else if (two === 0x1d28 && at(2) === 0x6b) {
        // GS ( k pL pH cn fn …: fn 0x50 stores the symbol's data after "1P0".
        const n = at(3) + at(4) * 256;
        if (at(6) === 0x50) cmd('qr', 5 + n, buf.subarray(i + 8, i + 5 + n));
        else cmd('qr setting', 5 + n);
      } else if (two === 0x1d76 && at(2) === 0x30) {
        const n = (at(4) + at(5) * 256) * (at(6) + at(7) * 256);
        cmd('image', 8 + n);
      } else throw new Error(`unknown Epson bytes ${buf.subarray(i, i + 4).toString('hex')} at ${i}`);
    } else {
      const two = (b << 8) | at(1);
      if (b === 0x0b) cmd('VT', 1);
      else if (two === 0x1b40) cmd('init', 2);
      else if (two === 0x1b45) cmd('bold on', 2);
      else if (two === 0x1b46) cmd('bold off', 2);
      else if (two === 0x1b34) cmd('invert on', 2);
      else if (two === 0x1b35) cmd('invert off', 2);
      else if (two === 0x1b69) cmd('size', 4);
      else if (two === 0x1b64) cmd('cut', 3);
      else if (two === 0x1b30) cmd('line spacing 1/8"', 2);
      else if (two === 0x1b7a) cmd('line spacing', 3);
      else if (two === 0x1b6b) cmd('image band', 4 + (at(2) + at(3) * 256) * 24);
      else if (two === 0x1b1d && at(2) === 0x74) cmd('codepage', 4);
      else if (two === 0x1b1d && at(2) === 0x61) cmd('align', 4);
      else if (two === 0x1b1d && at(2) === 0x79 && at(3) === 0x53) cmd('qr setting', 6);
      else if (two === 0x1b1d && at(2) === 0x79 && at(3) === 0x44) {
        const n = at(6) + at(7) * 256;
        cmd('qr', 8 + n, buf.subarray(i + 8, i + 8 + n));
      } else if (two === 0x1b1d && at(2) === 0x79 && at(3) === 0x50) cmd('qr print', 4);
      else throw new Error(`unknown Star bytes ${buf.subarray(i, i + 4).toString('hex')} at ${i}`);
    }
  }
  return out;
}

/** The text lines the document will print, as bytes of the job's code page. */
function expectedText(doc: PrintDocument, target: LayoutTarget): Buffer[] {
  const p = printableDocument(doc, target);
  return p.blocks.flatMap((b) => (b.kind === 'text' && b.text !== '' ? [Buffer.from([...b.text].map((ch) => codePageByte(p.codePage, ch)!))] : []));
}

describe('printer bytes', () => {
  const bytes = (target: LayoutTarget, over: Partial<BadgeInput> = {}) => documentBytes(badgeDocument(model(over), target), target);

  describe('Epson (ESC/POS)', () => {
    const buf = bytes(epson80);

    it('starts with init and one code page for the whole job (PC858 = 19)', () => {
      expect(buf.subarray(0, 5)).toEqual(hex('1b40 1b7413'));
    });

    it('prints the name 2×2 and bold, bold set after the size (a size command clears bold)', () => {
      expect(buf.indexOf(seq(hex('1b2130 1b4501'), ascii('Jane Smith'), hex('0a')))).toBeGreaterThan(0);
    });

    it('prints the phone line 2×2, bold and inverse', () => {
      expect(buf.indexOf(seq(hex('1b2130 1b4501 1d4201'), ascii(' PHONE IN LOCKER 12 '), hex('0a 1d4200 1b4500 1b2100')))).toBeGreaterThan(0);
    });

    it('prints a QR code (GS ( k) whose payload is the badge code', () => {
      const qr = seq(
        hex('1d286b 0400 3141 3200'), // model 2
        hex('1d286b 0300 3143 08'), // module size 8 dots
        hex('1d286b 0300 3145 31'), // error correction M
        hex('1d286b 0900 3150 30'), ascii('K7M2Q9'), // store 6 bytes (+3)
        hex('1d286b 0300 3151 30'), // print
      );
      expect(buf.indexOf(qr)).toBeGreaterThan(0);
    });

    it('ends with feed, full cut and init', () => {
      expect(buf.subarray(-11)).toEqual(hex('1b6404 1b6404 1d5600 1b40'));
    });

    it('never turns bold on just before a size command, and never uses setTextSize (GS !)', () => {
      const tokens = decode(buf, 'epson');
      tokens.forEach((t, k) => {
        if (t.kind === 'cmd' && t.name === 'size') expect(tokens[k - 1]).not.toMatchObject({ name: 'bold on' });
      });
    });
  });

  describe('Star (StarPRNT)', () => {
    const buf = bytes(star80);

    it('starts with init and one code page for the whole job (PC858 = 4)', () => {
      expect(buf.subarray(0, 6)).toEqual(hex('1b40 1b1d7404'));
    });

    it('prints the name 2×2 and bold', () => {
      expect(buf.indexOf(seq(hex('1b690101 1b45'), ascii('Jane Smith'), hex('0a')))).toBeGreaterThan(0);
    });

    it('prints the phone line 2×2, bold and inverse', () => {
      expect(buf.indexOf(seq(hex('1b690101 1b45 1b34'), ascii(' PHONE IN LOCKER 12 '), hex('0a 1b35 1b46 1b690000')))).toBeGreaterThan(0);
    });

    it('prints a QR code with hand-written ESC GS y commands (the library’s printQR sends none)', () => {
      const qr = seq(
        hex('1b1d79 5330 02'), // model 2
        hex('1b1d79 5331 01'), // error correction M
        hex('1b1d79 5332 08'), // cell size 8
        hex('1b1d79 4431 00 0600'), ascii('K7M2Q9'), // store, auto-expand, 6 bytes
        hex('1b1d79 50'), // print
      );
      expect(buf.indexOf(qr)).toBeGreaterThan(0);
    });

    it('ends with feed, full cut and init', () => {
      expect(buf.subarray(-7)).toEqual(hex('0b 0b 1b6402 1b40'));
    });
  });

  it.each<[LayoutTarget, string]>([
    [epson80, '1b40 1b7412'],
    [star80, '1b40 1b1d7405'],
  ])('switches the whole job to PC852 for a Polish name (%j)', (target, start) => {
    const buf = bytes(target, { fullName: 'Łukasz Wiśniewski' });
    expect(buf.subarray(0, start.replace(/ /g, '').length / 2)).toEqual(hex(start));
    expect(buf.indexOf(hex('9d 75 6b 61 73 7a 20 57 69 98 6e 69 65 77 73 6b 69'))).toBeGreaterThan(0); // Łukasz Wiśniewski in PC852
    expect(decode(buf, target.type).filter((t) => t.kind === 'cmd' && t.name === 'codepage')).toHaveLength(1);
  });

  it('builds each job afresh: the same badge twice gives the same bytes', () => {
    expect(bytes(epson80)).toEqual(bytes(epson80));
  });

  it('refuses to print a document laid out for other paper', () => {
    expect(() => documentBytes(badgeDocument(model(), epson80), { ...epson80, paperWidthMm: 58 })).toThrow(/80 mm/);
  });

  it.each(['epson', 'star'] as const)('%s: a name in Arabic goes as a raster image, the rest as text', (type) => {
    const target = { ...epson80, type };
    const buf = bytes(target, { fullName: 'محمد عبد الرحمن' });
    const tokens = decode(buf, type);
    expect(tokens.filter((t) => t.kind === 'cmd' && (t.name === 'image' || t.name === 'image band')).length).toBeGreaterThan(2); // name + 2 rules
    expect(buf.indexOf(ascii(' PHONE IN LOCKER 12 '))).toBeGreaterThan(0);
  });
});

describe('nothing a visitor types can become a printer command', () => {
  const unit = fc.oneof(
    fc.constantFrom('\x00', '\x1b', '\x1d', '\x10', '\x04', '\x0a', '\x0b', '\x0c', '\x0d', '\x7f', '\x85', '\x9b', '\u202e', '\u2067', '\ufeff', '@', 'V', 'i', 'E', '!'),
    fc.constantFrom('Ł', 'é', 'ß', '’', '—', 'Ж', 'ع', 'ক', '王', '😀', '\ud800'),
    fc.string({ unit: 'binary', maxLength: 1 }),
  );
  const text = fc.string({ unit, maxLength: 60 });

  it('sends visitor text only as text runs equal to the document’s lines, between commands we sent', () => {
    fc.assert(
      fc.property(
        fc.record({ fullName: text, organisation: text, hostName: text, lockerLabel: text }),
        fc.constantFrom<PrinterType>('epson', 'star'),
        fc.constantFrom<58 | 80>(58, 80),
        (v, type, paperWidthMm) => {
          const target: LayoutTarget = { type, paperWidthMm, characterSet: 'PC858' };
          const m = badgeModel(
            input({ fullName: v.fullName, organisation: v.organisation, hostName: v.hostName, phone: { ...locker12, lockerLabel: v.lockerLabel } }),
            site,
          );
          const doc = badgeDocument(m, target);
          const tokens = decode(documentBytes(doc, target), type); // throws on any byte that is not text or one of our commands
          const texts = tokens.flatMap((t) => (t.kind === 'text' ? [t.bytes] : []));
          expect(texts).toEqual(expectedText(doc, target));
          const cmds = tokens.flatMap((t) => (t.kind === 'cmd' ? [t.name] : []));
          expect(cmds.slice(0, 2)).toEqual(['init', 'codepage']);
          expect(cmds.filter((c) => c === 'codepage')).toHaveLength(1);
          expect(cmds.filter((c) => c === 'cut')).toHaveLength(1);
          for (const t of tokens) if (t.kind === 'cmd' && t.name === 'qr') expect(t.data!.toString('latin1')).toBe('K7M2Q9');
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('fitting the paper', () => {
  const NAMES: Record<number, string> = {
    1: 'J',
    23: 'Alexandra Pemberton-Ray',
    60: 'Maximilian Alexander Fitzgerald-Montgomery Worthington-Smyth',
    200: Array.from({ length: 30 }, (_, i) => `Name${String(i).padStart(4, '0')}`).join(' ').slice(0, 200),
  };
  const cases = [58, 80].flatMap((paper) =>
    Object.entries(NAMES).flatMap(([len, name]) => [
      { paper: paper as 58 | 80, len: Number(len), name },
      { paper: paper as 58 | 80, len: Number(len), name: 'W'.repeat(Number(len)) }, // no spaces to wrap at
    ]),
  );

  it.each(cases)('$paper mm, a $len-character name: every line fits the $paper mm columns', ({ paper, len, name }) => {
    expect([...name]).toHaveLength(len);
    for (const type of ['epson', 'star'] as const) {
      const doc = badgeDocument(model({ fullName: name, organisation: name, hostName: name, phone: { kind: 'exemption_pending', requestId: 'r' } }), { type, paperWidthMm: paper, characterSet: 'PC858' });
      for (const b of doc.blocks) if (b.kind === 'text') expect(textColumns(b.text, b.size), `${b.size} "${b.text}"`).toBeLessThanOrEqual(PAPER[paper].columns);
    }
  });

  const nameLines = (doc: PrintDocument) => {
    const start = doc.blocks.findIndex((b) => b.kind === 'feed') + 1;
    const end = doc.blocks.findIndex((b) => b.kind === 'text' && b.text === 'PARENT / CARER');
    return doc.blocks.slice(start, end).flatMap((b) => (b.kind === 'text' ? [{ size: b.size, text: b.text }] : []));
  };

  it('prints a short name 2×2 on one line', () => {
    expect(nameLines(badgeDocument(model(), epson80))).toEqual([{ size: 'large', text: 'Jane Smith' }]);
  });

  it('wraps a longer name 2×2 over two lines, then shrinks to double height', () => {
    expect(nameLines(badgeDocument(model({ fullName: NAMES[23]! }), { ...epson80, paperWidthMm: 58 }))).toEqual([
      { size: 'large', text: 'Alexandra' },
      { size: 'large', text: 'Pemberton-Ray' },
    ]);
    expect(nameLines(badgeDocument(model({ fullName: NAMES[60]! }), epson80))).toEqual([
      { size: 'tall', text: 'Maximilian Alexander Fitzgerald-Montgomery' },
      { size: 'tall', text: 'Worthington-Smyth' },
    ]);
  });

  it('cuts a name longer than three lines with an ellipsis', () => {
    const lines = nameLines(badgeDocument(model({ fullName: NAMES[200]! }), epson80));
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.size === 'tall')).toBe(true);
    expect(lines[2]!.text).toMatch(/\.\.\.$/);
  });

  it('never cuts the phone line: the headline large, the details below it', () => {
    const m = model({ phone: { kind: 'exemption', exemptionId: 'e' }, approvedExemption: { locations: ['Room 4', 'Speech therapy room'], until: '2026-03-03T15:00:00Z' }, idChecked: true });
    for (const paperWidthMm of [58, 80] as const) {
      const inverse = badgeDocument(m, { ...epson80, paperWidthMm }).blocks.flatMap((b) => (b.kind === 'text' && b.invert ? [b] : []));
      expect(inverse[0]).toMatchObject({ size: 'large', bold: true });
      expect(inverse.map((b) => b.text.trim()).join(' ')).toBe('DEVICE USE APPROVED Room 4, Speech therapy room, until 15:00');
    }
  });

  it.each([58, 80] as const)('draws a long Arabic name within the %i mm paper, in at most three lines', (paper) => {
    const name = 'محمد عبد الرحمن بن عبد العزيز آل سعود '.repeat(6).trim();
    const img = renderTextImage(name, PAPER[paper].dots, { size: 'large', bold: true, invert: false, align: 'center' });
    expect(img.width).toBe(PAPER[paper].dots);
    expect(img.lines.length).toBeLessThanOrEqual(3);
    const png = PNG.sync.read(img.png);
    for (let y = 0; y < png.height; y++)
      for (const x of [0, 1, 2, png.width - 3, png.width - 2, png.width - 1]) expect(png.data[(y * png.width + x) * 4], `ink at ${x},${y}`).toBe(255);
  });
});

describe('preview', () => {
  it.each([80, 58] as const)('is the paper’s width in dots (%i mm) and its QR reads back as the badge code', (paper) => {
    const png = PNG.sync.read(documentPng(badgeDocument(model(), { ...epson80, paperWidthMm: paper })));
    expect(png.width).toBe(PAPER[paper].dots);
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe('K7M2Q9');
  });
});

describe('fire roll call', () => {
  const at = new Date('2026-03-03T10:42:00Z');
  const visit = (n: number, over: Partial<Parameters<typeof rollCallRows>[0][number]> = {}) => ({
    visitId: `v${n}`,
    fullName: `Visitor ${n}`,
    category: 'contractor' as const,
    organisation: 'Acme',
    hostName: 'Site manager',
    arrivedAt: '2026-03-03T08:10:00Z',
    badgeNumber: n,
    badgePrefix: '',
    phone: locker12,
    needsEvacuationHelp: false,
    idCheckRequired: false,
    ...over,
  });

  it('lists who is on site with what a fire marshal needs', () => {
    // Visitor 2 (a volunteer) had their ID checked at reception; visitor 1 did not.
    const rows = rollCallRows([visit(1), visit(2, { fullName: 'W'.repeat(200), needsEvacuationHelp: true, category: 'volunteer' })], site, at, undefined, (v) => v.badgeNumber === 2);
    expect(rows[1]).toMatchObject({ arrivedLabel: '08:10', phoneStatus: 'PHONE IN LOCKER 12', escortRequired: false, needsEvacuationHelp: true });
    for (const paperWidthMm of [58, 80] as const) {
      const doc = rollCallDocument(rows, { ...epson80, paperWidthMm }, at, site);
      const texts = doc.blocks.flatMap((b) => (b.kind === 'text' ? [b] : []));
      for (const b of texts) expect(textColumns(b.text, b.size)).toBeLessThanOrEqual(paperColumns(paperWidthMm));
      const words = texts.map((b) => b.text.trim());
      expect(words).toEqual(expect.arrayContaining(['Printed Tue 3 Mar 2026 10:42', '2 PEOPLE ON SITE', '1 NEEDS HELP TO EVACUATE', 'Visitor 1', 'MUST BE ESCORTED', 'NEEDS HELP TO EVACUATE']));
      expect(texts.find((b) => b.text.trim() === 'NEEDS HELP TO EVACUATE')).toMatchObject({ bold: true, invert: true });
      expect(doc.blocks.at(-1)).toEqual({ kind: 'cut' });
    }
  });

  it('prints as bytes on both printer types', () => {
    const doc = rollCallDocument(rollCallRows([visit(1)], site, at), epson80, at, site);
    expect(decode(documentBytes(doc, epson80), 'epson').some((t) => t.kind === 'text' && t.bytes.toString('latin1') === 'Visitor 1')).toBe(true);
    const sdoc = rollCallDocument(rollCallRows([visit(1)], site, at), star80, at, site);
    expect(decode(documentBytes(sdoc, star80), 'star').some((t) => t.kind === 'text' && t.bytes.toString('latin1') === 'Visitor 1')).toBe(true);
  });
});
