// Many schools on one hub (issue #16): a school's records never appear in another school's
// console, export, subject-access search or roll call. Two schools on one real trust hub
// (PostgreSQL, real HTTP), each with staff, a paired kiosk that signed visitors in, an
// exemption, a breach and a roll call. Every console read operation is called in both schools
// and judged against the table below; an operation missing from the table fails the test.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { getSetting } from '../../core/site/settings.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { newNonce, signRequest } from '../../core/sync/keys.js';
import { pairWithHub } from '../../core/sync/pair.js';
import { readOutboxBatch } from '../../core/sync/push.js';
import { readSyncState } from '../../core/sync/status.js';
import { addSchool } from '../../core/office/trust/directory.js';
import { officeOps, OFFICE_PATHS, SESSION_COOKIE, type OfficeOpName, type Role } from '../../shared/office.js';
import { SIGNED_HEADERS, SYNC_PATHS } from '../../shared/sync.js';
import { disposeKiosk } from '../support/fixtures.js';
import type { OfficeBrowser } from '../support/officeHub.js';
import { smtpSettings } from '../support/notifyHub.js';
import { testingOnPostgres } from '../support/postgres.js';
import { cardSignInInput, signInInput, tempDir, tempKiosk } from '../support/tempKiosk.js';
import { addTestSchool, schoolStaff, startTrustTestHub, uniqueSlug, type TrustTestHub } from '../support/trustHub.js';

/** What a school has, as strings that must show (own) or must never show (other school). */
type Markers = {
  /** Visitors' names (the common visitor aside). */
  visitors: string[];
  visitIds: string[];
  /** The visitor whose phone is with reception (custody board). */
  custody: string[];
  /** The visitor both schools have, by the same name: only the school's own visit id tells them apart. */
  common: string[];
  kiosk: string[];
  exemption: string[];
  breach: string[];
  staff: string[];
  /** A regular visitor on the register, signed in once by card (hours). */
  regular: string[];
  /** The DSL directory and never-here places (help screen, badge, posters). */
  safeguarding: string[];
  /** A restricted-list entry, and the name a held sign-in typed. */
  restricted: string[];
  /** The visit reception checked the ID of. */
  idCheck: string[];
  /** An invitation sent to an expected visitor (its address). */
  invitation: string[];
};
type Category = keyof Markers;

type School = {
  slug: string;
  admin: OfficeBrowser;
  dsl: OfficeBrowser;
  kiosk: Kiosk;
  /** The kiosk's first push, kept to replay elsewhere. */
  firstBatch: unknown[];
  ids: { exemption: string; breach: string; visits: string[]; expected: string };
  markers: Markers;
};

/**
 * The expected visibility of every console read operation: who calls it, with what, and which
 * of the school's own records its answer shows. Whatever it shows, it never shows anything of
 * the other school.
 */
