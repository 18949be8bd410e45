// The policy on every badge (issue #15), read back from the bytes sent to the printer: the
// approved places (not only on approved-use badges), one "never use devices in" line and the
// DSLs' names in the footer, each within its budget of two printed lines; a long list keeps
// whole names and says how many more.
import { describe, expect, it } from 'vitest';
import { badgeModel, type BadgeInput, type BadgeSite } from '../../core/printing/badge.js';
import { documentBytes } from '../../core/printing/escpos.js';
import { badgeDocument, type LayoutTarget } from '../../core/printing/layout.js';
import { POLICY_LINE_MAX, shortList } from '../../core/printing/policyLines.js';
import { PAPER } from '../../core/printing/types.js';
import { decode, findRun, textLines } from '../../core/printing/virtual/decode.js';

const POLICY = { approved: ['the school office', 'the staff room'], never: ['Changing rooms', 'Toilets', 'Swimming pool areas'], dsls: ['Emma Law', 'Lisa Bowden'] };
const site = (policy: BadgeSite['policy'] = POLICY): BadgeSite => ({ siteName: 'East Stour Primary School', timeZone: 'Europe/London', ...(policy ? { policy } : {}) });
const input = (over: Partial<BadgeInput> = {}): BadgeInput => ({
  badgeCode: 'K7M2Q9',
  badgeNumber: 42,
  fullName: 'Jane Smith',
  category: 'parent_carer',
  hostName: 'Mrs Patel',
  arrivedAt: '2026-12-03T08:10:00.000Z',
  phone: { kind: 'locker', lockerId: 'L12', lockerLabel: 'Locker 12', lockerKind: 'locker' },
  ...over,
});

const targets: [string, LayoutTarget][] = [
  ['Epson 80 mm', { type: 'epson', paperWidthMm: 80, characterSet: 'PC858' }],
  ['Star 80 mm', { type: 'star', paperWidthMm: 80, characterSet: 'PC858' }],
  ['Epson 58 mm', { type: 'epson', paperWidthMm: 58, characterSet: 'PC858' }],
];

/** The printed lines, as the printer would print them. */
function printed(target: LayoutTarget, over: Partial<BadgeInput> = {}, policy?: BadgeSite['policy']): string[] {
  const bytes = documentBytes(badgeDocument(badgeModel(input(over), site(policy ?? POLICY)), target), target);
  return textLines(decode(bytes, { model: target.type, dotWidth: PAPER[target.paperWidthMm].dots }));
}

/** The paragraph that starts with `prefix`: its lines, until the next paragraph. */
function paragraph(lines: string[], prefix: string, next: (l: string) => boolean): string[] {
  const i = lines.findIndex((l) => l.trim().startsWith(prefix));
  expect(i, `no line starts with "${prefix}" in:\n${lines.join('\n')}`).toBeGreaterThanOrEqual(0);
  const out = [lines[i]!.trim()];
  for (let j = i + 1; j < lines.length && !next(lines[j]!); j++) out.push(lines[j]!.trim());
  return out;
}

describe.each(targets)('the policy on a badge (%s)', (_name, target) => {
  const columns = PAPER[target.paperWidthMm].columns;

  it('prints the approved places and the never-here places under the phone line, and the DSLs in the footer', () => {
    const lines = printed(target);
    const text = lines.map((l) => l.trim()).join(' ');
    expect(text).toContain('Devices only in: the school office, the staff room');
    // 80 mm has room for all three; on 58 mm the last one becomes a count (the line's budget is two lines).
    expect(text).toContain(columns >= 48 ? 'NEVER use devices in: Changing rooms, Toilets, Swimming pool areas' : 'NEVER use devices in: Changing rooms, Toilets +1 more');
    expect(text).toContain('Safeguarding (DSL): Emma Law, Lisa Bowden');
    // Order: phone line, places, never-here, … badge code, then the DSLs last.
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('PHONE IN LOCKER 12')).toBeLessThan(at('Devices only in:'));
    expect(at('Devices only in:')).toBeLessThan(at('NEVER use devices'));
    expect(at('K7M2Q9')).toBeLessThan(at('Safeguarding (DSL):'));
    expect(at('Safeguarding (DSL):')).toBeGreaterThan(at('NEVER use devices'));
    // Nothing runs off the paper; the never-here line is bold.
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(columns);
    const bytes = documentBytes(badgeDocument(badgeModel(input(), site()), target), target);
    expect(findRun(decode(bytes, { model: target.type }), 'NEVER use devices')?.bold).toBe(true);
  });

  it('on every badge, not only approved-use ones: reception, no phone, approved use', () => {
    for (const phone of [{ kind: 'reception' }, { kind: 'none' }, { kind: 'exemption', exemptionId: 'e1' }] as const) {
      const text = printed(target, { phone }).join(' ');
      expect(text).toContain('Devices only in:');
      expect(text).toContain('NEVER use devices in:');
    }
  });

  it('a long list keeps whole names within two lines and says how many more', () => {
    const approved = ['Main hall', 'Library', 'Staff room', 'School office', 'Meeting room 2', 'Outside the main gate', 'Car park', 'Sports pavilion', 'Music room'];
    const never = ['Changing rooms', 'Toilets', 'Swimming pool areas', 'Nursery', 'Medical room', 'Sensory room', 'Early years garden'];
    const dsls = ['Emma Law', 'Lisa Bowden', 'Emma Blackmore', 'Sophie Sadler', 'Zana Fletcher', 'Jordan Charlesworth'];
    const lines = printed(target, {}, { approved, never, dsls });
    const isNext = (l: string) => /^\s*(NEVER|Safeguarding|-{5,}|K7M2Q9)/.test(l) || l.trim() === '';
    for (const [prefix, names] of [['Devices only in:', approved], ['NEVER use devices in:', never], ['Safeguarding (DSL):', dsls]] as const) {
      const para = paragraph(lines, prefix, isNext);
      expect(para.length).toBeLessThanOrEqual(POLICY_LINE_MAX);
      const joined = para.join(' ');
      const more = /\+(\d+) more$/.exec(joined);
      expect(more, joined).not.toBeNull();
      // The names shown are whole and in order, and with the count they account for every name.
      const shown = joined.slice(prefix.length + 1, more!.index - 1).split(', ');
      expect(shown).toEqual(names.slice(0, shown.length));
      expect(shown.length + Number(more![1])).toBe(names.length);
    }
  });
});

describe('shortening a list to the badge’s budget', () => {
  it('shows how: whole names, then "+N more", as many as fit two lines of the paper', () => {
    const places = ['Hall', 'Library', 'Staff room', 'School office', 'Meeting room 2'];
    expect(shortList('Devices only in: ', places, 48)).toBe('Devices only in: Hall, Library, Staff room, School office, Meeting room 2');
    expect(shortList('Devices only in: ', places, 24)).toBe('Devices only in: Hall, Library +3 more');
    expect(shortList('Devices only in: ', ['A very long place name that cannot fit'], 12)).toBe('Devices only in: 1 places: ask reception');
  });

  it('a badge queued before badges carried the policy still prints, without those lines', () => {
    const target = targets[0]![1];
    const model = badgeModel(input(), { siteName: 'East Stour Primary School', timeZone: 'Europe/London' });
    const text = textLines(decode(documentBytes(badgeDocument(model, target), target), { model: 'epson' })).join(' ');
    expect(text).toContain('PHONE IN LOCKER 12');
    expect(text).not.toContain('NEVER use devices');
  });
});
