// What the hub tells people, read off a real SMTP server (smtp-server) and parsed (mailparser):
// the host when their visitor signs in, the DSL and deputies when a concern is logged (and
// nothing of what it says), an urgent concern repeated until a DSL opens it, the head when a
// device-use request arrives from a kiosk, and reception at the end-of-day review.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { notifyConcernLogged, scheduleNotices } from '../../core/office/notifications/notices.js';
import { ACTORS, disposeHub, eventSource, locker } from '../support/officeDomain.js';
import { deliver, outbox, push, notifyTestHub } from '../support/notifyHub.js';
import type { TestSmtp } from '../support/smtpServer.js';
import type { Clock } from '../support/tempKiosk.js';

let hub: Hub;
let clock: Clock;
let smtp: TestSmtp;
beforeEach(async () => {
  ({ hub, clock, smtp } = await notifyTestHub({ time_zone: 'Europe/London' })); // 09:00 in London (GMT)
});
afterEach(async () => {
  await smtp.stop();
  disposeHub(hub);
});

const { office, dsl, head } = ACTORS;
const k = () => eventSource('k-1');
const byRecipient = () => Object.fromEntries(smtp.received.map((r) => [r.rcptTo.join(','), r.mail]));

const CONCERN = {
  person: 'Man in a blue coat, visitor badge 14',
  location: 'Year 2 corridor',
  what: 'Was filming the class assembly through the hall door on his phone.',
  actionTaken: 'Asked him to stop; escorted to reception.',
};
const DETAIL_WORDS = ['blue coat', 'badge 14', 'Year 2', 'filming', 'assembly', 'escorted'];

describe('the host, when their visitor signs in', () => {
  it('gets who, when, where the phone is, once however often the push comes', async () => {
    const src = k();
    const v = src.arrive({ fullName: 'Tom Blue', organisation: 'Blue Plumbing Ltd', at: clock.now().toISOString(), phone: locker(3) });
    push(hub, v.events, clock.now());
    push(hub, v.events, clock.now()); // a retried push stores nothing new and queues nothing
    expect(await deliver(hub, clock.now)).toMatchObject({ sent: 1 });
    const [m] = await smtp.waitFor(1);
    expect(m!.rcptTo).toEqual(['office.host@school.test']);
    expect(m!.mail.subject).toBe('Your visitor has signed in: Tom Blue');
    expect(m!.mail.from?.text).toBe('office-hub@school.test');
    expect(m!.mail.text).toContain('Tom Blue (Blue Plumbing Ltd) signed in at 09:00 on Monday 2 March, at Main entrance kiosk, to see School office.');
    expect(m!.mail.text).toContain('Their phone: in locker Locker 3.');
    expect(m!.mail.messageId).toBe(`<${outbox(hub)[0]!.id}@phone-safe-hub>`);
    expect(outbox(hub)).toMatchObject([{ kind: 'host_arrival', status: 'sent', attempts: 1 }]);
    expect(await deliver(hub, clock.now)).toMatchObject({ tried: 0 });
  });

  it('is not sent for an arrival that reaches the hub hours late (a kiosk that was offline), nor for a host with no address', async () => {
    const src = k();
    push(hub, src.arrive({ fullName: 'Late Larry', at: '2026-03-02T06:00:00.000Z' }).events, clock.now());
    push(hub, src.arrive({ fullName: 'Nora None', hostName: 'Site manager', at: clock.now().toISOString() }).events, clock.now());
    // hostName is what the kiosk showed; the host's address is found by the host's id ('office' in eventSource)
    expect(outbox(hub).map((r) => r.recipient)).toEqual(['office.host@school.test']);
    hub.core.run('notifications.save', { ...current(), hostEmails: { office: '' } }, ACTORS.admin);
    push(hub, src.arrive({ fullName: 'Olga Other', at: clock.now().toISOString() }).events, clock.now());
    expect(outbox(hub)).toHaveLength(1);
  });
});

function current() {
  const v = hub.core.run('notifications.get', {}, ACTORS.admin);
  return { settings: v.settings };
}

