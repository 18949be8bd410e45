// The phone policy: every change is a new version, visitors agree to exactly what they were
// shown, and a returning visitor is told when it changed since their last visit.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openKiosk, type Kiosk } from '../../core/kiosk.js';
import { DB_FILE_NAME } from '../../core/db/open.js';
import { SiteConfigError } from '../../core/site/config.js';
import { DEFAULT_POLICY_EN } from '../../core/site/defaults.js';
import type { OpInput, PolicyText } from '../../shared/contract.js';
import { disposeKiosk, eventRows, rowCounts } from '../support/fixtures.js';
import { fakeClock, signInInput, tempDir, tempKiosk, type Clock } from '../support/tempKiosk.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** What the screen shows, one line each, hashed independently of the core. */
const hashOfShown = (p: Pick<PolicyText, 'title' | 'points'>) => sha256([p.title, ...p.points].join('\n'));

const NEW_DRAFT = { title: 'Phones away, please', points: ['Lock your phone away while on site.', 'Use it only at {locations}.'] };

let k: Kiosk;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock();
  k = tempKiosk({ now: clock.now });
});
afterEach(() => disposeKiosk(k));

const boot = () => k.core.run('kiosk.bootstrap', { language: 'en' });
const status = (fullName: string) => k.core.run('visitor.policyStatus', { fullName }).changedSinceLastVisit;
function visit(fullName: string, over: Partial<OpInput<'visit.signIn'>> = {}) {
  clock.advance(60_000);
  const r = k.core.run('visit.signIn', signInInput(k, { fullName, ...over }));
  k.core.run('visit.signOut', { visitId: r.visitId, phoneCollected: false });
  return r;
}

describe('the policy a kiosk shows', () => {
  it('starts as version 1, the default wording with the approved places filled in', () => {
    const p = boot().policy;
    expect(p.version).toBe(1);
    expect(p.title).toBe(DEFAULT_POLICY_EN.title);
    expect(p.points.join('\n')).not.toContain('{locations}');
    expect(p.points[1]).toContain('the school office; the staff room; outside the main gate');
  });

  it('is hashed exactly as shown (title and points, one per line), not as stored', () => {
    const p = boot().policy;
    expect(p.textHash).toBe(hashOfShown(p));
    expect(p.textHash).not.toBe(hashOfShown(DEFAULT_POLICY_EN));
  });
});

describe('publishing a new policy version', () => {
  it('makes the new text current as the next version', () => {
    clock.advance(1000);
    const published = k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    expect(published).toMatchObject({ version: 2, title: NEW_DRAFT.title, language: 'en', publishedAt: clock.now().toISOString() });
    expect(boot().policy).toEqual(published);
    expect(k.db.prepare('SELECT source FROM policy_versions WHERE id = ?').pluck().get(published.versionId)).toBe('office');
  });

  it('refuses a sign-in agreed against the old version with POLICY_CHANGED (409), writing nothing', () => {
    const stale = signInInput(k);
    k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    const before = rowCounts(k.db);
    expect(k.core.call('visit.signIn', stale, 'kiosk')).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED', message: expect.stringMatching(/read them again/) } });
    expect(rowCounts(k.db)).toEqual(before);
  });

  it('refuses the current version id with a hash of some other text', () => {
    const input = signInInput(k);
    const env = k.core.call('visit.signIn', { ...input, policy: { versionId: input.policy.versionId, textHash: sha256('something else') } }, 'kiosk');
    expect(env).toMatchObject({ ok: false, error: { code: 'POLICY_CHANGED' } });
  });

  it('creates no new version for word-for-word the same text', () => {
    const first = k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    const again = k.core.run('policy.publish', { language: 'en', draft: structuredClone(NEW_DRAFT) });
    expect(again.versionId).toBe(first.versionId);
    expect(again.version).toBe(2);
    expect(k.db.prepare('SELECT COUNT(*) FROM policy_versions').pluck().get()).toBe(2);
  });

  it('treats differences of spacing only as the same text', () => {
    const first = k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    const spaced = { title: `  ${NEW_DRAFT.title}  `, points: NEW_DRAFT.points.map((p) => p.replace(' ', '   ')) };
    expect(k.core.run('policy.publish', { language: 'en', draft: spaced }).versionId).toBe(first.versionId);
  });

  it('re-publishing the default wording over the default creates no new version', () => {
    const v1 = boot().policy.versionId;
    expect(k.core.run('policy.publish', { language: 'en', draft: DEFAULT_POLICY_EN }).versionId).toBe(v1);
  });

  it('refuses a draft with control characters or no points, publishing nothing', () => {
    const before = rowCounts(k.db);
    expect(k.core.call('policy.publish', { language: 'en', draft: { title: 'Bad\u202e', points: ['x'] } }, 'staff')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'draft.title', message: 'controlChars' }] },
    });
    expect(k.core.call('policy.publish', { language: 'en', draft: { title: 'T', points: [] } }, 'staff')).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(rowCounts(k.db)).toEqual(before);
  });
});

