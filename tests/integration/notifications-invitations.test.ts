// Invitations before the visit, read off a real SMTP server (smtp-server, parsed by mailparser):
// sent in the visitor's language with the phone policy AS THE VERSION IN FORCE (its text in that
// language, and the hash of that text recorded against the invitation and printed in the mail),
// the approved places, and a sign-in code with its QR; the same invitation as a letter PDF read
// back with pdftotext; a visitor name with header characters never becomes a header.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { sha256Hex } from '../../core/policy/policy.js';
import { policyCanonicalText } from '../../shared/contract.js';
import { normaliseSigninCode } from '../../core/office/invitations/compose.js';
import { ACTORS, disposeHub } from '../support/officeDomain.js';
import { deliver, outbox, notifyTestHub } from '../support/notifyHub.js';
import type { TestSmtp } from '../support/smtpServer.js';
import type { Clock } from '../support/tempKiosk.js';

/** jsqr is CommonJS with an ES-style default: under NodeNext its function is `.default`. */
const jsQR = jsqr.default;

let hub: Hub;
let clock: Clock;
let smtp: TestSmtp;
const { office, head, admin } = ACTORS;

const EN = { title: 'Phones at Hillside School', points: ['Phones stay in a locker while you are with pupils.', 'Never photograph a child.'] };
const AR = { title: 'الهواتف في مدرسة هيلسايد', points: ['تبقى الهواتف في خزانة أثناء وجودك مع التلاميذ.', 'لا تلتقط صورة لأي طفل أبدًا.'] };

beforeEach(async () => {
  ({ hub, clock, smtp } = await notifyTestHub({ site_name: 'Hillside School' }));
  hub.core.run('policy.publish', { texts: { en: EN, ar: AR } }, head);
  hub.core.run('locations.save', { locations: [{ id: 'staffroom', name: 'Staff room', active: true }, { id: 'office', name: 'School office', active: true }, { id: 'old', name: 'Old hut', active: false }] }, admin);
});
afterEach(async () => {
  await smtp.stop();
  disposeHub(hub);
});

function expect_(fullName: string, category: 'professional' | 'contractor' | 'parent_carer' = 'professional') {
  return hub.core.run('expected.save', { fullName, organisation: 'County Social Care', category, hostId: 'office', expectedOn: '2026-03-05', note: '', cancelled: false }, office).expected;
}

const policyRow = (lang: string) =>
  hub.db.prepare('SELECT t.version_id, v.version, t.text_hash FROM policy_texts t JOIN policy_versions v ON v.id = t.version_id WHERE t.language = ? ORDER BY v.version DESC LIMIT 1').get(lang) as {
    version_id: string;
    version: number;
    text_hash: string;
  };

function qrOf(png: Buffer): string | null {
  const img = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
}

function pdfText(pdf: Buffer): string {
  const f = path.join(hub.dataDir, `letter-${Math.random()}.pdf`);
  fs.writeFileSync(f, pdf);
  return execFileSync('pdftotext', ['-layout', f, '-'], { encoding: 'utf8' });
}