describe('the DSL and deputies, when a concern is logged', () => {
  it('are told at once that a concern exists, with a link, and nothing of what it says', async () => {
    const b = hub.core.run('breaches.log', { ...CONCERN, visitId: null }, office).breach;
    await deliver(hub, clock.now);
    await smtp.waitFor(2);
    expect(smtp.received.map((r) => r.rcptTo[0]).sort()).toEqual(['deputy@school.test', 'dsl@school.test']);
    for (const { mail, raw } of smtp.received) {
      expect(mail.subject).toBe('A concern was logged for the DSL');
      expect(mail.text).toContain('A breach or concern was logged at 09:00 on Monday 2 March.');
      expect(mail.text).toContain('https://office.school.test/#/breaches');
      for (const w of DETAIL_WORDS) expect(raw.toLowerCase()).not.toContain(w.toLowerCase());
      expect(raw).not.toContain(b.id); // not even the record's id
      expect(raw).not.toContain('Ofelia'); // nor who logged it
    }
  });

  it('an urgent concern also goes to the head and is repeated until a DSL opens it', async () => {
    const b = hub.core.run('breaches.log', { ...CONCERN, visitId: null }, office).breach;
    hub.db.transaction(() => notifyConcernLogged(hub.db, b.id, { urgent: true, at: clock.now() })).immediate();
    await deliver(hub, clock.now);
    await smtp.waitFor(5);
    const subjects = () => smtp.received.map((r) => `${r.rcptTo[0]} ${r.mail.subject}`).sort();
    expect(subjects()).toEqual([
      'deputy@school.test A concern was logged for the DSL',
      'deputy@school.test URGENT: a concern was logged for the DSL',
      'dsl@school.test A concern was logged for the DSL',
      'dsl@school.test URGENT: a concern was logged for the DSL',
      'head@school.test URGENT: a concern was logged for the DSL',
    ]);
    for (const { raw } of smtp.received) for (const w of DETAIL_WORDS) expect(raw.toLowerCase()).not.toContain(w.toLowerCase());

    const tickAndDeliver = async () => {
      scheduleNotices(hub.db, clock.now());
      await deliver(hub, clock.now);
    };
    clock.advance(14 * 60_000);
    await tickAndDeliver();
    expect(smtp.received).toHaveLength(5); // not yet: every 15 minutes
    clock.advance(60_000);
    await tickAndDeliver();
    await tickAndDeliver(); // a second tick (or process) in the same interval adds nothing
    await smtp.waitFor(8);
    expect(smtp.received.slice(5).map((r) => `${r.rcptTo[0]} ${r.mail.subject}`).sort()).toEqual([
      'deputy@school.test URGENT (reminder 1): a concern is waiting for the DSL',
      'dsl@school.test URGENT (reminder 1): a concern is waiting for the DSL',
      'head@school.test URGENT (reminder 1): a concern is waiting for the DSL',
    ]);
    clock.advance(15 * 60_000);
    await tickAndDeliver();
    await smtp.waitFor(11);
    // The DSL opens the list: the reminders stop.
    hub.core.run('breaches.list', {}, dsl);
    clock.advance(60 * 60_000);
    await tickAndDeliver();
    expect(smtp.received).toHaveLength(11);
  });

  it('the head opening the list does not stop the reminders: only a DSL does', async () => {
    const b = hub.core.run('breaches.log', { ...CONCERN, visitId: null }, office).breach;
    hub.db.transaction(() => notifyConcernLogged(hub.db, b.id, { urgent: true, at: clock.now() })).immediate();
    hub.core.run('breaches.list', {}, head);
    clock.advance(15 * 60_000);
    scheduleNotices(hub.db, clock.now());
    expect(outbox(hub).filter((r) => r.kind === 'concern_urgent')).toHaveLength(6);
  });
});

describe('the head, when a device-use request is made at the kiosk', () => {
  it('is told who asked and where to decide; nobody else is', async () => {
    const src = k();
    const v = src.arrive({ fullName: 'Dr Ann Lee', category: 'professional', organisation: 'NHS Trust', agencyRole: 'Paediatrician', at: clock.now().toISOString(), deviceRequestId: 'req-1', phone: { kind: 'exemption_pending', requestId: 'req-1' } });
    push(hub, v.events, clock.now());
    await deliver(hub, clock.now);
    await smtp.waitFor(2);
    const mails = byRecipient();
    expect(Object.keys(mails).sort()).toEqual(['head@school.test', 'office.host@school.test']);
    const toHead = mails['head@school.test']!;
    expect(toHead.subject).toBe('Device-use request to decide: Dr Ann Lee');
    const exemption = hub.db.prepare("SELECT id FROM exemptions WHERE request_id = 'req-1'").pluck().get() as string;
    expect(toHead.text).toContain('Dr Ann Lee (NHS Trust, Paediatrician) asked at the kiosk at 09:00 on Monday 2 March to use their device during the visit.');
    expect(toHead.text).toContain(`https://office.school.test/#/exemptions/${exemption}`);
    expect(mails['office.host@school.test']!.text).toContain('Their phone: kept by them: device use requested, waiting for the head.');
  });
});

