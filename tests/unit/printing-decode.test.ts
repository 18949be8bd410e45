// The virtual printer's decoder, fed the bytes node-thermal-printer really produces: what
// would come out of an Epson (ESC/POS) or a Star (StarPRNT) printer, not what the code meant.
import fc from 'fast-check';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { commandNames, cuts, decode, endsWithCut, findLine, findRun, imagePixel, images, plainText, qrPayloads, StreamDecoder, textLines, type DecodedDocument, type PrinterModel } from '../../core/printing/virtual/decode.js';

const ESC = 0x1b, GS = 0x1d, DLE = 0x10, NUL = 0x00;

/** A node-thermal-printer that never connects: we only take its buffer. */
function printer(model: PrinterModel, characterSet: CharacterSet = CharacterSet.PC858_EURO): ThermalPrinter {
  return new ThermalPrinter({ type: model === 'epson' ? PrinterTypes.EPSON : PrinterTypes.STAR, interface: 'tcp://127.0.0.1:9', characterSet });
}

const read = (p: ThermalPrinter, model: PrinterModel, dotWidth?: number): DecodedDocument =>
  decode(p.getBuffer(), dotWidth === undefined ? { model } : { model, dotWidth });

/** The QR bytes a StarPRNT printer needs (node-thermal-printer's own STAR printQR is broken: PRINTING.md). */
function starQr(payload: string, cellSize = 5): Buffer {
  const data = Buffer.from(payload, 'ascii');
  return Buffer.concat([
    Buffer.from([ESC, GS, 0x79, 0x53, 0x30, 2]), // model 2
    Buffer.from([ESC, GS, 0x79, 0x53, 0x31, 1]), // error level M
    Buffer.from([ESC, GS, 0x79, 0x53, 0x32, cellSize]),
    Buffer.from([ESC, GS, 0x79, 0x44, 0x31, 0, data.length & 0xff, data.length >> 8]),
    data,
    Buffer.from([ESC, GS, 0x79, 0x50]),
  ]);
}

/** A PNG of `w`×`h` with a black left half. */
function halfBlackPng(w: number, h: number): Buffer {
  const png = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      const v = x < w / 2 ? 0 : 255;
      png.data[i] = png.data[i + 1] = png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(png);
}

