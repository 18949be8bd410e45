// A visiting professional's device-use request recorded before the visit: it reaches the head's
// exemptions register as a request with the agency's risk assessment (a PDF, checked by its
// bytes, at most 5 MB) and the head's notice arrives by email; once the head decides, "Tell the
// visitor" emails the decision in the visitor's language. And the head's reminder N days before
// an approval ends, once, driven by a fake clock. Real SMTP server, real PDF bytes; the file
// refusals go through the hub's real HTTP server, as the console sends them.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import type { Language } from '../../shared/domain.js';
import { scheduleNotices } from '../../core/office/notifications/notices.js';
import { deleteExemption, deleteExpected } from '../../core/office/retention/remove.js';
import { renderPdf } from '../../core/reports/pdf.js';
import { ACTORS, disposeHub } from '../support/officeDomain.js';
import { deliver, outbox, smtpSettings, notifyTestHub } from '../support/notifyHub.js';
import { setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { startTestSmtp, type TestSmtp } from '../support/smtpServer.js';
import type { Clock } from '../support/tempKiosk.js';

const { office, head, admin } = ACTORS;

/** A real PDF, padded with a comment to about `bytes` long. */
function pdfOf(bytes = 0): Buffer {
  const pdf = renderPdf({ title: 'Risk assessment', at: new Date('2026-02-01T00:00:00Z') }, (doc) => void doc.fontSize(12).text('County Social Care: risk assessment for recording a child\'s voice.'));
  return bytes > pdf.length ? Buffer.concat([pdf, Buffer.from(`%${'x'.repeat(bytes - pdf.length - 2)}\n`)]) : pdf;
}

const request = (expectedId: string, file: { fileName: string; base64: string }, over: { language?: Language } = {}) => ({
  expectedId,
  email: 'sam.worker@county.test',
  language: 'pl' as Language,
  agencyRole: 'Social worker',
  devices: 'Work laptop and phone',
  purpose: 'Recording a child\'s voice for a court report',
  locationIds: ['staffroom'],
  requestedWindow: '',
  riskAssessment: file,
  ...over,
});

describe('a device-use request before the visit', () => {
  let hub: Hub;
  let clock: Clock;
  let smtp: TestSmtp;
  beforeEach(async () => {
    ({ hub, clock, smtp } = await notifyTestHub({ time_zone: 'Europe/London', site_name: 'Hillside School' }));
    hub.core.run('locations.save', { locations: [{ id: 'staffroom', name: 'Staff room', active: true }, { id: 'office', name: 'School office', active: true }] }, admin);
  });
  afterEach(async () => {
    await smtp.stop();
    disposeHub(hub);
  });

  const expected = (category: 'professional' | 'contractor' = 'professional') =>
    hub.core.run('expected.save', { fullName: 'Sam Worker', organisation: 'County Social Care', category, hostId: 'office', expectedOn: '2026-03-05', note: '', cancelled: false }, office).expected;

  it('goes into the head\'s register as a request with the risk assessment kept, and the head is told by email (no file in the mail)', async () => {
    const e = expected();
    const pdf = pdfOf();
    const { exemption, previsit } = hub.core.run('previsit.request', request(e.id, { fileName: 'RA Sam Worker.pdf', base64: pdf.toString('base64') }), office);
    expect(exemption).toMatchObject({ status: 'requested', source: 'staff', fullName: 'Sam Worker', organisation: 'County Social Care', agencyRole: 'Social worker', devices: 'Work laptop and phone', locations: ['Staff room'] });
    expect(hub.core.run('exemptions.list', { status: 'requested' }, head).exemptions.map((x) => x.id)).toEqual([exemption.id]);
    const sha = createHash('sha256').update(pdf).digest('hex');
    expect(previsit).toMatchObject({ exemptionId: exemption.id, expectedId: e.id, fileName: 'RA Sam Worker.pdf', fileSha256: sha, email: 'sam.worker@county.test', language: 'pl', toldAt: null });
    // The file itself, byte for byte, beside the register entry.
    const kept = hub.db.prepare('SELECT file_base64 FROM previsit_requests WHERE exemption_id = ?').get(exemption.id) as { file_base64: string };
    expect(Buffer.from(kept.file_base64, 'base64').equals(pdf)).toBe(true);

    expect(outbox(hub)).toMatchObject([{ kind: 'device_request', recipient: 'head@school.test', status: 'queued' }]);
    await deliver(hub, clock.now);
    const [m] = await smtp.waitFor(1);
    expect(m!.rcptTo).toEqual(['head@school.test']);
    expect(m!.mail.subject).toBe('Device-use request to decide before a visit: Sam Worker');
    expect(m!.mail.text).toContain('Sam Worker (County Social Care, Social worker), expected on Thursday, 5 March 2026, asks to use a device during the visit.');
    expect(m!.mail.text).toContain(`https://office.school.test/#/exemptions/${exemption.id}`);
    expect(m!.mail.attachments).toEqual([]);
    expect(hub.core.run('invitations.list', { expectedId: e.id }, office).previsit).toHaveLength(1);
  });

  it('is for visiting professionals only', () => {
    const e = expected('contractor');
    expect(() => hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: pdfOf().toString('base64') }), office)).toThrow(/for visiting professionals/);
  });

  it('refuses a risk assessment that is not a PDF by its bytes, whatever its name, and one over 5 MB; nothing is recorded', () => {
    const e = expected();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(() => hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: png.toString('base64') }), office)).toThrow(/must be a PDF file\. This file is not a PDF/);
    const big = pdfOf(5 * 1024 * 1024 + 1);
    expect(() => hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: big.toString('base64') }), office)).toThrow(/is 5\.1 MB; the largest file accepted is 5 MB/);
    // Exactly 5 MB is accepted.
    expect(hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: pdfOf(5 * 1024 * 1024).toString('base64') }), office).exemption.status).toBe('requested');
    expect(hub.db.prepare('SELECT COUNT(*) AS n FROM previsit_requests').get()).toEqual({ n: 1 });
  });

  it('after the head approves, "Tell the visitor" emails the decision and its conditions in their language; a refusal says why', async () => {
    const e = expected();
    const { exemption } = hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: pdfOf().toString('base64') }), office);
    expect(() => hub.core.run('previsit.tellVisitor', { exemptionId: exemption.id }, office)).toThrow(/has not decided this request yet/);
    hub.core.run(
      'exemptions.approve',
      { id: exemption.id, validFrom: '2026-03-05', validTo: '2026-03-05', recurrence: { kind: 'single' }, locationIds: ['staffroom'], devices: 'Work laptop', conditions: 'Only in the staff room. Never photograph pupils.' },
      head,
    );
    await deliver(hub, clock.now); // the head's notice
    const { previsit } = hub.core.run('previsit.tellVisitor', { exemptionId: exemption.id }, office);
    expect(previsit.toldAt).toBe(clock.now().toISOString());
    await deliver(hub, clock.now);
    const mails = await smtp.waitFor(2);
    const m = mails.find((x) => x.rcptTo[0] === 'sam.worker@county.test')!.mail;
    expect(m.subject).toBe('Twoja prośba o używanie urządzenia w Hillside School');
    expect(m.text).toContain('Dyrektor szkoły zatwierdził Twoją prośbę');
    expect(m.text).toContain('Ważne od czwartek, 5 marca 2026 do czwartek, 5 marca 2026.');
    expect(m.text).toContain('Work laptop');
    expect(m.text).toContain('Warunki:\nOnly in the staff room. Never photograph pupils.');
    expect(m.text).toContain('- Staff room');

    const other = hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: pdfOf().toString('base64') }, { language: 'en' }), office).exemption;
    hub.core.run('exemptions.refuse', { id: other.id, reason: 'The agency has not named a safeguarding lead.' }, head);
    hub.core.run('previsit.tellVisitor', { exemptionId: other.id }, office);
    await deliver(hub, clock.now);
    const refusal = (await smtp.waitFor(4)).find((x) => x.mail.subject === 'Your request to use a device at Hillside School')!.mail;
    expect(refusal.text).toContain('has not been approved by the headteacher');
    expect(refusal.text).toContain('Reason: The agency has not named a safeguarding lead.');
  });

  it('goes, with its file and the invitations, when the retention purge or an erasure removes the exemption or the expected visitor', async () => {
    const e = expected();
    const count = (table: string) => (hub.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    hub.core.run('invitations.send', { expectedId: e.id, email: 'sam@county.test', language: 'en', time: '' }, office);
    const first = hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: pdfOf().toString('base64') }), office).exemption;
    hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: pdfOf().toString('base64') }), office);
    expect([count('invitations'), count('previsit_requests')]).toEqual([1, 2]);
    hub.db.transaction(() => deleteExemption(hub.db, first.id, clock.now()))();
    expect(count('previsit_requests')).toBe(1);
    hub.db.transaction(() => deleteExpected(hub.db, e.id, clock.now()))();
    expect([count('invitations'), count('previsit_requests'), count('expected_visitors')]).toEqual([0, 0, 0]);
    expect(outbox(hub).filter((r) => r.kind === 'invitation')).toEqual([]);
  });

  it('reminds the head N days before an approval ends, once (fake clock)', async () => {
    const e = expected();
    const { exemption } = hub.core.run('previsit.request', request(e.id, { fileName: 'ra.pdf', base64: pdfOf().toString('base64') }), office);
    hub.core.run(
      'exemptions.approve',
      { id: exemption.id, validFrom: '2026-03-02', validTo: '2026-03-20', recurrence: { kind: 'weekly', weekdays: [4] }, locationIds: ['staffroom'], devices: 'Work laptop', conditions: 'Staff room only.' },
      head,
    );
    const s = hub.core.run('notifications.get', {}, admin).settings;
    hub.core.run('notifications.save', { settings: { ...s, expiryReminderDays: 5 } }, admin);
    await deliver(hub, clock.now); // the request's notice
    const expiring = () => outbox(hub).filter((r) => r.kind === 'approval_expiring');

    scheduleNotices(hub.db, clock.now()); // 18 days before: nothing
    expect(expiring()).toEqual([]);
    clock.set('2026-03-14T23:30:00.000Z'); // 6 days before (still the 14th in London)
    scheduleNotices(hub.db, clock.now());
    expect(expiring()).toEqual([]);
    clock.set('2026-03-15T08:00:00.000Z'); // 5 days before
    scheduleNotices(hub.db, clock.now());
    scheduleNotices(hub.db, clock.now());
    expect(expiring()).toMatchObject([{ recipient: 'head@school.test', status: 'queued' }]);
    await deliver(hub, clock.now);
    const m = (await smtp.waitFor(2)).find((x) => x.mail.subject?.startsWith('Device-use approval ends'))!.mail;
    expect(m.subject).toBe('Device-use approval ends in 5 days: Sam Worker');
    expect(m.text).toContain('The approval for Sam Worker (County Social Care) to use Work laptop ends on Friday, 20 March 2026.');
    // Once: the next days up to the last, nothing more (remembered in notify_expiry, which outlives the outbox's 30 days).
    for (const day of [16, 18, 20]) {
      clock.set(`2026-03-${day}T08:00:00.000Z`);
      scheduleNotices(hub.db, clock.now());
      expect(expiring()).toMatchObject([{ status: 'sent' }]);
    }
    expect(hub.db.prepare('SELECT COUNT(*) AS n FROM notify_expiry').get()).toEqual({ n: 1 });
  });
});