describe('reception, at the end-of-day review', () => {
  it('gets the visits still open and the phones not collected, once, at the review time', async () => {
    hub.core.run('endOfDay.configure', { reviewAt: '16:30', autoSignOutAt: null }, ACTORS.admin);
    const src = k();
    push(hub, src.arrive({ fullName: 'Stay Late', at: '2026-03-02T09:00:00.000Z' }).events, clock.now());
    const gone = src.arrive({ fullName: 'Forgot Phone', at: '2026-03-02T09:05:00.000Z', phone: locker(4) });
    push(hub, [...gone.events, ...src.depart(gone.visitId, '2026-03-02T11:00:00.000Z', false)], clock.now());
    await deliver(hub, clock.now);
    smtp.received.length = 0;

    clock.set('2026-03-02T16:29:00.000Z');
    expect(scheduleNotices(hub.db, clock.now()).endOfDay).toBe(0);
    clock.set('2026-03-02T16:31:00.000Z');
    expect(scheduleNotices(hub.db, clock.now()).endOfDay).toBe(1);
    clock.advance(10 * 60_000);
    expect(scheduleNotices(hub.db, clock.now()).endOfDay).toBe(0); // once a day
    await deliver(hub, clock.now);
    const [m] = await smtp.waitFor(1);
    expect(m!.rcptTo).toEqual(['reception@school.test']);
    expect(m!.mail.subject).toBe('End of day: 1 visit still open, 1 phone not collected');
    expect(m!.mail.text).toContain('Still signed in:\n- Stay Late, signed in 09:00');
    expect(m!.mail.text).toContain('Phones not collected:\n- Forgot Phone, signed in 09:05');
    expect(m!.mail.text).toContain('https://office.school.test/#/end-of-day');
  });

  it('is not sent when nothing is left', () => {
    clock.set('2026-03-02T18:00:00.000Z');
    expect(scheduleNotices(hub.db, clock.now()).endOfDay).toBe(0);
  });
});

describe('switching kinds off and routing', () => {
  it('a kind switched off queues nothing; extra addresses and roles are added', async () => {
    const s = current().settings;
    hub.core.run('notifications.save', { settings: { ...s, routes: { ...s.routes, host_arrival: { ...s.routes.host_arrival, enabled: false }, concern_logged: { ...s.routes.concern_logged, roles: ['dsl', 'head'], addresses: ['Governor@School.test'] } } } }, ACTORS.admin);
    push(hub, k().arrive({ fullName: 'Tom Blue', at: clock.now().toISOString() }).events, clock.now());
    hub.core.run('breaches.log', { ...CONCERN, visitId: null }, office);
    expect(outbox(hub).map((r) => `${r.kind} ${r.recipient}`).sort()).toEqual([
      'concern_logged deputy@school.test',
      'concern_logged dsl@school.test',
      'concern_logged governor@school.test',
      'concern_logged head@school.test',
    ]);
  });
});

describe('sharing the hub\'s statements', () => {
  it('reading the notification settings leaves every other reader of site_settings as it was (the hub\'s signing identity)', async () => {
    const { readSettings } = await import('../../core/office/notifications/settings.js');
    const { hubIdentity } = await import('../../core/office/sync/identity.js');
    readSettings(hub.db);
    scheduleNotices(hub.db, clock.now());
    expect(hubIdentity(hub.db).publicKey).toMatch(/^[A-Za-z0-9+/]+=*$/);
  });
});

describe('a visit erased or purged', () => {
  it('takes its host notice with it: the outbox keeps no copy of the visitor\'s name', async () => {
    const { deleteHubVisits } = await import('../../core/office/retention/remove.js');
    const src = k();
    const a = src.arrive({ fullName: 'Erase Me', at: clock.now().toISOString() });
    const b = src.arrive({ fullName: 'Keep Me', at: clock.now().toISOString() });
    push(hub, [...a.events, ...b.events], clock.now());
    expect(outbox(hub)).toHaveLength(2);
    hub.db.transaction(() => deleteHubVisits(hub.db, [a.visitId]))();
    const left = hub.db.prepare('SELECT subject FROM notify_outbox').all() as { subject: string }[];
    expect(left).toEqual([{ subject: 'Your visitor has signed in: Keep Me' }]);
  });
});