describe.each(['epson', 'star'] as const)('decoding what node-thermal-printer sends to a %s printer', (model) => {
  it('reads each printed line with its alignment, size, bold and inverse', () => {
    const p = printer(model);
    p.alignCenter();
    p.println('East Stour Primary');
    p.setTextQuadArea();
    p.bold(true); // after the size call: on Epson, ESC ! clears bold (PRINTING.md)
    p.println('Jane Smith');
    p.bold(false);
    p.setTextDoubleHeight();
    p.println('VISITOR');
    p.setTextNormal();
    p.invert(true);
    p.println('PHONE IN LOCKER 12');
    p.invert(false);
    p.alignLeft();
    p.underline(true);
    p.println('Host: Office');
    p.underline(false);
    const doc = read(p, model);

    expect(textLines(doc)).toEqual(['East Stour Primary', 'Jane Smith', 'VISITOR', 'PHONE IN LOCKER 12', 'Host: Office']);
    expect(findLine(doc, 'East Stour')).toMatchObject({ align: 'center', wrapped: false });
    expect(findRun(doc, 'Jane Smith')).toMatchObject({ bold: true, width: 2, height: 2, invert: false });
    expect(findRun(doc, 'VISITOR')).toMatchObject({ bold: false, width: 1, height: 2 });
    expect(findRun(doc, 'PHONE IN LOCKER 12')).toMatchObject({ invert: true, bold: false, width: 1, height: 1 });
    expect(findLine(doc, 'Host')).toMatchObject({ align: 'left' });
    expect(findRun(doc, 'Host')).toMatchObject({ underline: 1 });
    expect(doc.unknown).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('reads a raster image with its size and its dots', async () => {
    const p = printer(model);
    await p.printImageBuffer(halfBlackPng(64, 50));
    p.println('after');
    const doc = read(p, model);
    const [img] = images(doc);
    expect(images(doc)).toHaveLength(1);
    // Star prints in 24-row bands, so the height rounds up to a multiple of 24.
    expect(img).toMatchObject({ widthDots: 64, heightDots: model === 'star' ? 72 : 50, command: model === 'star' ? 'ESC k' : 'GS v 0' });
    if (!img) throw new Error('unreachable');
    expect(imagePixel(img, 0, 0)).toBe(true);
    expect(imagePixel(img, 31, 49)).toBe(true);
    expect(imagePixel(img, 32, 0)).toBe(false);
    if (model === 'star') expect(imagePixel(img, 0, 60)).toBe(false);
    expect(textLines(doc)).toEqual(['after']);
    expect(doc.unknown).toEqual([]);
  });

  it('ends a cut() job with feeds, a full cut and an initialise; partialCut() is a partial cut', () => {
    const p = printer(model);
    p.println('one');
    p.cut();
    p.println('two');
    p.partialCut();
    const doc = read(p, model);
    expect(cuts(doc).map((c) => c.partial)).toEqual([false, true]);
    expect(endsWithCut(doc)).toBe(true);
    expect(commandNames(doc).at(-1)).toBe('ESC @');
    expect(doc.items.filter((i) => i.kind === 'feed').length).toBeGreaterThanOrEqual(4);
  });

  it('decodes "Łódź" sent in PC852 back to "Łódź"', () => {
    const p = printer(model, CharacterSet.PC852_LATIN2);
    p.println('Łódź');
    const doc = read(p, model);
    expect(textLines(doc)).toEqual(['Łódź']);
    expect(findRun(doc, 'Łódź')?.codePage).toBe('PC852');
    expect(doc.unknown).toEqual([]);
  });

  it('decodes "Zoë" sent in PC858 back to "Zoë"', () => {
    const p = printer(model, CharacterSet.PC858_EURO);
    p.println('Zoë');
    const doc = read(p, model);
    expect(textLines(doc)).toEqual(['Zoë']);
    expect(findRun(doc, 'Zoë')?.codePage).toBe('PC858');
  });

  it('shows the one-buffer trap: after cut() the printer is back in PC437, so a second "Ł" prints as "¥"', () => {
    const p = printer(model, CharacterSet.PC852_LATIN2);
    p.println('Łucja');
    p.cut();
    p.println('Łucja');
    const doc = read(p, model);
    expect(textLines(doc)).toEqual(['Łucja', '¥ucja']);
  });

  it('decodes the same document whether the bytes arrive at once or one by one', () => {
    const p = printer(model, CharacterSet.PC852_LATIN2);
    p.alignCenter();
    p.setTextQuadArea();
    p.println('Zażółć gęślą');
    p.cut();
    const bytes = p.getBuffer();
    const stream = new StreamDecoder({ model });
    for (const b of bytes) stream.push(Uint8Array.of(b));
    expect(stream.finish()).toEqual(decode(bytes, { model }));
  });
});

describe('Epson specifics', () => {
  it('reads the QR payload, model, cell size and error level from GS ( k', () => {
    const p = printer('epson');
    p.alignCenter();
    p.printQR('V-2026-000123', { cellSize: 6, correction: 'Q' });
    p.newLine();
    const doc = read(p, 'epson');
    expect(qrPayloads(doc)).toEqual(['V-2026-000123']);
    expect(doc.items.find((i) => i.kind === 'qr')).toMatchObject({ align: 'center', model: 2, cellSize: 6, ecc: 'Q', payloadBytes: 13 });
  });

  it('shows bold lost when bold(true) comes before a size change (ESC ! clears emphasis)', () => {
    const p = printer('epson');
    p.bold(true);
    p.setTextQuadArea();
    p.println('Jane');
    expect(findRun(read(p, 'epson'), 'Jane')).toMatchObject({ bold: false, width: 2, height: 2 });
  });

  it('shows setTextSize(h, w) swapping height and width', () => {
    const p = printer('epson');
    p.setTextSize(1, 0);
    p.println('tall?');
    expect(findRun(read(p, 'epson'), 'tall?')).toMatchObject({ width: 2, height: 1 });
  });

  it('wraps a double-width name that does not fit 48 columns, as the printer does', () => {
    const p = printer('epson');
    p.setTextDoubleWidth();
    p.println('Maximiliana Wolfeschlegel'); // 25 characters × 24 dots > 576
    const doc = read(p, 'epson');
    expect(textLines(doc)).toEqual(['Maximiliana Wolfeschlege', 'l']);
    expect(doc.items[0]).toMatchObject({ kind: 'text', wrapped: true });
  });

  it('wraps at 32 columns on 58 mm paper', () => {
    const p = printer('epson');
    p.println('x'.repeat(40));
    expect(textLines(read(p, 'epson', 384))).toEqual(['x'.repeat(32), 'x'.repeat(8)]);
  });

  it('records status queries, beeps and drawer pulses without printing anything', () => {
    const p = printer('epson');
    p.add(Buffer.from([DLE, 0x04, 1, DLE, 0x04, 4, GS, 0x72, 1]));
    p.beep(2, 3);
    p.add(Buffer.from([ESC, 0x70, 0, 25, 250])); // a well-formed ESC p m t1 t2
    const doc = read(p, 'epson');
    expect(doc.statusQueries.map((q) => `${q.command} ${q.n}`)).toEqual(['DLE EOT 1', 'DLE EOT 4', 'GS r 1']);
    expect(doc.pulses.map((q) => q.command)).toEqual(['ESC B beep', 'ESC p drawer pulse']);
    expect(doc.items).toEqual([]);
    expect(doc.unknown).toEqual([]);
  });

  it('shows openCashDrawer() sending ESC p without its two timing bytes, so the printer swallows the next command', () => {
    const p = printer('epson');
    p.openCashDrawer();
    const doc = read(p, 'epson');
    expect(doc.pulses.map((q) => q.bytes)).toEqual(['1b 70 00 1b 70']);
    expect(doc.unknown).toEqual([{ offset: 8, bytes: '01', reason: 'not a command' }]);
  });

  it('reads PC437, PC850 and WPC1252 text through their own tables', () => {
    const cases = [
      [CharacterSet.PC437_USA, 'Müller ½ café', 'PC437'],
      [CharacterSet.PC850_MULTILINGUAL, 'Ñandú Øre ©', 'PC850'],
      [CharacterSet.WPC1252, 'Œuvre €5 “ok”', 'WPC1252'],
    ] as const;
    for (const [set, text, page] of cases) {
      const p = printer('epson', set);
      p.println(text);
      const doc = read(p, 'epson');
      expect(textLines(doc)).toEqual([text]);
      expect(findRun(doc, text)?.codePage).toBe(page);
    }
  });

  it('reports a byte the code page has no character for (WPC1252 0x81) as unknown', () => {
    const doc = decode(Buffer.from([ESC, 0x74, 16, 0x41, 0x81, 0x42, 0x0a]), { model: 'epson' });
    expect(doc.unknown).toEqual([{ offset: 4, bytes: '81', reason: 'no glyph' }]);
    expect(textLines(doc)).toEqual(['A\ufffdB']);
  });

  it('keeps text sent without a final line feed out of the printed lines, as unprinted', () => {
    const doc = decode(Buffer.from('printed\nwaiting'), { model: 'epson' });
    expect(textLines(doc)).toEqual(['printed']);
    expect(doc.unprinted.map((r) => r.text)).toEqual(['waiting']);
    expect(doc.warnings[0]?.message).toMatch(/never printed/);
  });

  it('marks a command cut short by the end of the job as truncated', () => {
    const doc = decode(Buffer.from([0x41, 0x0a, GS, 0x76, 0x30, 0, 2, 0, 10, 0, 0xff]), { model: 'epson' });
    expect(doc.unknown).toEqual([{ offset: 2, bytes: '1d 76 30 00 02 00 0a 00 ff', reason: 'truncated' }]);
    expect(images(doc)).toEqual([]);
  });
});

describe('Star specifics', () => {
  it('decodes a hand-built ESC GS y QR code with its payload and cell size', () => {
    const p = printer('star');
    p.alignCenter();
    p.add(starQr('V-2026-000123', 6));
    p.newLine();
    const doc = read(p, 'star');
    expect(qrPayloads(doc)).toEqual(['V-2026-000123']);
    expect(doc.items.find((i) => i.kind === 'qr')).toMatchObject({ align: 'center', model: 2, cellSize: 6, ecc: 'M' });
    expect(doc.unknown).toEqual([]);
  });

  it("shows node-thermal-printer's own STAR printQR printing no QR: the payload comes out as text", () => {
    const p = printer('star');
    p.printQR('V-2026-000123');
    const doc = read(p, 'star');
    expect(qrPayloads(doc)).toEqual([]);
    expect(plainText(doc)).toContain('V-2026-000123');
    expect(doc.warnings.map((w) => w.message)).toContain('QR print command with no stored data: nothing printed');
    // The bare length bytes (0x0d 0x00) land as a carriage return and a stray NUL.
    expect(doc.unknown.map((u) => u.bytes)).toContain('00');
  });

  it('records the automatic status request and the drawer kick', () => {
    const p = printer('star');
    p.add(Buffer.from([ESC, 0x06, 0x01]));
    p.openCashDrawer();
    const doc = read(p, 'star');
    expect(doc.statusQueries).toMatchObject([{ command: 'ESC ACK SOH' }]);
    expect(doc.pulses.map((q) => q.command)).toEqual(['BEL external device 1']);
    expect(doc.unknown).toEqual([]);
  });
});

describe('visitor text never turns into printer commands unnoticed', () => {
  // What the badge code must stop: control bytes in a typed name reach the printer raw.
  const hostile = [
    ['ESC E (bold) swallowing a space', 'Ann\x1bE Smith'],
    ['ESC @ (initialise) wiping the line', 'Ann\x1b@Smith'],
    ['GS V (cut) inside a name', 'Ann\x1dV\x00Smith'],
    ['DLE EOT (status query)', 'Ann\x10\x04\x01Smith'],
    ['a bare NUL', 'Ann\x00Smith'],
    ['a lone ESC before a letter', 'Ann\x1bZSmith'],
    ['a bell (Star drawer kick)', 'Ann\x07Smith'],
  ] as const;

  describe.each(['epson', 'star'] as const)('on %s', (model) => {
    const clean = (() => {
      const p = printer(model);
      p.println('AnnSmith');
      return read(p, model);
    })();

    it.each(hostile)('%s shows up as a command or unknown bytes', (_what, name) => {
      const p = printer(model);
      p.println(name);
      const doc = read(p, model);
      const extraCommands = commandNames(doc).length - commandNames(clean).length;
      expect(extraCommands + doc.unknown.length).toBeGreaterThan(0);
      for (const u of doc.unknown) expect(u.offset).toBeGreaterThanOrEqual(0);
    });
  });

  it('a GS V in a name is read as a cut on Epson (ignored mid-line, with a warning)', () => {
    const p = printer('epson');
    p.println('Ann\x1dV\x00Smith');
    const doc = read(p, 'epson');
    expect(doc.commands.some((c) => c.name === 'GS V' && c.note === 'ignored mid-line')).toBe(true);
  });

  it('an ESC @ in a name throws away the text before it', () => {
    const p = printer('epson');
    p.println('Ann\x1b@Smith');
    const doc = read(p, 'epson');
    expect(textLines(doc)).toEqual(['Smith']);
    expect(doc.warnings[0]?.message).toMatch(/discarded unprinted text "Ann"/);
  });

  it('decodes any byte stream without throwing, the same in chunks as at once', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom<PrinterModel>('epson', 'star'), fc.integer({ min: 1, max: 17 }), (bytes, model, chunk) => {
        const whole = decode(bytes, { model });
        const stream = new StreamDecoder({ model });
        for (let i = 0; i < bytes.length; i += chunk) stream.push(bytes.subarray(i, i + chunk));
        expect(stream.finish()).toEqual(whole);
        expect(whole.byteLength).toBe(bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it('prints every ordinary ASCII character as itself', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ -~]{1,40}$/), fc.constantFrom<PrinterModel>('epson', 'star'), (text, model) => {
        const p = printer(model);
        p.println(text);
        const doc = read(p, model);
        expect(doc.unknown).toEqual([]);
        expect(textLines(doc)).toEqual([text]);
      }),
      { numRuns: 100 },
    );
  });
});