describe('a returning visitor after the policy changed', () => {
  it('is told it changed when they last agreed to an older version, and not once they agree to the new one', () => {
    visit('Jane Smith');
    expect(status('Jane Smith')).toBe(false);

    k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    expect(status('Jane Smith')).toBe(true);
    expect(status('  jane   SMITH ')).toBe(true); // recognised however they type it

    visit('Jane Smith');
    expect(status('Jane Smith')).toBe(false);
  });

  it('is not told anything on a first visit', () => {
    k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    expect(status('Brand New')).toBe(false);
  });

  it('answers over the kiosk transport with yes/no only', () => {
    visit('Jane Smith');
    k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    expect(k.core.call('visitor.policyStatus', { fullName: 'Jane Smith' }, 'kiosk')).toEqual({ ok: true, value: { changedSinceLastVisit: true } });
  });

  it('refuses a name with control characters', () => {
    expect(k.core.call('visitor.policyStatus', { fullName: 'Jane\u001bSmith' }, 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'fullName', message: 'controlChars' }] },
    });
  });
});

describe('the stored acknowledgement', () => {
  it('records the new version id, the hash of the exact text shown, the language and the time', () => {
    visit('Jane Smith');
    clock.advance(5_000);
    const shown = k.core.run('policy.publish', { language: 'en', draft: NEW_DRAFT });
    expect(shown.points[1]).toBe('Use it only at the school office; the staff room; outside the main gate.');
    const r = visit('Jane Smith');

    const ack = eventRows(k.db, r.visitId).find((e) => e.kind === 'policy_acknowledged')!;
    expect(ack.at).toBe(r.arrivedAt);
    expect(ack.body).toEqual({ versionId: shown.versionId, version: 2, textHash: hashOfShown(shown), language: 'en' });

    const row = k.db.prepare('SELECT policy_version_id, policy_text_hash, acknowledged_at, language FROM visits WHERE id = ?').get(r.visitId);
    expect(row).toEqual({ policy_version_id: shown.versionId, policy_text_hash: hashOfShown(shown), acknowledged_at: r.arrivedAt, language: 'en' });
  });

  it('a change of approved places changes the hash of what is shown', () => {
    const dir = k.dataDir;
    const before = boot().policy;
    k.close();
    fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ locations: [{ id: 'car', name: 'the car park' }] }));
    k = tempKiosk({ dataDir: dir, now: clock.now });
    const after = boot().policy;
    expect(after.points[1]).toContain('the car park');
    expect(after.textHash).toBe(hashOfShown(after));
    expect(after.textHash).not.toBe(before.textHash);
    expect(k.core.call('visit.signIn', { ...signInInput(k), policy: { versionId: before.versionId, textHash: before.textHash } }, 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'POLICY_CHANGED' },
    });
  });
});

