// What visitor text may reach a thermal printer: only glyphs of the job's code page. Controls
// that printers obey as commands are removed, accents the page has are kept, the rest is
// spelled in plain letters, and text in a script no page holds is drawn from a font instead.
import fs from 'node:fs';
import fc from 'fast-check';
import { CharacterSet, PrinterTypes, ThermalPrinter } from 'node-thermal-printer';
import { describe, expect, it } from 'vitest';
import { codePageByte, codePageHas, LIBRARY_CHARACTER_SET, PRINTER_CODE_PAGES } from '../../core/printing/codepages.js';
import { canDraw, useFontFiles } from '../../core/printing/fonts.js';
import { chooseCodePage, cleanText, fitToCodePage, nonLatinScript, planText } from '../../core/printing/sanitize.js';
import type { CodePage } from '../../core/printing/types.js';

const PAGES: CodePage[] = ['PC437', 'PC850', 'PC852', 'PC858', 'WPC1252'];
const hasDejaVu = fs.existsSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf');

/** Any string, weighted towards what breaks printers: controls, bidi marks, emoji, other scripts. */
const nasty = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\x00', '\x1b', '\x1d', '\x10', '\x04', '\x0a', '\x0d', '\x7f', '\x85', '\x9b', '\u202e', '\u2066', '\u200f', '\ufeff', '\u00ad', '\u200d'),
    fc.constantFrom('Ł', 'ß', 'é', 'Å', '’', '—', '…', '€', 'ő', 'Ж', 'α', 'ع', 'ক', '王', '😀', '👩‍👩‍👧', '🇬🇧', '\ud800'),
    fc.string({ unit: 'grapheme', maxLength: 1 }),
    fc.string({ unit: 'binary', maxLength: 1 }),
  ),
  maxLength: 40,
});

describe('cleaning text', () => {
  it.each([
    ['ESC', 'Jane\x1b\x1bSmith'],
    ['GS', 'Jane\x1d\x1dSmith'],
    ['DLE', 'Jane\x10\x04\x01Smith'],
    ['NUL', 'Jane\x00Smith'],
    ['DEL', 'Jane\x7fSmith'],
    ['C1 (CSI, reverse line feed)', 'Jane\x9b\x8dSmith'],
    ['bidi override', 'Jane\u202eSmith'],
    ['bidi isolate and marks', 'Jane\u2066\u200e\u200f\u2069Smith'],
    ['byte order mark', '\ufeffJaneSmith'],
  ])('removes %s', (_what, raw) => {
    expect(cleanText(raw)).toBe('JaneSmith');
  });

  it('leaves the letters of a would-be command as harmless text', () => {
    // ESC @ (init), GS V 0 (cut): without ESC and GS, "@" and "V0" are just characters.
    expect(cleanText('Jane\x1b@\x1dV0Smith')).toBe('Jane@V0Smith');
  });

  it('turns tabs and line breaks into single spaces and trims', () => {
    expect(cleanText('  Jane\t\r\n  Smith\u00a0 ')).toBe('Jane Smith');
  });

  it('drops emoji, flags and skin tones (no printer font has them)', () => {
    expect(cleanText('Jane 😀 Smith 👍🏽🇬🇧')).toBe('Jane Smith');
    expect(cleanText('👩‍👩‍👧 Family')).toBe('Family');
  });

  it('keeps ©, ® and ™, which Unicode files under emoji', () => {
    expect(cleanText('Acme™ ©')).toBe('Acme™ ©');
  });

  it('normalises to NFC so an accent typed separately prints as one letter', () => {
    expect(cleanText('Zoe\u0308')).toBe('Zoë');
  });

  it('keeps the joiners that Arabic and Indic scripts need between letters', () => {
    expect(cleanText('ক্\u200dষ')).toBe('ক্\u200dষ');
  });

  it('never leaves a control character, whatever the input', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        expect(cleanText(s)).not.toMatch(/[\p{Cc}\u202a-\u202e\u2066-\u2069\u200e\u200f\ufeff]/u);
      }),
    );
  });
});

