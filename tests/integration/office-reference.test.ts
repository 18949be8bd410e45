// Reference data the office owns and kiosks copy: a new hub starts with a working set, saving
// a list changes (and sends to kiosks) only what changed, nothing is ever deleted, and the
// feed carries each change once, in the order it was made.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../core/office/hub.js';
import { openTestHub } from '../support/postgres.js';
import { DEFAULT_HOSTS, DEFAULT_LOCATIONS, DEFAULT_LOCKERS, DEFAULT_POLICY, DEFAULT_POLICY_EN } from '../../core/site/defaults.js';
import { LANGUAGES } from '../../shared/domain.js';
import type { ReferenceData } from '../../shared/office.js';
import type { KioskExemption, RefExpected, RefLocker, RefPolicy, RefSite } from '../../shared/sync.js';
import { ACTORS, HOSTILE, auditRows, disposeHub, feed, tempHub } from '../support/officeDomain.js';
import { fakeClock, type Clock } from '../support/tempKiosk.js';
import { hubTables } from '../support/postgres.js';

let hub: Hub;
let clock: Clock;
beforeEach(() => {
  clock = fakeClock('2026-03-02T08:00:00.000Z');
  hub = tempHub(clock.now);
});
afterEach(() => disposeHub(hub));

const { office, head, admin } = ACTORS;
const ref = () => hub.core.run('reference.get', {}, office);
const lockers = () => ref().lockers;

describe('a new hub', () => {
  it('starts with the kiosk defaults: lockers, pouches, phone-use places, hosts and the policy in every language', () => {
    const r = ref();
    expect(r.lockers).toEqual(DEFAULT_LOCKERS.map((l) => ({ ...l, active: true })));
    expect(r.locations).toEqual(DEFAULT_LOCATIONS.map((l) => ({ ...l, active: true })));
    expect(r.hosts).toEqual(DEFAULT_HOSTS.map((h) => ({ ...h, active: true })));
    expect(r.policy).toMatchObject({ version: 1, publishedAt: clock.now().toISOString() });
    expect(Object.keys(r.policy.texts).sort()).toEqual([...LANGUAGES].sort());
    expect(r.policy.texts.en).toEqual(DEFAULT_POLICY_EN);
    expect(r.expected).toEqual([]);
  });

  it('puts each default in the feed once, with the site name and time zone', () => {
    const f = feed(hub);
    expect(f.filter((c) => c.entity === 'locker')).toHaveLength(DEFAULT_LOCKERS.length);
    expect(f.filter((c) => c.entity === 'location')).toHaveLength(DEFAULT_LOCATIONS.length);
    expect(f.filter((c) => c.entity === 'host')).toHaveLength(DEFAULT_HOSTS.length);
    expect(f.find((c) => c.key === 'L1')!.body).toEqual({ id: 'L1', label: 'Locker 1', kind: 'locker', sort: 0, active: true } satisfies RefLocker);
    const policy = f.filter((c) => c.entity === 'policy');
    expect(policy).toHaveLength(1);
    expect((policy[0]!.body as RefPolicy).texts).toEqual(DEFAULT_POLICY);
    const site = f.filter((c) => c.entity === 'site');
    expect(site).toEqual([{ seq: expect.any(Number), entity: 'site', key: 'site', body: { siteName: 'School Reception', timeZone: expect.any(String) } satisfies RefSite }]);
    expect(f.map((c) => c.seq)).toEqual(f.map((_, i) => i + 1));
  });

  it('is seeded once in its life: reopening adds nothing, and retired defaults do not come back', () => {
    hub.core.run('lockers.save', { lockers: [{ id: 'L1', label: 'Locker 1', kind: 'locker', active: true }] }, admin);
    const before = feed(hub).length;
    hub.close();
    hub = openTestHub({ dataDir: hub.dataDir, now: clock.now, log: () => {} });
    expect(feed(hub)).toHaveLength(before);
    expect(lockers().filter((l) => l.active).map((l) => l.id)).toEqual(['L1']);
    expect(hub.db.prepare('SELECT COUNT(*) FROM policy_versions').pluck().get()).toBe(1);
  });
});

