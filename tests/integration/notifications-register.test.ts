// Reminders from the regular-visitor register, on a fake clock, through a real SMTP server:
// reception and the DSL hear a week (as set) before an active regular's last recorded check
// runs out, once; nobody hears of a check a newer one outlasts, or of a suspended person; and
// reception hears before the acceptable-use agreement's renewal day how many card holders will
// be asked again.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { scheduleNotices } from '../../core/office/notifications/notices.js';
import { ACTORS, disposeHub } from '../support/officeDomain.js';
import { deliver, outbox, notifyTestHub } from '../support/notifyHub.js';
import type { TestSmtp } from '../support/smtpServer.js';
import type { Clock } from '../support/tempKiosk.js';

const { office, admin } = ACTORS;

describe('reminders from the regular-visitor register', () => {
  let hub: Hub;
  let clock: Clock;
  let smtp: TestSmtp;
  beforeEach(async () => {
    ({ hub, clock, smtp } = await notifyTestHub({ time_zone: 'Europe/London' }, '2026-08-10T08:00:00.000Z'));
    const s = hub.core.run('notifications.get', {}, admin).settings;
    hub.core.run('notifications.save', { settings: { ...s, expiryReminderDays: 7 } }, admin);
  });
  afterEach(async () => {
    await smtp.stop();
    disposeHub(hub);
  });

  const person = (fullName: string, status: 'active' | 'suspended' = 'active') => {
    const host = hub.core.run('reference.get', {}, admin).hosts.find((h) => h.active)!;
    const { regular } = hub.core.run('regulars.save', { fullName, organisation: 'Friends of the School', role: 'Reading volunteer', category: 'volunteer', hostId: host.id, status }, office);
    return regular;
  };
  const check = (regularId: string, checkedOn: string, expiresOn: string) =>
    hub.core.run('regulars.addAssurance', { regularId, kind: 'enhanced_dbs_seen', checkedBy: 'Pat Office', checkedOn, expiresOn }, office);
  const sent = (kind: string) => outbox(hub).filter((r) => r.kind === kind);
  const tick = (iso: string) => {
    clock.set(iso);
    scheduleNotices(hub.db, clock.now());
  };

  it("tells reception and the DSL a week before an active regular's last check runs out, once", async () => {
    const jane = person('Jane Smith');
    check(jane.id, '2025-08-01', '2026-08-30');
    const omar = person('Omar Haddad'); // renewed in time: his newer check outlasts the old one
    check(omar.id, '2025-08-01', '2026-08-28');
    check(omar.id, '2026-08-01', '2029-08-01');
    const suki = person('Suki Tan', 'suspended');
    check(suki.id, '2025-08-01', '2026-08-29');

    tick('2026-08-22T08:00:00.000Z'); // 8 days before Jane's: nothing yet
    expect(sent('assurance_expiring')).toEqual([]);
    tick('2026-08-23T08:00:00.000Z'); // 7 days before
    tick('2026-08-23T12:00:00.000Z');
    expect(sent('assurance_expiring').map((r) => r.recipient).sort()).toEqual(['deputy@school.test', 'dsl@school.test', 'reception@school.test']);
    await deliver(hub, clock.now);
    const mail = (await smtp.waitFor(3)).map((m) => m.mail).find((m) => m.to && JSON.stringify(m.to).includes('reception@'))!;
    expect(mail.subject).toBe("A regular visitor's recorded check ends in 7 days: Jane Smith");
    expect(mail.text).toContain("Jane Smith's recorded check (Enhanced DBS certificate seen) ends on Sunday, 30 August 2026.");
    expect(mail.text).not.toMatch(/Omar|Suki/);

    for (const day of ['2026-08-25', '2026-08-29', '2026-08-30']) tick(`${day}T08:00:00.000Z`);
    expect(sent('assurance_expiring')).toHaveLength(3); // once, however many ticks
  });

  it("tells reception before the agreement's renewal day how many card holders will be asked again", async () => {
    const jane = person('Jane Smith');
    hub.core.run('regulars.issueCard', { id: jane.id }, office);
    person('No Card Yet');
    tick('2026-08-20T08:00:00.000Z'); // 12 days before 1 September
    expect(sent('agreement_renewal')).toEqual([]);
    tick('2026-08-25T08:00:00.000Z'); // 7 days before
    tick('2026-08-31T08:00:00.000Z');
    expect(sent('agreement_renewal').map((r) => r.recipient)).toEqual(['reception@school.test']);
    await deliver(hub, clock.now);
    const mail = (await smtp.waitFor(1)).map((m) => m.mail).find((m) => m.subject?.startsWith('The acceptable-use agreement'))!;
    expect(mail.subject).toBe('The acceptable-use agreement renews in 7 days');
    expect(mail.text).toContain('From that day the 1 regular visitor with a card will be asked to read and agree to it again');
  });
});