describe('fitting text to a code page', () => {
  it.each<[CodePage, string, string]>([
    ['PC858', 'Zoë Ångström', 'Zoë Ångström'],
    ['PC858', 'François Müller-Núñez', 'François Müller-Núñez'],
    ['PC852', 'Łukasz Wiśniewski', 'Łukasz Wiśniewski'],
    ['PC852', 'Dvořák Šťastný', 'Dvořák Šťastný'],
    ['PC858', 'Łukasz Wiśniewski', 'Lukasz Wisniewski'],
    ['PC858', 'Dvořák Šťastný', 'Dvorák Stastný'], // PC858 has á and ý
    ['PC437', 'Straße', 'Straße'],
    ['PC852', 'Ærø Ødegård', 'AEro Odegard'],
    ['PC437', 'Søren Kierkegaard', 'Soren Kierkegaard'],
    ['PC858', 'Đorđe Hœlderlin', 'Dorde Hoelderlin'],
    ['PC858', 'Nguyễn Thị Minh Khai', 'Nguyen Thi Minh Khai'],
    ['PC858', 'Türkiye İzmir ığdır', 'Türkiye Izmir igdir'],
    ['PC437', 'O’Brien “Jo” – Smith…', 'O\'Brien "Jo" - Smith...'],
    ['PC858', 'ﬁnn ＡＢＣ', 'finn ABC'],
    ['PC858', 'Олена Шевченко', 'Olena Shevchenko'],
    ['PC858', 'Григорій Сковорода', 'Hryhoriy Skovoroda'],
    ['PC858', 'Σοφία Παπαδοπούλου', 'Sofia Papadopoulou'],
    ['PC437', 'Σοφία', 'Sofia'], // PC437 has σ and α, but a half-Greek name helps nobody
    ['PC858', 'Ama Ɔsɛi', 'Ama Osei'],
  ])('%s: %s → %s', (cp, raw, printed) => {
    expect(fitToCodePage(raw, cp)).toBe(printed);
  });

  it('keeps the € sign where the page has it and spells it out where not', () => {
    expect(fitToCodePage('€5', 'PC858')).toBe('€5');
    expect(fitToCodePage('€5', 'PC437')).toBe('EUR5');
  });

  it('leaves out what has no readable stand-in, without question marks', () => {
    expect(fitToCodePage('Wang 王小明 Wei', 'PC858')).toBe('Wang Wei');
  });

  it.each(PAGES)('%s: every character it returns is one the page can print, and fitting twice changes nothing', (cp) => {
    fc.assert(
      fc.property(nasty, (s) => {
        const out = fitToCodePage(s, cp);
        for (const ch of out) expect(codePageHas(cp, ch), `U+${ch.codePointAt(0)!.toString(16)}`).toBe(true);
        expect(fitToCodePage(out, cp)).toBe(out);
        const questions = (t: string) => [...t].filter((c) => c === '?').length;
        // A '?' comes out only for a question mark that went in (？ and ﹖ are question marks too).
        expect(questions(out)).toBeLessThanOrEqual(questions(s.normalize('NFKD')) + [...s].filter((c) => c === '¿').length);
      }),
    );
  });
});