describe('the risk assessment through the console\'s HTTP API', () => {
  let t: TestHub;
  let smtp: TestSmtp;
  let browser: OfficeBrowser;
  beforeEach(async () => {
    t = await startTestHub();
    smtp = await startTestSmtp();
    browser = await setUpHub(t);
    await browser.op('notifications.save', { settings: smtpSettings(smtp.port) });
    await browser.op('locations.save', { locations: [{ id: 'staffroom', name: 'Staff room', active: true }] });
  });
  afterEach(async () => {
    await smtp.stop();
    await t.close();
  });

  const expectedId = async () => {
    const hostId = (t.hub.db.prepare('SELECT id FROM hosts WHERE active = 1 ORDER BY sort LIMIT 1').get() as { id: string }).id;
    const a = await browser.op('expected.save', { fullName: 'Sam Worker', organisation: 'County Social Care', category: 'professional', hostId, expectedOn: '2026-12-24', note: '' });
    return (a.json as { ok: true; value: { expected: { id: string } } }).value.expected.id;
  };

  it('accepts a 4 MB PDF, and refuses a 10 MB one and a non-PDF with a clear message (not "too much text")', async () => {
    const id = await expectedId();
    const ok = await browser.op('previsit.request', request(id, { fileName: 'ra.pdf', base64: pdfOf(4 * 1024 * 1024).toString('base64') }));
    expect(ok.status).toBe(200);

    const tooBig = await browser.op('previsit.request', request(id, { fileName: 'ra.pdf', base64: pdfOf(10 * 1024 * 1024).toString('base64') }));
    expect(tooBig.status).toBe(400);
    expect(tooBig.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'The risk assessment is 10.0 MB; the largest file accepted is 5 MB. Please ask the agency for a smaller PDF.' } });

    const word = Buffer.concat([Buffer.from('504b030414000600', 'hex'), Buffer.alloc(2000)]); // a .docx is a zip
    const notPdf = await browser.op('previsit.request', request(id, { fileName: 'risk assessment.pdf', base64: word.toString('base64') }));
    expect(notPdf.status).toBe(400);
    expect((notPdf.json as { error: { message: string } }).error.message).toMatch(/^The risk assessment must be a PDF file/);
    expect(t.hub.db.prepare('SELECT COUNT(*) AS n FROM previsit_requests').get()).toEqual({ n: 1 });
    // Other console calls keep their small limit.
    const big = await browser.op('expected.save', { fullName: 'x'.repeat(300 * 1024) });
    expect(big.status).toBe(413);
  });
});
