// The rules for text a visitor types (shared by the kiosk screens and the core).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskName, nameKey, textLength, textProblem, tidyText, visitorText } from '../../shared/text.js';

describe('tidyText', () => {
  it('normalises to NFC, trims, and collapses runs of spaces, tabs, newlines and non-breaking spaces', () => {
    expect(tidyText('  Zoe\u0308 \t\n Rene\u0301e\u00a0\u00a0Smith  ')).toBe('Zoë Renée Smith');
  });

  it('keeps joiners that scripts and emoji need', () => {
    expect(tidyText('👩\u200d👩\u200d👧')).toBe('👩\u200d👩\u200d👧');
    expect(tidyText('র\u200d্যাব')).toBe('র\u200d্যাব');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(tidyText(tidyText(s))).toBe(tidyText(s));
      }),
    );
  });
});

describe('textLength', () => {
  it('counts code points, as a person counts characters', () => {
    expect(textLength('abc')).toBe(3);
    expect(textLength('🙂🙂')).toBe(2);
    expect(textLength('محمد')).toBe(4);
    expect(textLength('王小明')).toBe(3);
  });
});

describe('textProblem', () => {
  it.each([
    ['', 'required'],
    ['   ', 'required'],
    ['\u3000\u2003\u00a0', 'required'],
    ['\u200b', 'required'],
    ['\u200d\u200c\u2060', 'required'],
    ['\u3164', 'required'], // Hangul filler: renders as nothing
    ['Jane\u0000', 'controlChars'],
    ['\u001b[2J', 'controlChars'],
    ['a\u007f', 'controlChars'],
    ['a\u0080', 'controlChars'],
    ['a\u009f', 'controlChars'],
    ['a\u202a', 'controlChars'],
    ['a\u202e', 'controlChars'],
    ['a\u2066', 'controlChars'],
    ['a\u2069', 'controlChars'],
    ['\ufeffa', 'controlChars'],
    ['a\u000b', 'controlChars'],
    ['\ud800', 'malformed'],
    ['a\udfff', 'malformed'],
    ['x'.repeat(11), 'tooLong'],
    ['🙂'.repeat(11), 'tooLong'],
  ])('finds %j a %s problem (required, max 10)', (raw, problem) => {
    expect(textProblem(raw, 10, true)).toBe(problem);
  });

  it.each(['Jane', 'x'.repeat(10), '🙂'.repeat(10), "O'Brien", 'Łódź', '山田 太郎', 'a\tb', 'a\r\nb', '\u200bJo'])('accepts %j', (raw) => {
    expect(textProblem(raw, 10, true)).toBeNull();
  });

  it('lets an optional field be empty, but not contain control characters', () => {
    expect(textProblem('', 10, false)).toBeNull();
    expect(textProblem('  ', 10, false)).toBeNull();
    expect(textProblem('\u0007', 10, false)).toBe('controlChars');
  });

  it('measures length after tidying', () => {
    expect(textProblem(`  ${'x'.repeat(10)}    `, 10, true)).toBeNull();
  });

  it('never lets a control character, bidi mark or lone surrogate through', () => {
    const bad = fc.constantFrom('\u0000', '\u0008', '\u001b', '\u007f', '\u0085', '\u009b', '\u202e', '\u2067', '\ufeff', '\ud83d', '\ude00');
    fc.assert(
      fc.property(fc.string(), bad, fc.string(), (a, x, b) => {
        expect(textProblem(a + x + b, 10_000, false)).not.toBeNull();
      }),
    );
  });
});

describe('visitorText (the contract field)', () => {
  const field = visitorText(10, { required: true });

  it('returns the tidied text', () => {
    expect(field.parse('  Zoe\u0308  ')).toBe('Zoë');
  });

  it('gives one problem, with the limit, however long the text is', () => {
    for (const raw of ['x'.repeat(11), 'x'.repeat(100_000)]) {
      const r = field.safeParse(raw);
      expect(r.success).toBe(false);
      expect(r.error!.issues).toHaveLength(1);
      expect(r.error!.issues[0]).toMatchObject({ message: 'tooLong', params: { max: 10 } });
    }
  });

  it('refuses anything that is not a string as required', () => {
    expect(field.safeParse(undefined).error!.issues[0]!.message).toBe('required');
  });

  it('accepts what textProblem accepts and refuses what it refuses', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 14 }), (raw) => {
        expect(field.safeParse(raw).success).toBe(textProblem(raw, 10, true) === null);
      }),
    );
  });
});

describe('nameKey (recognising a returning visitor)', () => {
  it('ignores case, spacing and compatibility forms', () => {
    expect(nameKey('  JANE   Smith ')).toBe(nameKey('jane smith'));
    expect(nameKey('Zoe\u0308')).toBe(nameKey('ZOË'));
    expect(nameKey('ＪＡＮＥ')).toBe('jane'); // full-width letters
  });

  it('keeps different people apart', () => {
    expect(nameKey('Jane Smith')).not.toBe(nameKey('Jane Smyth'));
    expect(nameKey('Łukasz')).not.toBe(nameKey('Lukasz'));
  });
});

describe('maskName (what the kiosk may show to whoever stands at it)', () => {
  it.each([
    ['Jane Smith', 'Jane S.'],
    ['  jane   smith  ', 'jane S.'],
    ['Mary Ann de la Cruz', 'Mary C.'],
    ['Zoë Ångström', 'Zoë Å.'],
    ['łukasz żółć', 'łukasz Ż.'],
    ['محمد عبد الله', 'محمد ا.'],
    ['Cher', 'Cher'],
    ['Sam 🙂', 'Sam 🙂.'],
    ['', ''],
  ])('shows %j as %j', (full, masked) => {
    expect(maskName(full)).toBe(masked);
  });

  it('shortens a very long first name', () => {
    expect(maskName(`${'A'.repeat(30)} Smith`)).toBe(`${'A'.repeat(20)}… S.`);
  });

  it('never shows more than the first name and one letter of the last', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z]{1,15}$/),
        fc.stringMatching(/^[A-Za-z]{2,15}$/),
        fc.stringMatching(/^[A-Za-z]{2,15}$/),
        (first, middle, last) => {
          const m = maskName(`${first} ${middle} ${last}`);
          expect(m).toBe(`${first} ${last[0]!.toUpperCase()}.`);
        },
      ),
    );
  });
});
