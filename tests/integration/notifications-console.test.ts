// Notifications through the console's API (the real HTTP server, sessions and CSRF): email set
// up with a password that stays on the hub, a test message to a real SMTP server that requires
// that password, a message the server refuses (550) shown as failed with the server's reason and
// sent again, and bad addresses refused with words that say what is wrong.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverDue } from '../../core/office/notifications/deliver.js';
import { passwordFile } from '../../core/office/notifications/settings.js';
import type { NotificationView, OutboxMessage } from '../../shared/notifications.js';
import { smtpSettings } from '../support/notifyHub.js';
import { browsersByRole, setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { startTestSmtp, type TestSmtp } from '../support/smtpServer.js';

let t: TestHub;
let smtp: TestSmtp;
let admin: OfficeBrowser;
const SMTP_PASSWORD = 'smtp app password 7f3a';
beforeEach(async () => {
  t = await startTestHub();
  smtp = await startTestSmtp({ auth: { user: 'hub@school.test', pass: SMTP_PASSWORD } });
  admin = await setUpHub(t);
});
afterEach(async () => {
  await smtp.stop();
  await t.close();
});

const deliver = () => deliverDue({ db: t.hub.db, dataDir: t.hub.dataDir, now: () => new Date(), log: () => {}, by: 'test' });
const value = <T>(a: { json: unknown }) => (a.json as { ok: true; value: T }).value;
const settings = (over: Partial<ReturnType<typeof smtpSettings>['smtp']> = {}) => {
  const s = smtpSettings(smtp.port);
  return { ...s, smtp: { ...s.smtp, username: 'hub@school.test', ...over } };
};

describe('setting up email', () => {
  it('keeps the SMTP password in a 0600 file on the hub and only ever says whether one is set', async () => {
    const saved = await admin.op('notifications.save', { settings: settings(), password: SMTP_PASSWORD });
    expect(saved.status).toBe(200);
    expect(value<NotificationView>(saved)).toMatchObject({ passwordSet: true, settings: { smtp: { host: '127.0.0.1', username: 'hub@school.test' } } });
    expect(saved.text).not.toContain(SMTP_PASSWORD);
    const file = passwordFile(t.hub.dataDir);
    expect(fs.readFileSync(file, 'utf8')).toBe(SMTP_PASSWORD);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const got = await admin.op('notifications.get');
    expect(got.text).not.toContain(SMTP_PASSWORD);
    expect(value<NotificationView>(got).passwordSet).toBe(true);
    // Not in the database, not in the audit log.
    const dump = JSON.stringify([t.hub.db.prepare('SELECT * FROM site_settings').all(), t.hub.db.prepare('SELECT * FROM audit_log').all()]);
    expect(dump).not.toContain(SMTP_PASSWORD);
    // Saving without a password keeps it; null removes it.
    await admin.op('notifications.save', { settings: settings() });
    expect(fs.readFileSync(file, 'utf8')).toBe(SMTP_PASSWORD);
    expect(value<NotificationView>(await admin.op('notifications.save', { settings: settings(), password: null })).passwordSet).toBe(false);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('sends a test message, logging in to the server with the stored password', async () => {
    await admin.op('notifications.save', { settings: settings(), password: SMTP_PASSWORD });
    const sent = await admin.op('notifications.test', { to: 'me@school.test' });
    expect(value<{ message: OutboxMessage }>(sent).message).toMatchObject({ kind: 'test', status: 'queued', recipient: 'me@school.test' });
    await deliver();
    const [m] = await smtp.waitFor(1);
    expect(m!.user).toBe('hub@school.test');
    expect(m!.mail.subject).toBe('Test message from the school office hub');
    const log = value<{ messages: OutboxMessage[] }>(await admin.op('notifications.log', {}));
    expect(log.messages[0]).toMatchObject({ kind: 'test', status: 'sent', attempts: 1 });
  });

  it('a wrong password is the server\'s final answer: failed, with its reason', async () => {
    await admin.op('notifications.save', { settings: settings(), password: 'not the password' });
    await admin.op('notifications.test', { to: 'me@school.test' });
    await deliver();
    const [m] = value<{ messages: OutboxMessage[] }>(await admin.op('notifications.log', {})).messages;
    expect(m).toMatchObject({ status: 'failed', nextAttemptAt: null });
    expect(m!.lastError).toContain('535');
    expect(smtp.received).toHaveLength(0);
  });
});

describe('a message the server refuses', () => {
  it('is failed with the server\'s reason, which every member of staff sees, and can be sent again', async () => {
    await admin.op('notifications.save', { settings: settings(), password: SMTP_PASSWORD });
    const staff = await browsersByRole(t, admin);
    smtp.mode = 'reject550';
    await admin.op('notifications.test', { to: 'nobody@school.test' });
    expect(await deliver()).toMatchObject({ failed: 1 });
    const log = await staff.office.op('notifications.log', { status: 'failed' });
    expect(log.status).toBe(200);
    const [m] = value<{ messages: OutboxMessage[] }>(log).messages;
    expect(m).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null, recipient: 'nobody@school.test' });
    expect(m!.lastError).toMatch(/^550 .*no such user here/);
    expect(await deliver()).toMatchObject({ tried: 0 }); // a final answer: not retried by itself

    smtp.mode = 'accept';
    const again = await staff.office.op('notifications.resend', { id: m!.id });
    expect(value<{ message: OutboxMessage }>(again).message).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await deliver()).toMatchObject({ sent: 1 });
    await smtp.waitFor(1);
    const audit = t.hub.db.prepare("SELECT actor FROM audit_log WHERE action = 'notifications.resend'").pluck().all();
    expect(audit).toEqual(['office user (office.user)']);
    // Reception may see the log and send again, not the settings.
    expect((await staff.office.op('notifications.get')).status).toBe(403);
    expect((await staff.office.op('notifications.save', { settings: settings() })).status).toBe(403);
  });
});