describe('an invitation by email', () => {
  it('in English: date, time, host, ID to bring, the exact policy version with its hash recorded, the approved places, and a code whose QR finds the visit', async () => {
    const e = expect_('Priya Shah');
    const { invitation } = hub.core.run('invitations.send', { expectedId: e.id, email: 'Priya.Shah@Agency.test', language: 'en', time: '10:30' }, office);
    const p = policyRow('en');
    expect(p.text_hash).toBe(sha256Hex(policyCanonicalText(EN)));
    // What is recorded: the version id, the language of the text sent and that text's hash.
    expect(invitation).toMatchObject({ expectedId: e.id, email: 'priya.shah@agency.test', language: 'en', policyVersionId: p.version_id, policyVersion: Number(p.version), policyLanguage: 'en', policyTextHash: p.text_hash, messageStatus: 'queued' });
    // Written in the same transaction: the outbox row exists before anything is sent.
    expect(outbox(hub)).toMatchObject([{ kind: 'invitation', recipient: 'priya.shah@agency.test', status: 'queued' }]);

    expect(await deliver(hub, clock.now)).toMatchObject({ sent: 1 });
    const [m] = await smtp.waitFor(1);
    expect(m!.rcptTo).toEqual(['priya.shah@agency.test']);
    expect(m!.mail.subject).toBe('Your visit to Hillside School');
    const text = m!.mail.text!;
    expect(text).toContain('Dear Priya Shah,');
    expect(text).toContain('You are expected at Hillside School on Thursday, 5 March 2026 at 10:30, to see School office.');
    expect(text).toContain('Photo ID, and your professional or agency ID');
    expect(text).toContain(`Phones and devices: the school's policy (version ${p.version}):`);
    expect(text).toContain(`${EN.title}\n- ${EN.points[0]}\n- ${EN.points[1]}`);
    expect(text).toContain(`Policy text fingerprint (SHA-256): ${p.text_hash}`);
    expect(text).toContain('- Staff room\n- School office');
    expect(text).not.toContain('Old hut');

    const code = /Your sign-in code: ([0-9A-Z-]+)/.exec(text)![1]!;
    expect(normaliseSigninCode(code)).toBe(code);
    // The code is in the expected-visitor record (the kiosk will look it up there), and nothing else knows it.
    expect(hub.db.prepare('SELECT id FROM expected_visitors WHERE signin_code = ?').get(code)).toEqual({ id: e.id });
    const png = m!.mail.attachments.find((a) => a.filename === 'sign-in-code.png')!;
    expect(qrOf(png.content)).toBe(code);
    const letter = m!.mail.attachments.find((a) => a.filename === 'invitation.pdf')!;
    expect(letter.contentType).toBe('application/pdf');
    expect(pdfText(letter.content)).toContain(code);
    expect(hub.core.run('invitations.list', { expectedId: e.id }, office).invitations).toMatchObject([{ id: invitation.id, messageStatus: 'sent' }]);
  });

  it('in Arabic: the Arabic words and the Arabic policy text, with the Arabic text\'s hash recorded; a second invitation keeps the same code', async () => {
    const e = expect_('ليلى حسن');
    const first = hub.core.run('invitations.send', { expectedId: e.id, email: 'layla@agency.test', language: 'ar', time: '' }, office).invitation;
    const p = policyRow('ar');
    expect(p.text_hash).toBe(sha256Hex(policyCanonicalText(AR)));
    expect(first).toMatchObject({ language: 'ar', policyLanguage: 'ar', policyTextHash: p.text_hash, policyVersionId: p.version_id });
    expect(p.text_hash).not.toBe(policyRow('en').text_hash);
    hub.core.run('invitations.send', { expectedId: e.id, email: 'layla@agency.test', language: 'ar', time: '' }, office);
    await deliver(hub, clock.now);
    const mails = await smtp.waitFor(2);
    const m = mails[0]!.mail;
    expect(m.subject).toBe('زيارتك إلى Hillside School');
    expect(m.text).toContain('عزيزي/عزيزتي ليلى حسن،');
    expect(m.text).toContain(`${AR.title}\n- ${AR.points[0]}\n- ${AR.points[1]}`);
    expect(m.text).toContain(`البصمة الرقمية لنص السياسة (SHA-256): ${p.text_hash}`);
    expect(m.text).not.toContain(EN.points[0]);
    const codes = mails.map((x) => /رمز تسجيل الدخول الخاص بك: ([0-9A-Z-]+)/.exec(x.mail.text!)![1]);
    expect(codes[0]).toBe(codes[1]);
  });

  it('in a language the policy has no text in yet: the English text, and the record says English was sent', () => {
    const e = expect_('Olek Nowak');
    const { invitation } = hub.core.run('invitations.send', { expectedId: e.id, email: 'olek@agency.test', language: 'pl', time: '' }, office);
    expect(invitation).toMatchObject({ language: 'pl', policyLanguage: 'en', policyTextHash: policyRow('en').text_hash });
  });

  it('fills in {locations} as the kiosk will, and records the hash of the text as the visitor reads it', async () => {
    const WITH = { title: 'Phones', points: ['Phones may be used only in: {locations}.'] };
    hub.core.run('policy.publish', { texts: { en: WITH } }, head);
    const e = expect_('Priya Shah');
    const { invitation } = hub.core.run('invitations.send', { expectedId: e.id, email: 'p@agency.test', language: 'en', time: '' }, office);
    const shown = { title: 'Phones', points: ['Phones may be used only in: Staff room; School office.'] };
    expect(invitation.policyTextHash).toBe(sha256Hex(policyCanonicalText(shown)));
    expect(invitation.policyTextHash).not.toBe(policyRow('en').text_hash); // the stored template's
    await deliver(hub, clock.now);
    const [m] = await smtp.waitFor(1);
    expect(m!.mail.text).toContain('- Phones may be used only in: Staff room; School office.');
    expect(m!.mail.text).toContain(invitation.policyTextHash);
  });

  it('records the version sent even after a new version is published, and the letter of a later download carries the new one', async () => {
    const e = expect_('Priya Shah');
    const before = hub.core.run('invitations.send', { expectedId: e.id, email: 'p@agency.test', language: 'en', time: '' }, office).invitation;
    const NEW = { title: 'Phones at Hillside School', points: ['Phones are handed in at reception.'] };
    hub.core.run('policy.publish', { texts: { en: NEW } }, head);
    const after = hub.core.run('invitations.send', { expectedId: e.id, email: 'p@agency.test', language: 'en', time: '' }, office).invitation;
    expect(after.policyVersion).toBe(before.policyVersion + 1);
    expect(after.policyTextHash).toBe(sha256Hex(policyCanonicalText(NEW)));
    await deliver(hub, clock.now);
    // Two invitations, and between them the "rules changed" email for the first
    // (notifications-rules-changed.test.ts), which carries no letter.
    const mails = await smtp.waitFor(3);
    const invitations = mails.filter((x) => x.mail.attachments.some((a) => a.filename === 'invitation.pdf'));
    expect(invitations).toHaveLength(2);
    // Each mail's attached letter is of the version its invitation recorded.
    const letters = invitations.map((x) => pdfText(x.mail.attachments.find((a) => a.filename === 'invitation.pdf')!.content));
    const firstLetter = letters.find((l) => l.includes(EN.points[0]!.slice(0, 30)));
    const secondLetter = letters.find((l) => l.includes('Phones are handed in at reception.'));
    expect(firstLetter).toBeDefined();
    expect(secondLetter).toBeDefined();
  });

  it('refuses an address with a line break or several recipients, and a visit that was cancelled, with a clear message', () => {
    const e = expect_('Priya Shah');
    expect(() => hub.core.run('invitations.send', { expectedId: e.id, email: 'p@agency.test\r\nBcc: all@school.test', language: 'en', time: '' }, office)).toThrow(/must not contain a line break/);
    expect(() => hub.core.run('invitations.send', { expectedId: e.id, email: 'p@agency.test, q@agency.test', language: 'en', time: '' }, office)).toThrow(/one address only/);
    hub.core.run('expected.save', { id: e.id, fullName: 'Priya Shah', organisation: '', category: 'professional', hostId: 'office', expectedOn: '2026-03-05', note: '', cancelled: true }, office);
    expect(() => hub.core.run('invitations.send', { expectedId: e.id, email: 'p@agency.test', language: 'en', time: '' }, office)).toThrow(/cancelled/);
    expect(outbox(hub)).toEqual([]);
  });

  it('a visitor name with header characters stays inside one line of the mail: no extra header, no extra recipient', async () => {
    // The console's text check folds line breaks; an older record may still hold them.
    const e = expect_('Mallory Bad');
    hub.db.prepare('UPDATE expected_visitors SET full_name = ? WHERE id = ?').run('Mallory\r\nBcc: everyone@school.test\r\nSubject: pwned', e.id);
    hub.core.run('invitations.send', { expectedId: e.id, email: 'mallory@agency.test', language: 'en', time: '' }, office);
    await deliver(hub, clock.now);
    const [m] = await smtp.waitFor(1);
    expect(m!.rcptTo).toEqual(['mallory@agency.test']);
    expect(m!.mail.bcc).toBeUndefined();
    expect(m!.mail.subject).toBe('Your visit to Hillside School');
    const headerBlock = m!.raw.split(/\r?\n\r?\n/)[0]!;
    expect(headerBlock).not.toMatch(/^Bcc:/im);
    expect(headerBlock.match(/^Subject:/gim)).toHaveLength(1);
    expect(m!.mail.text).toContain('Dear Mallory Bcc: everyone@school.test Subject: pwned,');
  });
});

