// The regular-visitor register in the office hub (runs on SQLite and on PostgreSQL): staff record
// what was checked (never a certificate number), the console warns before assurance runs out, the
// acceptable-use agreement is versioned like the phone policy, and a card's code exists only in
// the answer that issued it: the hub, its audit log and the kiosks' feed hold its hash alone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import jsqr from 'jsqr';
import { afterEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { groupCardCode } from '../../shared/cardCode.js';
import type { RefRegular } from '../../shared/regulars.js';
import { ACTORS, auditRows, disposeHub, feed, tempHub } from '../support/officeDomain.js';
import { fakeClock, tempDir } from '../support/tempKiosk.js';
import { refusal } from '../support/refusal.js';

/** jsqr is CommonJS with an ES-style default: under NodeNext its function is `.default`. */
const jsQR = jsqr.default;

let hub: Hub | null = null;
afterEach(() => {
  if (hub) disposeHub(hub);
  hub = null;
});

function open(at = '2026-03-03T09:00:00.000Z') {
  const clock = fakeClock(at);
  hub = tempHub(clock.now);
  return { h: hub, clock };
}

const { office: OFFICE, admin: ADMIN } = ACTORS;

function volunteer(h: Hub, fullName = 'Jane Smith') {
  const host = h.core.run('reference.get', {}, OFFICE).hosts[0]!;
  return h.core.run('regulars.save', { fullName, organisation: 'Friends of the School', role: 'Reading volunteer', category: 'volunteer', hostId: host.id }, OFFICE).regular;
}

describe('regular visitors in the office', () => {
  it('records what was checked, by whom and until when, and refuses certificate numbers with a clear message', () => {
    const { h } = open();
    const jane = volunteer(h);
    expect(jane).toMatchObject({ status: 'active', assuranceValidUntil: null, card: null, agreementDue: 'first' });

    for (const bad of [{ note: 'DBS 001234567890' }, { checkedBy: 'Pat 0012 3456 7890' }]) {
      const e = refusal(() => h.core.run('regulars.addAssurance', { regularId: jane.id, kind: 'enhanced_dbs_seen', checkedBy: 'Pat Office', checkedOn: '2026-01-10', expiresOn: '2026-03-20', ...bad }, OFFICE));
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toMatch(/Do not record DBS certificate numbers/);
      expect(e.fields?.[0]?.path).toBe(Object.keys(bad)[0]);
    }
    expect(refusal(() => h.core.run('regulars.save', { fullName: 'Jane 123456789012', role: 'x', category: 'volunteer', hostId: jane.hostId }, OFFICE)).message).toMatch(/certificate/);
    expect(JSON.stringify(h.db.prepare('SELECT * FROM regular_assurances').all())).not.toMatch(/1234567890/);
    expect(refusal(() => h.core.run('regulars.addAssurance', { regularId: jane.id, kind: 'scr_entry', checkedBy: 'Pat', checkedOn: '2026-03-01', expiresOn: '2026-02-01' }, OFFICE)).fields?.[0]).toMatchObject({ path: 'expiresOn', message: 'beforeStart' });

    const after = h.core.run('regulars.addAssurance', { regularId: jane.id, kind: 'enhanced_dbs_seen', checkedBy: 'Pat Office', checkedOn: '2026-01-10', expiresOn: '2026-03-20', note: 'Seen with photo ID, renew by 2026-03-20' }, OFFICE).regular;
    expect(after.assuranceValidUntil).toBe('2026-03-20');
    expect(after.assurances[0]).toMatchObject({ kind: 'enhanced_dbs_seen', checkedBy: 'Pat Office', recordedBy: 'Ofelia Office (ofelia)' });
    const audit = auditRows(h).filter((a) => a.action === 'regular.assurance');
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toEqual({ kind: 'enhanced_dbs_seen', checkedOn: '2026-01-10', expiresOn: '2026-03-20' });
  });

  it('reminds the console of assurance that runs out within 30 days, soonest first, until a newer check is recorded', () => {
    const { h } = open();
    const jane = volunteer(h);
    const omar = volunteer(h, 'Omar Haddad');
    const lena = volunteer(h, 'Lena Nowak');
    const add = (id: string, expiresOn: string) => h.core.run('regulars.addAssurance', { regularId: id, kind: 'dbs_update_service', checkedBy: 'Pat', checkedOn: '2026-01-01', expiresOn }, OFFICE);
    add(jane.id, '2026-03-20');
    add(omar.id, '2026-03-05');
    add(lena.id, '2026-09-01');
    const view = h.core.run('regulars.list', {}, OFFICE);
    expect(view.expiring.map((e) => [e.fullName, e.daysLeft])).toEqual([['Omar Haddad', 2], ['Jane Smith', 17]]);
    add(jane.id, '2027-03-20');
    expect(h.core.run('regulars.list', {}, OFFICE).expiring.map((e) => e.fullName)).toEqual(['Omar Haddad']);
    // Someone who has left needs no reminder.
    h.core.run('regulars.save', { id: omar.id, fullName: 'Omar Haddad', role: 'Reading volunteer', category: 'volunteer', hostId: omar.hostId, status: 'left' }, OFFICE);
    expect(h.core.run('regulars.list', {}, OFFICE).expiring).toEqual([]);
  });

  it('issues a card whose code is only in the answer: a PDF and a PNG with a QR code that reads back as the code', () => {
    const { h } = open();
    const jane = volunteer(h);
    const { card, regular } = h.core.run('regulars.issueCard', { id: jane.id }, OFFICE);
    expect(card.grouped).toBe(groupCardCode(card.code));
    expect(regular.card?.hint).toBe(card.grouped.slice(-4));

    // Nowhere on the hub: not in its tables, audit log or the kiosks' feed.
    const everything = JSON.stringify([h.db.prepare('SELECT * FROM regulars').all(), auditRows(h), feed(h)]);
    expect(everything).not.toContain(card.code);
    expect(everything).not.toContain(card.grouped);
    const body = feed(h, 'regular').at(-1)!.body as RefRegular;
    expect(Object.keys(body).sort()).toEqual(['agreementAckDay', 'agreementVersionId', 'assuranceValidUntil', 'cardHash', 'category', 'hostId', 'id', 'maskedName', 'organisation', 'policyVersionId', 'role', 'status']);
    expect(body.maskedName).toBe('Jane S.');
    expect(body.cardHash).toMatch(/^[0-9a-f]{64}$/);

    const dir = tempDir('card-');
    const pdf = path.join(dir, 'card.pdf');
    fs.writeFileSync(pdf, Buffer.from(card.pdf, 'base64'));
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('Jane Smith');
    expect(text).toContain(card.grouped);
    expect(text).toContain('REGULAR VISITOR CARD');
    const png = PNG.sync.read(Buffer.from(card.png, 'base64'));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(card.grouped);
    if (process.env.H4_SHOTS) {
      fs.mkdirSync('/tmp/h4', { recursive: true });
      fs.copyFileSync(pdf, '/tmp/h4/card.pdf');
      fs.writeFileSync('/tmp/h4/card-printer.png', Buffer.from(card.png, 'base64'));
    }

    // Re-issued: a new code, the old hash gone; revoked: no card.
    const again = h.core.run('regulars.issueCard', { id: jane.id }, OFFICE).card;
    expect(again.code).not.toBe(card.code);
    expect((feed(h, 'regular').at(-1)!.body as RefRegular).cardHash).not.toBe(body.cardHash);
    expect(h.core.run('regulars.revokeCard', { id: jane.id }, OFFICE).regular.card).toBeNull();
    expect((feed(h, 'regular').at(-1)!.body as RefRegular).cardHash).toBeNull();
    expect(auditRows(h).filter((a) => a.action.startsWith('regular.card')).map((a) => a.action)).toEqual(['regular.card.issue', 'regular.card.issue', 'regular.card.revoke']);
    // Only active people get cards.
    h.core.run('regulars.save', { id: jane.id, fullName: 'Jane Smith', role: 'Reading volunteer', category: 'volunteer', hostId: jane.hostId, status: 'suspended' }, OFFICE);
    expect(refusal(() => h.core.run('regulars.issueCard', { id: jane.id }, OFFICE)).code).toBe('CONFLICT');
  });

  it('versions the acceptable-use agreement like the phone policy, in 9 languages by default; only editors publish it', () => {
    const { h } = open();
    const first = h.core.run('regulars.list', {}, OFFICE).agreement;
    expect(first.version).toBe(1);
    expect(Object.keys(first.texts).sort()).toEqual(['ar', 'bn', 'en', 'pa', 'pl', 'pt', 'ro', 'uk', 'ur']);
    expect(first.renewalDay).toBe('09-01');
    expect(refusal(() => h.core.run('agreement.publish', { texts: { en: first.texts.en! } }, OFFICE)).code).toBe('FORBIDDEN');

    // The same words: nothing changes. A new renewal day: same version, sent again.
    const same = h.core.run('agreement.publish', { texts: first.texts }, ADMIN);
    expect(same.versionId).toBe(first.versionId);
    const feedBefore = feed(h, 'agreement').length;
    expect(h.core.run('agreement.publish', { texts: first.texts, renewalDay: '01-06' }, ADMIN)).toMatchObject({ versionId: first.versionId, renewalDay: '01-06' });
    expect(feed(h, 'agreement')).toHaveLength(feedBefore + 1);
    expect(refusal(() => h.core.run('agreement.publish', { texts: first.texts, renewalDay: '13-01' }, ADMIN)).code).toBe('INVALID_INPUT');

    // New English wording: a new version with that text only (translations of the old no longer apply).
    const en = { title: 'Our agreement', points: ['Phones silent and stored.'] };
    const v2 = h.core.run('agreement.publish', { texts: { en } }, ADMIN);
    expect(v2).toMatchObject({ version: 2, texts: { en } });
    expect(Object.keys(v2.texts)).toEqual(['en']);
    // A translation added later: the same version (nothing anyone agreed to changed meaning).
    const v2b = h.core.run('agreement.publish', { texts: { en, pl: { title: 'Nasza umowa', points: ['Telefony wyciszone i schowane.'] } } }, ADMIN);
    expect(v2b.versionId).toBe(v2.versionId);
    expect((feed(h, 'agreement').at(-1)!.body as { texts: Record<string, unknown> }).texts).toHaveProperty('pl');
  });
});