describe('bad input', () => {
  const refused = async (input: unknown, op = 'notifications.save') => {
    const res = await admin.op(op, input);
    expect(res.status).toBe(400);
    return (res.json as { ok: false; error: { message: string } }).error.message;
  };

  it('refuses an address with a line break (header injection) or several recipients, saying why', async () => {
    const s = settings();
    expect(await refused({ settings: { ...s, smtp: { ...s.smtp, from: 'hub@school.test\r\nBcc: spy@evil.test' } } })).toContain('The sender address must not contain a line break');
    expect(await refused({ settings: { ...s, routes: { ...s.routes, concern_logged: { ...s.routes.concern_logged, addresses: ['dsl@school.test, spy@evil.test'] } } } })).toContain(
      'must be one address only',
    );
    expect(await refused({ settings: s, hostEmails: { office: 'a@school.test; b@school.test' } })).toContain("A host's address must be one address only");
    expect(await refused({ settings: s, hostEmails: { office: 'Reception <reception@school.test>' } })).toContain('must be a plain address like name@school.org.uk');
    expect(await refused({ settings: s, hostEmails: { 'no-such-host': 'a@school.test' } })).toContain('not on the hosts list');
    expect(await refused({ settings: { ...s, webhooks: [{ id: 'teams', name: 'Teams', url: 'file:///etc/passwd' }] } })).toContain('must be a web address');
    expect(await refused({ to: 'me@school.test\nBcc: spy@evil.test' }, 'notifications.test')).toContain('must not contain a line break');
    expect(await refused({ to: 'a@school.test,b@school.test' }, 'notifications.test')).toContain('must be one address only');
    // Nothing of the refused saves was kept.
    expect(value<NotificationView>(await admin.op('notifications.get')).settings.smtp.enabled).toBe(false);
  });
});