describe('saving a list', () => {
  const lockerFeed = () => feed(hub, 'locker').slice(DEFAULT_LOCKERS.length).map((c) => c.body as RefLocker);

  it('upserts in the order given, retires what was left out, and sends only what changed', () => {
    const current = lockers();
    const next: ReferenceData['lockers'] = [
      { ...current[0]!, label: 'Locker 1 (by the door)' }, // renamed
      ...current.slice(1, 24).filter((l) => l.id !== 'L5'), // L5 left out: L6..L24 move up one place
      { id: 'L25', label: 'Locker 25', kind: 'locker', active: true }, // new
      ...current.slice(24), // pouches: same places as before
    ];
    clock.advance(1000);
    const saved = hub.core.run('lockers.save', { lockers: next }, admin);
    expect(saved.filter((l) => l.active).map((l) => l.id)).toEqual(next.map((l) => l.id));
    expect(saved.at(-1)).toEqual({ id: 'L5', label: 'Locker 5', kind: 'locker', active: false }); // retired, kept
    const sent = lockerFeed();
    expect(sent.find((l) => l.id === 'L1')).toEqual({ id: 'L1', label: 'Locker 1 (by the door)', kind: 'locker', sort: 0, active: true });
    expect(sent.find((l) => l.id === 'L5')).toMatchObject({ active: false });
    expect(sent.find((l) => l.id === 'L25')).toMatchObject({ sort: 23, active: true });
    expect(sent.find((l) => l.id === 'P1')).toBeUndefined();
    expect(sent.find((l) => l.id === 'L2')).toBeUndefined(); // same label, same place: nothing to send
    expect(sent.find((l) => l.id === 'L6')).toMatchObject({ sort: 4 }); // moved up one place
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'lockers.save', actor: 'Ada Admin (ada)', detail: { changed: expect.arrayContaining(['L1', 'L5', 'L25']) } });
  });

  it('changes nothing, sends nothing and audits nothing when saved unchanged', () => {
    const feedBefore = feed(hub).length;
    const auditBefore = auditRows(hub).length;
    hub.core.run('lockers.save', { lockers: lockers() }, admin);
    hub.core.run('locations.save', { locations: ref().locations }, admin);
    hub.core.run('hosts.save', { hosts: ref().hosts }, admin);
    expect(feed(hub).length).toBe(feedBefore);
    expect(auditRows(hub).length).toBe(auditBefore);
  });

  it('retires a host left out, keeps it for old visits, and can bring it back', () => {
    const hosts = ref().hosts;
    hub.core.run('hosts.save', { hosts: hosts.filter((h) => h.id !== 'senco') }, admin);
    expect(ref().hosts.find((h) => h.id === 'senco')).toEqual({ id: 'senco', name: 'SENCo (special educational needs)', active: false });
    expect(feed(hub, 'host').at(-1)).toMatchObject({ key: 'senco', body: { active: false } });
    hub.core.run('hosts.save', { hosts }, admin);
    expect(ref().hosts.find((h) => h.id === 'senco')!.active).toBe(true);
    expect(hub.db.prepare('SELECT COUNT(*) FROM hosts').pluck().get()).toBe(DEFAULT_HOSTS.length);
  });

  it('refuses two items with one id, or two active ones with one name, saving nothing', () => {
    const feedBefore = feed(hub).length;
    const dupId = [...lockers(), { id: 'L1', label: 'Another', kind: 'locker' as const, active: true }];
    expect(() => hub.core.run('lockers.save', { lockers: dupId }, admin)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', fields: [{ path: 'lockers.32.id', message: 'taken' }] }));
    const dupName = [...ref().locations, { id: 'office2', name: 'The  School Office', active: true }];
    expect(() => hub.core.run('locations.save', { locations: dupName }, admin)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', fields: [{ path: 'locations.3.name', message: 'taken' }] }));
    expect(feed(hub).length).toBe(feedBefore);
  });

  it('is for the administrator only', () => {
    for (const who of [office, head, ACTORS.dsl]) expect(() => hub.core.run('lockers.save', { lockers: lockers() }, who)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });

  it('keeps injection-looking names verbatim', () => {
    const saved = hub.core.run('locations.save', { locations: [{ id: 'odd', name: HOSTILE[0], active: true }, { id: 'odder', name: HOSTILE[1], active: true }] }, admin);
    expect(saved.filter((l) => l.active).map((l) => l.name)).toEqual([...HOSTILE]);
    expect(hubTables(hub.db)).toContain('visits');
  });

  it('sends approved exemptions again when a place they name is renamed', () => {
    const req = hub.core.run('exemptions.request', { fullName: 'Grace Okafor', organisation: 'NHS', agencyRole: 'Therapist', purpose: 'Therapy', devices: 'Tablet', locationIds: [] }, office).exemption;
    hub.core.run('exemptions.approve', { id: req.id, validFrom: '2026-03-02', validTo: '2026-03-06', recurrence: { kind: 'single' }, locationIds: ['staffroom'], devices: 'Tablet', conditions: 'None' }, head);
    const locations = ref().locations.map((l) => (l.id === 'staffroom' ? { ...l, name: 'the staff room (upstairs)' } : l));
    hub.core.run('locations.save', { locations }, admin);
    const ex = feed(hub, 'exemption').map((c) => c.body as KioskExemption);
    expect(ex.map((e) => e.locations)).toEqual([['the staff room'], ['the staff room (upstairs)']]);
  });
});

describe('publishing the policy', () => {
  const TEXT = { title: 'Phones away, please', points: ['Lock your phone away while you are here.', 'Use it only at {locations}.'] };
  const policyFeed = () => feed(hub, 'policy').map((c) => ({ key: c.key, body: c.body as RefPolicy }));

  it('makes new English wording the next version and sends it whole to kiosks', () => {
    clock.advance(60_000);
    const p = hub.core.run('policy.publish', { texts: { en: TEXT } }, head);
    expect(p).toMatchObject({ version: 2, publishedAt: clock.now().toISOString(), texts: { en: TEXT } });
    expect(policyFeed().at(-1)).toEqual({ key: p.versionId, body: { versionId: p.versionId, version: 2, publishedAt: p.publishedAt, texts: { en: TEXT } } });
    expect(ref().policy).toEqual(p);
    expect(auditRows(hub).at(-1)).toMatchObject({ action: 'policy.publish', target: `policy:${p.versionId}`, detail: { version: 2, newVersion: true } });
  });

  it('adds a translation to the version in force (no new version), and ignores a word-for-word re-publish', () => {
    const v2 = hub.core.run('policy.publish', { texts: { en: TEXT } }, admin);
    const pl = { title: 'Telefony schowane', points: ['Zamknij telefon.', 'Używaj go tylko: {locations}.'] };
    const withPl = hub.core.run('policy.publish', { texts: { en: TEXT, pl } }, admin);
    expect(withPl).toMatchObject({ versionId: v2.versionId, version: 2, texts: { en: TEXT, pl } });
    expect(policyFeed().map((c) => [c.body.version, Object.keys(c.body.texts).sort()])).toEqual([
      [1, [...LANGUAGES].sort()],
      [2, ['en']],
      [2, ['en', 'pl']],
    ]);
    const feedBefore = feed(hub).length;
    hub.core.run('policy.publish', { texts: { en: TEXT, pl } }, admin);
    expect(feed(hub).length).toBe(feedBefore);
  });

  it('needs English, and is not for office staff or the DSL', () => {
    expect(() => hub.core.run('policy.publish', { texts: { pl: TEXT } }, head)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    for (const who of [office, ACTORS.dsl]) expect(() => hub.core.run('policy.publish', { texts: { en: TEXT } }, who)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});

describe('expected visitors', () => {
  const base = { fullName: 'Priya  Shah', organisation: 'Ofsted', category: 'professional' as const, hostId: 'head', expectedOn: '2026-03-04', note: 'Inspection, day 1' };

  it('are created, changed and cancelled by any staff, each change sent to kiosks with the name key and never the staff note', () => {
    const { expected } = hub.core.run('expected.save', base, office);
    expect(expected).toEqual({ id: expected.id, fullName: 'Priya Shah', organisation: 'Ofsted', category: 'professional', hostId: 'head', expectedOn: '2026-03-04', note: 'Inspection, day 1', cancelled: false, arrivedAt: null });
    const moved = hub.core.run('expected.save', { ...base, id: expected.id, expectedOn: '2026-03-05' }, office).expected;
    const cancelled = hub.core.run('expected.save', { ...base, id: expected.id, expectedOn: '2026-03-05', cancelled: true }, office).expected;
    expect(cancelled.cancelled).toBe(true);
    const withoutNote = ({ note: _note, arrivedAt: _arrived, ...rest }: typeof expected) => ({ ...rest, nameKey: 'priya shah', codeHash: null, invitedPolicyVersionId: null }); // not invited: no code, no policy sent
    expect(feed(hub, 'expected').map((c) => c.body as RefExpected)).toEqual([withoutNote(expected), withoutNote(moved), withoutNote(cancelled)]);
    expect(JSON.stringify(feed(hub, 'expected'))).not.toContain('Inspection');
    expect(auditRows(hub).slice(-3).map((a) => a.action)).toEqual(['expected.create', 'expected.update', 'expected.cancel']);
    expect(ref().expected).toEqual([cancelled]);
  });

  it('lists from today on, soonest first', () => {
    hub.core.run('expected.save', { ...base, fullName: 'Later', expectedOn: '2026-03-10' }, office);
    hub.core.run('expected.save', { ...base, fullName: 'Sooner', expectedOn: '2026-03-02' }, office);
    hub.core.run('expected.save', { ...base, fullName: 'Past', expectedOn: '2026-02-27' }, office);
    expect(ref().expected.map((e) => e.fullName)).toEqual(['Sooner', 'Later']);
  });

  it('refuses an unknown host (INVALID_INPUT) and an unknown id (NOT_FOUND)', () => {
    expect(() => hub.core.run('expected.save', { ...base, hostId: 'nobody' }, office)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', fields: [{ path: 'hostId', message: 'invalid' }] }));
    expect(() => hub.core.run('expected.save', { ...base, id: 'nope' }, office)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(feed(hub, 'expected')).toEqual([]);
  });
});

describe('the feed', () => {
  it('carries changes in the order they were made, each with the next sequence number', () => {
    const start = feed(hub).length;
    hub.core.run('hosts.save', { hosts: [...ref().hosts, { id: 'gov', name: 'Chair of governors', active: true }] }, admin);
    hub.core.run('expected.save', { fullName: 'A Governor', organisation: '', category: 'visitor', hostId: 'gov', expectedOn: '2026-03-03', note: '' }, office);
    hub.core.run('policy.publish', { texts: { en: { title: 'T', points: ['P'] } } }, admin);
    const f = feed(hub).slice(start);
    expect(f.map((c) => c.entity)).toEqual(['host', 'expected', 'policy']);
    expect(f.map((c) => c.seq)).toEqual([start + 1, start + 2, start + 3]);
  });
});