const VISIBILITY: Partial<Record<OfficeOpName, { as: 'admin' | 'dsl'; input: (s: School) => unknown; shows: Category[] }>> = {
  'onSite.list': { as: 'admin', input: () => ({}), shows: ['visitors', 'visitIds', 'common'] },
  'custody.board': { as: 'admin', input: () => ({}), shows: ['custody'] },
  'visits.search': { as: 'admin', input: () => ({}), shows: ['visitors', 'visitIds', 'common', 'kiosk'] },
  'exemptions.list': { as: 'admin', input: () => ({}), shows: ['exemption'] },
  'exemptions.get': { as: 'admin', input: (s) => ({ id: s.ids.exemption }), shows: ['exemption'] },
  'breaches.list': { as: 'admin', input: () => ({}), shows: ['breach'] },
  'kiosks.list': { as: 'admin', input: () => ({}), shows: ['kiosk'] },
  'desk.get': { as: 'admin', input: () => ({}), shows: ['kiosk'] },
  'kiosks.quarantined': { as: 'admin', input: () => ({}), shows: [] },
  'reference.get': { as: 'admin', input: () => ({}), shows: [] },
  'staff.list': { as: 'admin', input: () => ({}), shows: ['staff'] },
  'staff.kioskPins': { as: 'admin', input: () => ({}), shows: [] },
  'audit.list': { as: 'admin', input: () => ({ limit: 500 }), shows: ['staff'] },
  'audit.verify': { as: 'admin', input: () => ({}), shows: [] },
  'retention.get': { as: 'admin', input: () => ({}), shows: [] },
  // The school's family name finds every kind of record subject access covers (the common visitor: below).
  'subjectAccess.search': { as: 'dsl', input: (s) => ({ name: s.markers.visitors[0]!.split(' ')[1]! }), shows: ['visitors', 'visitIds', 'exemption', 'regular', 'restricted', 'invitation', 'idCheck'] },
  'rollCall.current': { as: 'admin', input: () => ({}), shows: ['visitors', 'visitIds', 'common'] },
  'rollCall.pdf': { as: 'admin', input: () => ({}), shows: ['visitors'] },
  'endOfDay.list': { as: 'admin', input: () => ({}), shows: ['visitors', 'visitIds', 'common'] },
  'privacy.get': { as: 'admin', input: () => ({}), shows: [] },
  'backups.get': { as: 'admin', input: () => ({}), shows: [] },
  // Staff display names (not usernames) and hosts; no email is set up here, so no messages.
  'notifications.get': { as: 'admin', input: () => ({}), shows: [] },
  'notifications.log': { as: 'admin', input: () => ({}), shows: [] },
  'concerns.reviewDue': { as: 'admin', input: () => ({}), shows: [] },
  'concerns.policyDrafts': { as: 'admin', input: () => ({}), shows: [] },
  'evidence.view': { as: 'dsl', input: () => ({ scope: 'term', from: '2000-01-01', to: '2099-12-31', devicesOnly: false }), shows: ['visitors', 'visitIds', 'common'] },
  'evidence.csv': { as: 'dsl', input: () => ({ scope: 'term', from: '2000-01-01', to: '2099-12-31', devicesOnly: false }), shows: ['visitors', 'visitIds', 'common'] },
  'evidence.pdf': { as: 'dsl', input: () => ({ scope: 'term', from: '2000-01-01', to: '2099-12-31', devicesOnly: false }), shows: ['visitors'] },
  'evidence.reviewPack': { as: 'dsl', input: () => ({ from: '2000-01-01', to: '2099-12-31' }), shows: [] },
  'regulars.list': { as: 'admin', input: () => ({}), shows: ['regular'] },
  'regulars.hoursCsv': { as: 'admin', input: () => ({ fromMonth: '2000-01', toMonth: '2099-12', volunteersOnly: true }), shows: ['regular'] },
  'signage.get': { as: 'admin', input: () => ({}), shows: ['safeguarding'] },
  'signage.poster': { as: 'admin', input: () => ({ size: 'A4', language: 'en' }), shows: ['safeguarding'] },
  'admission.idChecks': { as: 'admin', input: () => ({}), shows: ['idCheck'] },
  'restricted.list': { as: 'dsl', input: () => ({}), shows: ['restricted'] },
  'restricted.alerts': { as: 'dsl', input: () => ({}), shows: ['restricted'] },
  'invitations.list': { as: 'admin', input: (s) => ({ expectedId: s.ids.expected }), shows: ['invitation'] },
  'previsit.ofExemption': { as: 'admin', input: (s) => ({ exemptionId: s.ids.exemption }), shows: [] },
  'invitations.outdatedLetters': { as: 'admin', input: () => ({}), shows: [] },
};

const readOps = (Object.keys(officeOps) as OfficeOpName[]).filter((op) => officeOps[op].kind === 'read');

const PASSWORD: Record<Exclude<Role, 'admin'>, string> = { dsl: 'safeguarding lantern river', office: 'reception desk sunflower 42', head: 'headteacher marmalade cloud' };

