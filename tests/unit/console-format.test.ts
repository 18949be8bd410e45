// The office console's plain-words helpers (renderer/console/src/format.ts): phone status as on
// the badge, durations, clock drift, field problems, the CSV export's query, and the routes a
// role can reach.
import { describe, expect, it } from 'vitest';
import { clockWarning, duration, errorFor, fieldErrors, historyParams, lockerName, phoneStatus, problemText, recurrenceText, slugId } from '../../renderer/console/src/format.js';
import { pagesFor, parseRoute } from '../../renderer/console/src/routes.js';

describe('console format', () => {
  it('says where a phone is in the badge words, and a revoked exemption loudly', () => {
    expect(phoneStatus({ phone: { kind: 'locker', lockerId: 'l12', lockerLabel: '12', lockerKind: 'locker' }, exemptionRevoked: false })).toEqual({ text: 'Locker 12', tone: 'ok' });
    expect(phoneStatus({ phone: { kind: 'locker', lockerId: 'l12', lockerLabel: 'Locker 12', lockerKind: 'locker' }, exemptionRevoked: false }).text).toBe('Locker 12');
    expect(phoneStatus({ phone: { kind: 'locker', lockerId: 'p', lockerLabel: 'B', lockerKind: 'pouch' }, exemptionRevoked: false }).text).toBe('Pouch B');
    expect(phoneStatus({ phone: { kind: 'reception' }, exemptionRevoked: false }).text).toBe('With reception');
    expect(phoneStatus({ phone: { kind: 'none' }, exemptionRevoked: false }).text).toBe('No phone');
    expect(phoneStatus({ phone: { kind: 'exemption', exemptionId: 'e' }, exemptionRevoked: false }).text).toBe('Device use approved (exemption)');
    expect(phoneStatus({ phone: { kind: 'exemption_pending', requestId: 'r' }, exemptionRevoked: false })).toEqual({ text: 'Approval pending', tone: 'warn' });
    const revoked = phoneStatus({ phone: { kind: 'exemption', exemptionId: 'e' }, exemptionRevoked: true });
    expect(revoked.tone).toBe('danger');
    expect(revoked.text).toMatch(/REVOKED/);
  });

  it('names lockers once, whatever the label', () => {
    expect(lockerName(' 7 ', 'locker')).toBe('Locker 7');
    expect(lockerName('locker 7', 'locker')).toBe('locker 7');
    expect(lockerName('Lockers wall', 'locker')).toBe('Locker Lockers wall');
  });

  it('gives time on site in plain words', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    expect(duration('2026-03-02T11:59:30Z', now)).toBe('under a minute');
    expect(duration('2026-03-02T11:48:00Z', now)).toBe('12 min');
    expect(duration('2026-03-02T08:55:00Z', now)).toBe('3 h 05 min');
    expect(duration('2026-02-25T12:00:00Z', now)).toBe('5 days');
    expect(duration('2026-03-02T12:05:00Z', now)).toBe('under a minute'); // a kiosk clock ahead
  });

  it('warns of a kiosk clock more than two minutes out', () => {
    expect(clockWarning({ clockOffsetMs: null })).toBeNull();
    expect(clockWarning({ clockOffsetMs: 90_000 })).toBeNull();
    expect(clockWarning({ clockOffsetMs: 5 * 60_000 })).toMatch(/5 min fast/);
    expect(clockWarning({ clockOffsetMs: -3 * 60_000 })).toMatch(/3 min slow/);
  });

  it('turns the hub’s field problems into sentences, found by path or under it', () => {
    expect(problemText({ message: 'tooLong', max: 200 })).toBe('This is too long: at most 200 characters.');
    expect(problemText({ message: 'somethingNew' })).toBe('This is not valid.');
    const errors = fieldErrors([
      { path: 'validTo', message: 'beforeStart' },
      { path: 'locationIds', message: 'required' },
      { path: 'riskAssessment.hazards', message: 'required' },
      { path: 'recurrence.weekdays.0', message: 'invalid' },
      { path: 'validTo', message: 'invalid' },
    ]);
    expect(errors.validTo).toBe('This must be after the start.');
    expect(errorFor(errors, 'recurrence.weekdays', 'recurrence')).toBe('This is not valid.');
    expect(errorFor(errors, 'riskAssessment')).toBe('This is required.');
    expect(errorFor(errors, 'devices')).toBeUndefined();
  });

  it('builds the CSV export query from the same search, leaving out empty boxes', () => {
    expect(historyParams({ query: '', from: '', to: '', category: '' })).toBe('');
    expect(historyParams({ query: ' Ann Lee ', from: '2026-03-01', to: '', category: 'contractor' })).toBe('query=Ann+Lee&from=2026-03-01&category=contractor');
  });

  it('describes weekly validity', () => {
    expect(recurrenceText({ kind: 'single' })).toBe('Single visit period');
    expect(recurrenceText({ kind: 'weekly', weekdays: [4, 2] })).toBe('Every Tuesday and Thursday');
    expect(recurrenceText({ kind: 'weekly', weekdays: [1, 3, 5] })).toBe('Every Monday, Wednesday and Friday');
  });

  it('makes contract-safe ids for new reference rows', () => {
    expect(slugId('Room 4 (SEN)', new Set())).toBe('room-4-sen');
    expect(slugId('Room 4', new Set(['room-4', 'room-4-2']))).toBe('room-4-3');
    expect(slugId('غرفة', new Set())).toBe('item');
    expect(slugId('Salle réunion', new Set())).toBe('salle-reunion');
  });
});

describe('console navigation by role', () => {
  it('shows each role only the pages it can use', () => {
    const paths = (r: Parameters<typeof pagesFor>[0]) => pagesFor(r).map((p) => p.path);
    expect(paths('office')).not.toContain('staff');
    expect(paths('office')).not.toContain('policy');
    expect(paths('office')).not.toContain('site-lists');
    expect(paths('office')).toContain('breaches');
    expect(paths('office')).toContain('desk'); // reception's printer buttons are office staff's
    expect(paths('head')).toContain('policy');
    expect(paths('head')).not.toContain('audit');
    expect(paths('admin')).toEqual(expect.arrayContaining(['staff', 'audit', 'site-lists', 'policy', 'kiosks']));
  });

  it('sends an unknown or forbidden address to the first page', () => {
    expect(parseRoute('#/exemptions/abc', 'office')).toEqual({ page: 'exemptions', rest: ['abc'] });
    expect(parseRoute('#/staff', 'office')).toEqual({ page: 'on-site', rest: [] });
    expect(parseRoute('', 'dsl')).toEqual({ page: 'on-site', rest: [] });
  });
});
