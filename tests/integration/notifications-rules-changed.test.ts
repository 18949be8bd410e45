// A visitor invited before the rules changed hears of it before the visit: by email (once per
// invitation, in the invitation's language, with the new version's text and hash recorded), or,
// when they were only sent a letter, the console lists them with "give them the new sheet" and a
// reprint carries the version in force. Real SMTP server; the letter list and the reprint also
// through the hub's real HTTP server, as the console calls them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { sha256Hex } from '../../core/policy/policy.js';
import { deleteExpected } from '../../core/office/retention/remove.js';
import { policyCanonicalText } from '../../shared/contract.js';
import type { OutdatedLetter } from '../../shared/invitations.js';
import { ACTORS, disposeHub } from '../support/officeDomain.js';
import { deliver, outbox, smtpSettings, notifyTestHub } from '../support/notifyHub.js';
import { setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { startTestSmtp, type TestSmtp } from '../support/smtpServer.js';
import type { Clock } from '../support/tempKiosk.js';

const { office, head, admin } = ACTORS;

const V1 = {
  en: { title: 'Phones at Hillside School', points: ['Phones stay in a locker while you are with pupils.'] },
  pl: { title: 'Telefony w Hillside School', points: ['Telefon pozostaje w szafce, gdy przebywasz z uczniami.'] },
};
const V2 = {
  en: { title: 'Phones at Hillside School', points: ['Phones stay in a locker while you are with pupils.', 'Smart watches go in the locker too.'] },
  pl: { title: 'Telefony w Hillside School', points: ['Telefon pozostaje w szafce, gdy przebywasz z uczniami.', 'Smartwatche również zostają w szafce.'] },
};
const V3 = { en: { title: 'Phones at Hillside School', points: ['No phones in classrooms.'] } };

describe('the rules change after an invitation by email', () => {
  let hub: Hub;
  let clock: Clock;
  let smtp: TestSmtp;
  beforeEach(async () => {
    ({ hub, clock, smtp } = await notifyTestHub({ site_name: 'Hillside School' }));
    hub.core.run('policy.publish', { texts: V1 }, head);
  });
  afterEach(async () => {
    await smtp.stop();
    disposeHub(hub);
  });

  const expected = (fullName: string, expectedOn = '2026-03-05') =>
    hub.core.run('expected.save', { fullName, organisation: 'County Social Care', category: 'professional', hostId: 'office', expectedOn, note: '', cancelled: false }, office).expected;
  const ruleMails = () => outbox(hub).filter((m) => m.kind === 'rules_changed');

  it('emails the invited visitor once, in the invitation\'s language, with the new rules and their hash recorded', async () => {
    const e = expected('Sam Worker');
    const { invitation } = hub.core.run('invitations.send', { expectedId: e.id, email: 'sam@county.test', language: 'pl', time: '10:00' }, office);
    await deliver(hub, clock.now);
    await smtp.waitFor(1); // the invitation itself

    // Same words again: nothing new is published, nobody is written to.
    hub.core.run('policy.publish', { texts: V1 }, head);
    expect(ruleMails()).toEqual([]);

    clock.set('2026-03-03T08:00:00.000Z');
    const v2 = hub.core.run('policy.publish', { texts: V2 }, head);
    expect(ruleMails()).toMatchObject([{ recipient: 'sam@county.test', status: 'queued' }]);
    const hash = sha256Hex(policyCanonicalText(V2.pl));
    expect(hub.db.prepare('SELECT policy_version_id, policy_version, policy_language, policy_text_hash FROM invitation_rule_notices WHERE invitation_id = ?').get(invitation.id)).toEqual({
      policy_version_id: v2.versionId,
      policy_version: v2.version,
      policy_language: 'pl',
      policy_text_hash: hash,
    });
    await deliver(hub, clock.now);
    const m = (await smtp.waitFor(2))[1]!.mail;
    expect(m.subject).toBe('Hillside School: zasady dotyczące urządzeń zmieniły się od czasu zaproszenia');
    expect(m.text).toContain('Zasady dotyczące telefonów i urządzeń w Hillside School zmieniły się po wysłaniu zaproszenia na wizytę w dniu czwartek, 5 marca 2026.');
    expect(m.text).toContain(`Zasady obowiązujące obecnie (wersja ${v2.version}):\n${V2.pl.title}\n- ${V2.pl.points[0]}\n- ${V2.pl.points[1]}`);
    expect(m.text).toContain(`Odcisk tekstu zasad (SHA-256): ${hash}`);
    expect(m.attachments).toEqual([]);

    // Once per invitation: a third version before the visit writes to nobody again.
    hub.core.run('policy.publish', { texts: V3 }, head);
    expect(ruleMails()).toHaveLength(1);
    // The publication's audit entry counts the emails.
    const audit = hub.db.prepare("SELECT detail FROM audit_log WHERE action = 'policy.publish' ORDER BY seq").all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail).rulesChangedEmails ?? 0)).toEqual([0, 1, 0]);
  });

  it('writes only about visits still to come and not cancelled, and only about the latest invitation of each', async () => {
    const past = expected('Past Visitor', '2026-03-01');
    const cancelled = expected('Cancelled Visitor');
    const reinvited = expected('Re Invited');
    const plain = expected('Plain Visitor');
    hub.db.prepare("UPDATE expected_visitors SET expected_on = '2026-02-27' WHERE id = ?").run(past.id); // invited, then the day went by
    for (const [x, email] of [[past, 'past@t.test'], [cancelled, 'cancelled@t.test'], [reinvited, 'old@t.test'], [plain, 'plain@t.test']] as const)
      hub.core.run('invitations.send', { expectedId: x.id, email, language: 'en', time: '' }, office);
    const { arrivedAt: _a, ...c } = cancelled;
    hub.core.run('expected.save', { ...c, cancelled: true }, office);
    // Invited again at another address: the latest invitation is the one written to.
    clock.set('2026-03-02T10:00:00.000Z');
    hub.core.run('invitations.send', { expectedId: reinvited.id, email: 'new@t.test', language: 'en', time: '' }, office);
    hub.core.run('policy.publish', { texts: V2 }, head);
    expect(ruleMails().map((m) => m.recipient).sort()).toEqual(['new@t.test', 'plain@t.test']);
    hub.core.run('policy.publish', { texts: V3 }, head);
    expect(ruleMails()).toHaveLength(2);
  });

  it('sends nothing while email is off (the kiosk still says it on the day)', () => {
    const e = expected('Sam Worker');
    hub.core.run('invitations.send', { expectedId: e.id, email: 'sam@county.test', language: 'en', time: '' }, office);
    const s = hub.core.run('notifications.get', {}, admin).settings;
    hub.core.run('notifications.save', { settings: { ...s, smtp: { ...s.smtp, enabled: false } } }, admin);
    hub.core.run('policy.publish', { texts: V2 }, head);
    expect(ruleMails()).toEqual([]);
  });

  it('goes with the expected visitor when the retention purge removes it', () => {
    const e = expected('Sam Worker');
    hub.core.run('invitations.send', { expectedId: e.id, email: 'sam@county.test', language: 'en', time: '' }, office);
    hub.core.run('invitations.letter', { expectedId: e.id, language: 'en', time: '' }, office);
    hub.core.run('policy.publish', { texts: V2 }, head);
    expect(ruleMails()).toHaveLength(1);
    hub.db.transaction(() => deleteExpected(hub.db, e.id, clock.now()))();
    const count = (t: string) => hub.db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get();
    expect([count('invitation_rule_notices'), count('invitation_letters'), ruleMails().length]).toEqual([0, 0, 0]);
  });
});