describe('the invitation as a letter PDF', () => {
  it('says what the email says, read back with pdftotext, in English and in Arabic', () => {
    const e = expect_('Priya Shah');
    const { pdfBase64, fileName } = hub.core.run('invitations.letter', { expectedId: e.id, language: 'en', time: '14:00' }, office);
    expect(fileName).toBe(`invitation-${e.id}.pdf`);
    // Lines wrap where the page ends: compare with runs of white space as one space.
    const en = pdfText(Buffer.from(pdfBase64, 'base64')).replace(/\s+/g, ' ');
    expect(en).toContain('Hillside School');
    expect(en).toContain('Dear Priya Shah,');
    expect(en).toContain('Thursday, 5 March 2026 at 14:00');
    expect(en).toContain(EN.points[1]);
    expect(en).toContain(policyRow('en').text_hash);
    const code = (hub.db.prepare('SELECT signin_code FROM expected_visitors WHERE id = ?').get(e.id) as { signin_code: string }).signin_code;
    expect(en).toContain(code);
    expect(en).toContain('Staff room');

    const ar = pdfText(Buffer.from(hub.core.run('invitations.letter', { expectedId: e.id, language: 'ar', time: '14:00' }, office).pdfBase64, 'base64'));
    // pdftotext reads the words back when each was shaped and placed right to left (a word with
    // the lam-alef ligature comes back with its letters swapped: pdftotext's mapping, not the page's).
    for (const word of ['الهواتف', 'هيلسايد', 'خزانة', 'صورة', 'طفل', 'مدرسة']) expect(ar).toContain(word);
    expect(ar).toContain(code);
  });
});