async function syncKiosk(k: Kiosk): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000 });
  try {
    for (let i = 0; i < 3; i++) if ((await agent.syncNow()).failures === 0) return;
    throw new Error('the kiosk could not sync');
  } finally {
    await agent.stop();
  }
}

function ok<T = Record<string, unknown>>(res: { status: number; text: string; json: unknown }): T {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${res.text}`);
  return (res.json as { value: T }).value;
}

/** A school on the trust hub with everything the console can show. */
async function school(t: TrustTestHub, stem: string, who: { first: string; second: string; family: string }): Promise<School> {
  const slug = uniqueSlug(stem);
  const admin = await addTestSchool(t, slug, `${who.family} Academy`);
  const dslName = `${who.first} ${who.family} DSL`;
  const dsl = await schoolStaff(t, slug, admin, { username: `dsl.${stem}`, displayName: dslName, role: 'dsl', password: PASSWORD.dsl });

  const kioskName = `${who.family} gate`;
  const { code } = ok<{ code: string }>(await admin.op('kiosks.createPairingCode', { kioskName }));
  const kiosk = tempKiosk();
  await pairWithHub(kiosk.db, `${t.schoolUrl(slug)}/`, code, kioskName);
  await syncKiosk(kiosk); // the school's lists and policy first
  const names = [`${who.first} ${who.family}`, `${who.second} ${who.family}`];
  const visits = [
    kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: names[0]! }), 'kiosk'),
    kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: names[1]!, phone: { choice: 'reception' } }), 'kiosk'),
    kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: 'Sam Common' }), 'kiosk'),
  ];
  const firstBatch = readOutboxBatch(kiosk.db);
  await syncKiosk(kiosk);

  const exemptName = `${who.second} ${who.family}-Exempt`;
  const exemption = ok<{ exemption: { id: string } }>(
    await admin.op('exemptions.request', { fullName: exemptName, organisation: `${who.family} Council`, agencyRole: 'Social worker', purpose: 'Calls during reviews', devices: 'Work phone' }),
  ).exemption;
  const breachWhat = `Phone out in the ${who.family} hall`;
  const breach = ok<{ breach: { id: string } }>(
    await admin.op('breaches.log', { visitId: visits[0]!.visitId, person: names[0], location: `${who.family} hall`, what: breachWhat, actionTaken: 'Reminded of the rule' }),
  ).breach;
  // What the newer console pages show: a regular on the register (signed in once by card), the
  // DSL directory and a never-here place, a restricted entry whose sign-in was held, an ID check.
  const hostId = ok<{ hosts: { id: string; active: boolean }[] }>(await admin.op('reference.get', {})).hosts.find((h) => h.active)!.id;
  const regularName = `${who.second} ${who.family}-Regular`;
  const regular = ok<{ regular: { id: string } }>(
    await admin.op('regulars.save', { fullName: regularName, organisation: `${who.family} Reading Club`, role: 'Reading volunteer', category: 'volunteer', hostId }),
  ).regular;
  const today = new Date().toISOString().slice(0, 10);
  const nextYear = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
  ok(await admin.op('regulars.addAssurance', { regularId: regular.id, kind: 'enhanced_dbs_seen', checkedBy: 'Pat Office', checkedOn: today, expiresOn: nextYear }));
  const card = ok<{ card: { code: string } }>(await admin.op('regulars.issueCard', { id: regular.id })).card;
  const dslEntry = `${who.first} ${who.family}-Lead`;
  const neverPlace = `${who.family} pool`;
  ok(await admin.op('dsls.save', { dsls: [{ id: `dsl-${stem}`, name: dslEntry, role: 'dsl', contact: `Room ${stem}`, active: true }] }));
  ok(await admin.op('neverPlaces.save', { neverPlaces: [{ id: `never-${stem}`, name: neverPlace, active: true }] }));
  const barred = `${who.second} ${who.family}-Barred`;
  ok(await dsl.op('restricted.save', { fullName: barred, reason: 'Court order: no contact', reviewOn: '2099-01-01' }));
  ok(await admin.op('admission.idChecked', { visitId: visits[0]!.visitId, seen: 'photo_id' }));
  const invitee = `${who.first} ${who.family}-Invitee`;
  const expected = ok<{ expected: { id: string } }>(
    await admin.op('expected.save', { fullName: invitee, organisation: `${who.family} Council`, category: 'professional', hostId, expectedOn: today, note: '', cancelled: false }),
  ).expected;
  const inviteTo = `invitee.${stem}@example.org`;
  // Email set up (to a port nobody answers: what is queued is what the isolation is about).
  ok(await admin.op('notifications.save', { settings: smtpSettings(9, { consoleUrl: '' }), hostEmails: {}, staffEmails: {} }));
  ok(await admin.op('invitations.send', { expectedId: expected.id, email: inviteTo, language: 'en' }));
  await syncKiosk(kiosk); // the register, keys and lists reach the kiosk
  const scan = kiosk.core.run('regular.scan', { cardCode: card.code, language: 'en' }, 'kiosk');
  kiosk.core.run('regular.signIn', cardSignInInput(kiosk, card.code, scan, { choice: 'none' }), 'kiosk');
  kiosk.core.run('visit.signIn', signInInput(kiosk, { fullName: barred }), 'kiosk'); // held quietly
  await syncKiosk(kiosk);

  ok(await admin.op('rollCall.start', {}));
  const kioskId = getSetting(kiosk.db, 'kiosk_id')!;
  return {
    slug,
    admin,
    dsl,
    kiosk,
    firstBatch,
    ids: { exemption: exemption.id, breach: breach.id, visits: visits.map((v) => v.visitId), expected: expected.id },
    markers: {
      visitors: names,
      visitIds: visits.slice(0, 2).map((v) => v.visitId),
      custody: [names[1]!],
      common: [visits[2]!.visitId],
      kiosk: [kioskName, kioskId],
      exemption: [exemptName, exemption.id],
      breach: [breachWhat, breach.id],
      staff: [dslName, `dsl.${stem}`],
      regular: [regularName],
      safeguarding: [dslEntry, neverPlace],
      restricted: [barred],
      idCheck: [visits[0]!.visitId],
      invitation: [inviteTo],
    },
  };
}

/** The answer as text a person could read: a PDF's words, not its base64. */
function readable(op: OfficeOpName, value: unknown): string {
  if (op === 'evidence.reviewPack') return JSON.stringify((value as { pack: unknown }).pack) + readable('rollCall.pdf', value);
  if (op !== 'rollCall.pdf' && op !== 'evidence.pdf' && op !== 'signage.poster') return JSON.stringify(value);
  const file = path.join(tempDir('rollcall-pdf-'), 'roll-call.pdf');
  fs.writeFileSync(file, Buffer.from((value as { pdf: string }).pdf, 'base64'));
  try {
    return execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

const allMarkers = (m: Markers) => Object.values(m).flat();

describe.runIf(testingOnPostgres())('two schools on one trust hub', () => {
  let t: TrustTestHub;
  let north: School;
  let south: School;

  beforeAll(async () => {
    t = await startTrustTestHub();
    north = await school(t, 'north', { first: 'Nora', second: 'Ned', family: 'Northfield' });
    south = await school(t, 'south', { first: 'Sid', second: 'Sue', family: 'Southby' });
  }, 120_000);

  afterAll(async () => {
    for (const s of [north, south]) if (s) disposeKiosk(s.kiosk);
    await t?.close();
  });

  it('lists every console read operation in the visibility table', () => {
    expect(Object.keys(VISIBILITY).sort()).toEqual([...readOps].sort());
  });

  for (const op of readOps) {
    it(`${op}: each school's staff see their own school's records and nothing of the other's`, async () => {
      const row = VISIBILITY[op];
      if (!row) throw new Error(`${op} is missing from VISIBILITY: say what it shows`);
      for (const [mine, theirs] of [
        [north, south],
        [south, north],
      ] as const) {
        const value = ok((await mine[row.as].op(op, row.input(mine))) as never);
        const text = readable(op, value);
        for (const category of row.shows) for (const m of mine.markers[category]) expect(text, `${op} in ${mine.slug} shows its own ${category}`).toContain(m);
        for (const m of allMarkers(theirs.markers)) expect(text, `${op} in ${mine.slug} shows nothing of ${theirs.slug}`).not.toContain(m);
      }
    });
  }

  it('subject access finds the visitor both schools have only at the school searched, and by address only its own invitee', async () => {
    for (const [mine, theirs] of [
      [north, south],
      [south, north],
    ] as const) {
      const text = JSON.stringify(ok(await mine.dsl.op('subjectAccess.search', { name: 'Sam Common' })));
      for (const m of mine.markers.common) expect(text).toContain(m);
      for (const m of allMarkers(theirs.markers)) expect(text).not.toContain(m);
      const theirAddress = ok<{ people: unknown[] }>(await mine.dsl.op('subjectAccess.search', { email: theirs.markers.invitation[0] }));
      expect(theirAddress.people).toEqual([]);
      expect(JSON.stringify(ok(await mine.dsl.op('subjectAccess.search', { email: mine.markers.invitation[0] })))).toContain(mine.markers.invitation[0]);
    }
  });

  it("a record of the other school is not found by its id", async () => {
    const res = await north.admin.op('exemptions.get', { id: south.ids.exemption });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it("a change aimed at the other school's records by their ids is refused, and theirs are untouched", async () => {
    // Each by a role that may make the change in its own school: refused for the ids alone.
    const attempts: ['admin' | 'dsl', string, unknown][] = [
      ['dsl', 'breaches.close', { id: south.ids.breach, outcome: 'Closed from the wrong school', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }],
      ['admin', 'rollCall.mark', { visitId: south.ids.visits[0], status: 'safe' }],
      ['dsl', 'exemptions.revoke', { id: south.ids.exemption, reason: 'From the wrong school' }],
      ['dsl', 'subjectAccess.export', { visitIds: [south.ids.visits[2]], exemptionIds: [south.ids.exemption], breachIds: [south.ids.breach] }],
    ];
    for (const [as, op, input] of attempts) {
      const res = await north[as].op(op, input);
      expect(res.status, `${op}: ${res.text}`).toBeGreaterThanOrEqual(400);
      expect(res.status, `${op} is refused for the record, not for the role`).not.toBe(403);
      for (const m of allMarkers(south.markers)) expect(res.text, op).not.toContain(m);
    }
    const breaches = ok<{ breaches: { id: string; status: string }[] }>(await south.admin.op('breaches.list', {})).breaches;
    expect(breaches.find((x) => x.id === south.ids.breach)?.status).toBe('open');
    const rollCall = ok<{ rollCall: { entries: { visitId: string; status: string }[] } }>(await south.admin.op('rollCall.current', {})).rollCall;
    expect(rollCall.entries.find((e) => e.visitId === south.ids.visits[0])?.status).not.toBe('safe');
  });

  it('the visits CSV export holds only the school\'s own visits', async () => {
    const today = new Date().toISOString().slice(0, 10);
    for (const [mine, theirs] of [
      [north, south],
      [south, north],
    ] as const) {
      const res = await mine.admin.get(`${OFFICE_PATHS.visitsCsv}?from=${today}&to=${today}`);
      expect(res.status, t.logged.join('\n')).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      for (const m of [...mine.markers.visitors, 'Sam Common']) expect(res.text).toContain(m);
      for (const m of allMarkers(theirs.markers)) expect(res.text).not.toContain(m);
    }
  });

  it("a school's session cookie is scoped to its own address and refused at the other school", async () => {
    const login = await t.browser(north.slug).logIn('dsl.north', PASSWORD.dsl);
    expect(login.status).toBe(200);
    expect(login.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))).toMatch(new RegExp(`Path=/s/${north.slug}/(;|$)`));

    const stolen = t.browser(south.slug);
    stolen.cookie = north.admin.cookie;
    stolen.csrf = north.admin.csrf;
    expect((await stolen.get(OFFICE_PATHS.me)).status).toBe(401);
    expect((await stolen.op('visits.search', {})).status).toBe(401);
    expect((await stolen.get(`${OFFICE_PATHS.visitsCsv}?from=2026-01-01&to=2026-01-02`)).status).toBe(401);
    // Both sessions live side by side in one browser's jar: each still works at its own school.
    expect((await north.admin.get(OFFICE_PATHS.me)).status).toBe(200);
    expect((await south.admin.get(OFFICE_PATHS.me)).status).toBe(200);
  });

  it("a kiosk paired with one school is refused by the other's sync API, and cannot push into its visits", async () => {
    const before = ok<{ visits: unknown[] }>(await south.admin.op('visits.search', {})).visits.length;
    const state = readSyncState(north.kiosk.db)!;
    const northId = getSetting(north.kiosk.db, 'kiosk_id')!;
    const push = (kioskId: string, privateKey: string, events: unknown[]) => {
      const body = JSON.stringify({ events });
      const time = new Date().toISOString();
      const nonce = newNonce();
      const hash = createHash('sha256').update(body).digest('hex');
      return {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNED_HEADERS.kiosk]: kioskId,
          [SIGNED_HEADERS.time]: time,
          [SIGNED_HEADERS.nonce]: nonce,
          [SIGNED_HEADERS.signature]: signRequest(privateKey, 'POST', SYNC_PATHS.push, time, nonce, hash),
        },
        body,
      };
    };
    // North's kiosk, with its own keys, at south's address: south has never heard of it.
    const atSouth = await fetch(`${t.schoolUrl(south.slug)}${SYNC_PATHS.push}`, push(northId, state.private_key, north.firstBatch));
    expect(atSouth.status).toBe(401);
    expect(await atSouth.json()).toMatchObject({ code: 'UNPAIRED' });
    // South's own kiosk replaying north's visits: refused, they are another kiosk's.
    const southState = readSyncState(south.kiosk.db)!;
    const southId = getSetting(south.kiosk.db, 'kiosk_id')!;
    const replayed = await fetch(`${t.schoolUrl(south.slug)}${SYNC_PATHS.push}`, push(southId, southState.private_key, north.firstBatch));
    expect(replayed.status).toBe(403);
    // The same request at north, for contrast: north's kiosk is served there (nothing new to store).
    const atNorth = await fetch(`${t.schoolUrl(north.slug)}${SYNC_PATHS.push}`, push(northId, state.private_key, north.firstBatch));
    expect(atNorth.status).toBe(200);

    const after = ok<{ visits: { visitId: string }[] }>(await south.admin.op('visits.search', {})).visits;
    expect(after).toHaveLength(before);
    for (const id of north.ids.visits) expect(after.map((v) => v.visitId)).not.toContain(id);
  });

  it('an unknown or archived school is a 404 in the usual envelope, before any route runs', async () => {
    const b = t.browser('no-such-school');
    for (const res of [await b.get(OFFICE_PATHS.me), await b.op('visits.search', {}), await b.post(OFFICE_PATHS.login, { username: 'x', password: 'y' })]) {
      expect(res.status).toBe(404);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    const sync = await fetch(`${t.schoolUrl('no-such-school')}${SYNC_PATHS.pair}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(sync.status).toBe(404);
    expect((await fetch(`${t.url}/s/Bad_Slug/api/session/me`)).status).toBe(404);
    const archived = uniqueSlug('closed');
    addSchool(t.directory, { slug: archived, name: 'Closed School', by: 'test', at: new Date() });
    t.directory.db.prepare("UPDATE schools SET status = 'archived' WHERE slug = ?").run(archived);
    const gone = await t.browser(archived).get(OFFICE_PATHS.setupStatus);
    expect(gone.status).toBe(404);
    expect(gone.json).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // At the root a trust hub serves no school.
    expect((await fetch(`${t.url}${OFFICE_PATHS.me}`)).status).toBe(404);
  });
});