describe('the rules change after an invitation by letter (through the console\'s HTTP API)', () => {
  let t: TestHub;
  let smtp: TestSmtp;
  let browser: OfficeBrowser;
  beforeEach(async () => {
    t = await startTestHub();
    smtp = await startTestSmtp();
    browser = await setUpHub(t);
    await browser.op('notifications.save', { settings: smtpSettings(smtp.port) });
  });
  afterEach(async () => {
    await smtp.stop();
    await t.close();
  });

  const ok = <T>(a: { status: number; json: unknown; text: string }): T => {
    const j = a.json as { ok: boolean; value: T };
    if (!j?.ok) throw new Error(`${a.status} ${a.text}`);
    return j.value;
  };
  const outdated = async () => ok<{ letters: OutdatedLetter[] }>(await browser.op('invitations.outdatedLetters')).letters;

  it('lists a letter-only visitor once the rules change, until the letter is reprinted with the new version; an emailed visitor is not listed', async () => {
    const hostId = (t.hub.db.prepare('SELECT id FROM hosts WHERE active = 1 ORDER BY sort LIMIT 1').get() as { id: string }).id;
    const save = async (fullName: string) =>
      ok<{ expected: { id: string } }>(await browser.op('expected.save', { fullName, organisation: 'Parents', category: 'parent_carer', hostId, expectedOn: '2099-06-01', note: '' })).expected.id;
    const byLetter = await save('Lena Kowalska');
    const byEmail = await save('Omar Haddad');
    ok(await browser.op('invitations.letter', { expectedId: byLetter, language: 'pl', time: '09:30' }));
    ok(await browser.op('invitations.letter', { expectedId: byEmail, language: 'en', time: '' }));
    ok(await browser.op('invitations.send', { expectedId: byEmail, email: 'omar@home.test', language: 'en', time: '' }));
    expect(await outdated()).toEqual([]);

    const before = ok<{ policy: { version: number } }>(await browser.op('reference.get')).policy.version;
    const v = ok<{ version: number }>(await browser.op('policy.publish', { texts: V2 }));
    expect(v.version).toBe(before + 1);
    const [row, ...rest] = await outdated();
    expect(rest).toEqual([]);
    expect(row).toMatchObject({ expectedId: byLetter, language: 'pl', time: '09:30', letterVersion: before, currentVersion: v.version });

    // The reprint, in the letter's language and time, carries the version in force.
    const reprint = ok<{ pdfBase64: string }>(await browser.op('invitations.letter', { expectedId: byLetter, language: row!.language, time: row!.time }));
    expect(Buffer.from(reprint.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    expect(await outdated()).toEqual([]);
    expect(t.hub.db.prepare('SELECT policy_version FROM invitation_letters WHERE expected_id = ? ORDER BY printed_at').pluck().all(byLetter)).toEqual([before, v.version]);
  });
});
