// One email address per field, refused with a reason staff understand: what the console's
// notification settings and "send a test message" accept (shared/notifications.ts).
import { describe, expect, it } from 'vitest';
import { emailProblem } from '../../shared/notifications.js';
import { oneLine, phoneWhere } from '../../core/office/notifications/notices.js';
import { backoffMs, MAX_ATTEMPTS } from '../../core/office/notifications/outbox.js';

describe('an address field', () => {
  it.each(['dsl@school.org.uk', 'a.b+notices@sub.school.example', ' reception@school.test '])('takes %j', (a) => expect(emailProblem(a)).toBeNull());

  it.each([
    ['dsl@school.org.uk\r\nBcc: spy@evil.test', 'must not contain a line break'],
    ['dsl@school.org.uk\nX: y', 'must not contain a line break'],
    ['a@school.test, b@school.test', 'must be one address only'],
    ['a@school.test;b@school.test', 'must be one address only'],
    ['a@school.test b@school.test', 'must be one address only'],
    ['Reception <reception@school.test>', 'must be a plain address'],
    ['"quoted"@school.test', 'must be a plain address'],
    ['no-at-sign.school.test', 'is not an email address'],
    ['a@localhost', 'is not an email address'],
    ['a@-bad-.test', 'is not an email address'],
    ['', 'is empty'],
    [`${'x'.repeat(250)}@school.test`, 'is longer than 254 characters'],
  ])('refuses %j: %s', (a, why) => expect(emailProblem(a)).toContain(why));
});

describe('text from visitors in a notice', () => {
  it('is one line: control characters and line separators become spaces, and it is cut short', () => {
    expect(oneLine('Eve\r\nBcc: x@y\u2028Z\u0000')).toBe('Eve Bcc: x@y Z');
    expect([...oneLine('é'.repeat(300), 120)]).toHaveLength(120);
  });

  it('says where the phone is as reception would', () => {
    expect(phoneWhere({ phone_custody: JSON.stringify({ kind: 'locker', lockerId: 'L3', lockerLabel: '3', lockerKind: 'pouch' }), phone_out_at: null })).toBe('in pouch 3');
    expect(phoneWhere({ phone_custody: JSON.stringify({ kind: 'reception' }), phone_out_at: null })).toBe('handed in at reception');
    expect(phoneWhere({ phone_custody: JSON.stringify({ kind: 'reception' }), phone_out_at: '2026-03-02T10:00:00.000Z' })).toBe('collected');
    expect(phoneWhere({ phone_custody: null, phone_out_at: null })).toBe('not recorded yet');
  });
});

describe('retries', () => {
  it('back off exponentially from 30 seconds to at most an hour', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(MAX_ATTEMPTS + 5)).toBe(60 * 60_000);
  });
});