describe('code page tables', () => {
  it.each(PRINTER_CODE_PAGES.epson)('%s: node-thermal-printer sends each printable character as our table\'s byte, in that page', (cp) => {
    let checked = 0;
    for (let c = 0xa0; c < 0x3000; c++) {
      const ch = String.fromCodePoint(c);
      const byte = codePageByte(cp, ch);
      if (byte === undefined) continue;
      const p = new ThermalPrinter({ type: PrinterTypes.EPSON, interface: '', characterSet: CharacterSet[LIBRARY_CHARACTER_SET[cp] as keyof typeof CharacterSet] });
      const start = p.getBuffer().length;
      p.print(ch);
      expect([...p.getBuffer().subarray(start)], `${cp} ${ch}`).toEqual([byte]);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
  });
});

describe('choosing the code page for a badge', () => {
  it('keeps the configured page when it shows everything', () => {
    expect(chooseCodePage(['Zoë Ångström', 'Café'], 'PC858', 'epson')).toBe('PC858');
    expect(chooseCodePage(['Jane Smith'], 'PC437', 'star')).toBe('PC437');
  });

  it('switches to PC852 for a Polish or Czech name the configured page cannot show', () => {
    expect(chooseCodePage(['Łukasz Wiśniewski', 'Mrs Patel'], 'PC858', 'epson')).toBe('PC852');
    expect(chooseCodePage(['Dvořák'], 'WPC1252', 'star')).toBe('PC852');
  });

  it('never picks PC850 on a Star (the library sends it as PC437) but its twin PC858', () => {
    expect(chooseCodePage(['Jane'], 'PC850', 'star')).toBe('PC858');
    expect(chooseCodePage(['Jane'], 'PC850', 'epson')).toBe('PC850');
  });

  it('does not switch for letters it will transliterate anyway', () => {
    expect(chooseCodePage(['Σοφία'], 'PC858', 'epson')).toBe('PC858');
  });
});

describe('code-page text or a drawn image', () => {
  const always = () => true;
  const never = () => false;

  it('prints mostly-Latin text as code-page text', () => {
    expect(planText('Łukasz 王 Kowalski', 'PC852', always)).toEqual({ kind: 'text', text: 'Łukasz Kowalski' });
  });

  it('draws Arabic, Hebrew and other scripts in their own letters when a font has them', () => {
    expect(planText('محمد عبد الرحمن', 'PC858', always)).toEqual({ kind: 'image', text: 'محمد عبد الرحمن', latin: null });
    expect(planText('\u202eשרה כהן', 'PC858', always)).toEqual({ kind: 'image', text: 'שרה כהן', latin: null });
  });

  it('draws Cyrillic and Greek names with a Latin spelling to print under them', () => {
    expect(planText('Олена Шевченко', 'PC858', always)).toEqual({ kind: 'image', text: 'Олена Шевченко', latin: 'Olena Shevchenko' });
  });

  it('falls back to the Latin spelling, or says which script, when no font has the letters', () => {
    expect(planText('Олена', 'PC858', never)).toEqual({ kind: 'text', text: 'Olena' });
    expect(planText('রহিম উদ্দিন', 'PC858', never)).toEqual({ kind: 'unprintable', script: 'Bengali', text: '' });
    expect(planText('ਗੁਰਪ੍ਰੀਤ ਸਿੰਘ', 'PC858', never)).toMatchObject({ kind: 'unprintable', script: 'Gurmukhi' });
  });

  it('names the script a text is mostly in', () => {
    expect(nonLatinScript('Jane Smith')).toBeNull();
    expect(nonLatinScript('山田 はなこ')).toBe('Japanese');
    expect(nonLatinScript('王小明')).toBe('Chinese');
    expect(nonLatinScript('عمران خان')).toBe('Arabic');
  });

  it.skipIf(!hasDejaVu)('finds glyphs for Latin, Cyrillic, Greek, Hebrew and Arabic in the installed DejaVu fonts', () => {
    for (const t of ['Zoë Łukasz', 'Олена', 'Σοφία', 'שרה', 'محمد عبد الرحمن']) expect(canDraw(t), t).toBe(true);
  });

  it.skipIf(!hasDejaVu)('knows when no font has a script, instead of drawing boxes', () => {
    // As on a machine with only fonts-dejavu-core: no Bengali, Gurmukhi or Chinese glyphs.
    const dir = '/usr/share/fonts/truetype/dejavu';
    useFontFiles(fs.readdirSync(dir).map((f) => `${dir}/${f}`));
    try {
      for (const t of ['রহিম', 'ਗੁਰਪ੍ਰੀਤ', '王小明', 'ے']) expect(canDraw(t), t).toBe(false);
      expect(canDraw('محمد')).toBe(true);
    } finally {
      useFontFiles(null);
    }
  });
});