describe('the policy in the site configuration (site.json)', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const writeConfig = (cfg: unknown) => fs.writeFileSync(path.join(dir, 'site.json'), typeof cfg === 'string' ? cfg : JSON.stringify(cfg));
  const open = () => openKiosk({ dataDir: dir, now: clock.now, log: () => {} });
  const SITE_POLICY = { title: 'St Mary’s phone rules', points: ['Phones in lockers.', 'No photos of children.'] };

  it('publishes a new version with the new text on the next open, once', () => {
    const k1 = open();
    const v1 = k1.core.run('kiosk.bootstrap', { language: 'en' }).policy;
    k1.close();

    writeConfig({ policy: SITE_POLICY });
    clock.advance(60_000);
    const k2 = open();
    const v2 = k2.core.run('kiosk.bootstrap', { language: 'en' }).policy;
    k2.close();
    expect(v2).toMatchObject({ version: 2, title: SITE_POLICY.title, points: SITE_POLICY.points, publishedAt: clock.now().toISOString() });
    expect(v2.versionId).not.toBe(v1.versionId);

    const k3 = open();
    try {
      expect(k3.core.run('kiosk.bootstrap', { language: 'en' }).policy.versionId).toBe(v2.versionId);
      expect(k3.db.prepare('SELECT version, source FROM policy_versions ORDER BY version').all()).toEqual([
        { version: 1, source: 'default' },
        { version: 2, source: 'site' },
      ]);
    } finally {
      k3.close();
    }
  });

  it('uses the site policy as version 1 when the file is there from the first run', () => {
    writeConfig({ policy: SITE_POLICY, siteName: 'St Mary’s' });
    const k1 = open();
    try {
      const b = k1.core.run('kiosk.bootstrap', { language: 'en' });
      expect(b.site.name).toBe('St Mary’s');
      expect(b.policy).toMatchObject({ version: 1, title: SITE_POLICY.title });
    } finally {
      k1.close();
    }
  });

  it.each([
    ['not JSON', '{ "siteName": ', /not JSON/],
    ['an unknown setting', { siteNmae: 'Typo' }, /siteNmae|Unrecognized/i],
    ['a policy with no points', { policy: { title: 'T', points: [] } }, /policy\.points/],
    ['an idle timeout that is too short', { idleTimeoutSeconds: 5 }, /idleTimeoutSeconds/],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, /timeZone: not a known time zone/],
    ['a locker id with spaces', { lockers: [{ id: 'L 1', label: 'Locker 1', kind: 'locker' }] }, /lockers\.0\.id/],
    ['a locker of an unknown kind', { lockers: [{ id: 'L1', label: 'Locker 1', kind: 'safe' }] }, /lockers\.0\.kind/],
  ])('refuses %s with a SiteConfigError naming the file and the problem, before touching the database', (_what, cfg, detail) => {
    writeConfig(cfg);
    let err: unknown;
    try {
      open().close();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SiteConfigError);
    expect((err as Error).message).toContain(path.join(dir, 'site.json'));
    expect((err as Error).message).toMatch(/is not valid/);
    expect((err as Error).message).toMatch(detail);
    expect(fs.existsSync(path.join(dir, DB_FILE_NAME))).toBe(false);
  });

  it('leaves an existing database as it was when the file turns invalid', () => {
    const k1 = open();
    const v = k1.core.run('kiosk.bootstrap', { language: 'en' }).policy.versionId;
    k1.close();
    writeConfig({ policy: { title: '', points: ['x'] } });
    expect(() => open()).toThrow(SiteConfigError);
    fs.rmSync(path.join(dir, 'site.json'));
    const k2 = open();
    try {
      expect(k2.core.run('kiosk.bootstrap', { language: 'en' }).policy.versionId).toBe(v);
    } finally {
      k2.close();
    }
  });
});

describe('a policy set in site.json', () => {
  it('is published once, and a restart does not undo a newer version published meanwhile', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ policy: { title: 'Site rules', points: ['Lock phones away.'] } }));
    const clock = fakeClock();
    let k = openKiosk({ dataDir: dir, now: clock.now, log: () => {} });
    expect(k.core.run('kiosk.bootstrap', {}).policy).toMatchObject({ title: 'Site rules', version: 1 });
    k.core.run('policy.publish', { language: 'en', draft: { title: 'Office rules', points: ['Newer wording.'] } });
    k.close();

    k = openKiosk({ dataDir: dir, now: clock.now, log: () => {} });
    expect(k.core.run('kiosk.bootstrap', {}).policy).toMatchObject({ title: 'Office rules', version: 2 });
    k.close();
  });
});
