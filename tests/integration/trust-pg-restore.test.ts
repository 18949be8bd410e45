// Backing up a trust (issue #16): the README's pg_dump / pg_restore steps, run for real. A trust
// with two schools on a PostgreSQL 15 server (Debian 12's, the oldest the hub supports: its
// pg_dump cannot read the newer server the other tests use), each with staff, visits from a
// kiosk, a breach, an approved exemption and audit entries. The whole database is dumped
// (pg_dump -Fc) and restored into a new one: every table has the same rows, each school's audit
// chain verifies to the same last hash, the hubs take new writes (their numbering carries on)
// and the directory lists both schools. One school alone (-n school_<slug>) restores into a
// fresh database too, and over the live database while its hubs are stopped.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../core/office/audit.js';
import { openHub, type Hub } from '../../core/office/hub.js';
import { staffByUsername, toActor } from '../../core/office/staff/accounts.js';
import { createAdministrator } from '../../core/office/staff/provision.js';
import { schoolSchema } from '../../core/office/store/open.js';
import { addSchool, findSchool, listSchools, openTrustDirectory, TRUST_SCHEMA } from '../../core/office/trust/directory.js';
import type { Actor } from '../../core/office/context.js';
import { eventSource, ingest, registerKiosk } from '../support/officeDomain.js';
import { ADMIN, PASSWORDS, TEST_SCRYPT } from '../support/officeHub.js';
import { testingOnPostgres } from '../support/postgres.js';
import { DEBIAN_PG15_BIN, hasSystemPostgres, startSystemPostgres, type SystemPostgres } from '../support/systemPostgres.js';
import { tempDir } from '../support/tempKiosk.js';

const NOW = new Date('2026-03-02T10:00:00.000Z');
const SCHOOLS = [
  { slug: 'riverside', name: 'Riverside Primary', visitors: ['Rita Moss', 'Tom Vale'] },
  { slug: 'hillcrest', name: 'Hillcrest Academy', visitors: ['Omar Haddad', 'Jane Smith', 'Lena Brook'] },
] as const;

/** Per table of a schema: its row count and a checksum of every row. */
type Contents = Record<string, { rows: number; sum: string }>;

async function contents(url: string, schema: string): Promise<Contents> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const tables = (await c.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1", [schema])).rows.map((r) => r.t);
    const out: Contents = {};
    for (const t of tables) {
      const r = await c.query<{ rows: number; sum: string }>(`SELECT count(*)::int AS rows, md5(COALESCE(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS sum FROM "${schema}"."${t}" x`);
      out[t] = r.rows[0]!;
    }
    return out;
  } finally {
    await c.end();
  }
}

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

const dirs: string[] = [];
function openSchool(url: string, slug: string): Hub {
  const dataDir = tempDir(`hub-${slug}-`);
  dirs.push(dataDir);
  return openHub({ dataDir, database: { url, school: slug }, now: () => NOW, log: () => {} });
}

const actor = (hub: Hub, username: string): Actor => toActor(staffByUsername(hub.db, username)!);

/** A school's real records: staff of three roles, a kiosk's visits, a breach, an approved exemption. */
async function fillSchool(hub: Hub, visitors: readonly string[]): Promise<void> {
  await createAdministrator(hub, { username: 'ada', displayName: 'Ada Admin', password: ADMIN.password }, TEST_SCRYPT);
  const ada = actor(hub, 'ada');
  hub.core.run('staff.create', { username: 'hugh', displayName: 'Hugh Head', role: 'head', password: PASSWORDS.head }, ada);
  hub.core.run('staff.create', { username: 'olive', displayName: 'Olive Office', role: 'office', password: PASSWORDS.office }, ada);
  hub.core.run('account.changePassword', { currentPassword: PASSWORDS.head, newPassword: `${PASSWORDS.head} again` }, actor(hub, 'hugh'));
  registerKiosk(hub, 'k-1', 'Main entrance');
  const src = eventSource('k-1');
  const arrivals = visitors.map((fullName, i) => src.arrive({ fullName, at: `2026-03-02T08:${String(10 + i).padStart(2, '0')}:00.000Z` }));
  ingest(hub, [...arrivals.flatMap((a) => a.events), ...src.depart(arrivals[0]!.visitId, '2026-03-02T09:30:00.000Z')]);
  hub.core.run('breaches.log', { visitId: null, person: 'Man by the gate', location: 'Playground', what: 'Filming at pick-up.', actionTaken: 'Asked him to stop.' }, ada);
  const ex = hub.core.run('exemptions.request', { fullName: 'Ivo Renn', organisation: 'Photography Ltd', agencyRole: 'Photographer', purpose: 'Class photos', devices: 'Camera' }, ada).exemption;
  const location = hub.core.run('reference.get', {}, ada).locations[0]!.id;
  hub.core.run(
    'exemptions.approve',
    { id: ex.id, validFrom: '2026-03-02', validTo: '2026-03-06', recurrence: { kind: 'weekly', weekdays: [1, 3] }, locationIds: [location], devices: 'Camera', conditions: 'Escorted at all times.' },
    actor(hub, 'hugh'),
  );
}

/** New writes on a restored school: a reference change, a visit and audit entries, numbered after the old ones. */
function writeAfterRestore(hub: Hub): void {
  const seqBefore = hub.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM ref_changes').pluck().get() as number;
  const eventsBefore = hub.db.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM hub_events').pluck().get() as number;
  const audit = verifyAudit(hub.db);
  const ada = actor(hub, 'ada');
  const hosts = hub.core.run('reference.get', {}, ada).hosts;
  hub.core.run('hosts.save', { hosts: [...hosts, { id: uuidv7(), name: 'Mr New Host', active: true }] }, ada);
  expect(hub.db.prepare('SELECT MIN(seq) AS n FROM ref_changes WHERE body LIKE ?').pluck().get('%Mr New Host%') as number).toBeGreaterThan(seqBefore);
  const src = eventSource('k-1');
  ingest(hub, src.arrive({ fullName: 'After Restore', at: '2026-03-03T08:00:00.000Z' }).events.map((e) => ({ ...e, seq: e.seq + 1000 })));
  expect(hub.db.prepare("SELECT MIN(seq) AS n FROM hub_events WHERE kiosk_seq > 1000").pluck().get() as number).toBeGreaterThan(eventsBefore);
  const after = verifyAudit(hub.db);
  expect(after.ok).toBe(true);
  expect(after.entries).toBeGreaterThan(audit.entries);
}

const HAVE_PG15 = hasSystemPostgres(DEBIAN_PG15_BIN);

describe.runIf(testingOnPostgres())('backing up a trust with pg_dump and restoring it (PostgreSQL 15)', () => {
  if (!HAVE_PG15) {
    it.skip(`needs PostgreSQL 15's server and pg_dump in ${DEBIAN_PG15_BIN} (Debian 12: apt-get install postgresql-15; .ci/run installs it)`, () => {});
    return;
  }

  let server: SystemPostgres;
  let work: string;
  let dump: string;
  const before: Record<string, Contents> = {};
  const lastHash: Record<string, { entries: number; hash: string }> = {};

  beforeAll(async () => {
    server = await startSystemPostgres(DEBIAN_PG15_BIN);
    expect(server.tool('pg_dump', ['--version'])).toMatch(/\b15\./);
    await admin(server.url, 'CREATE DATABASE trust_live');
    const live = server.urlOf('trust_live');
    const directory = openTrustDirectory(live);
    try {
      for (const s of SCHOOLS) {
        addSchool(directory, { slug: s.slug, name: s.name, by: 'Trust IT', at: NOW });
        const hub = openSchool(live, s.slug);
        try {
          await fillSchool(hub, s.visitors);
          const v = verifyAudit(hub.db);
          expect(v.ok).toBe(true);
          lastHash[s.slug] = { entries: v.entries, hash: hub.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get() as string };
        } finally {
          hub.close();
        }
      }
    } finally {
      directory.close();
    }
    for (const schema of [TRUST_SCHEMA, ...SCHOOLS.map((s) => schoolSchema(s.slug))]) before[schema] = await contents(live, schema);
    work = tempDir('trust-dump-');
    dump = path.join(work, 'trust.dump');
    // The README's step, as the trust's IT would run it.
    server.tool('pg_dump', ['-Fc', '-f', dump, live]);
  }, 180_000);

  afterAll(async () => {
    await server?.stop();
    for (const d of [...dirs, ...(work ? [work] : [])]) fs.rmSync(d, { recursive: true, force: true });
  });

  it('the schools had real records before the dump', () => {
    for (const s of SCHOOLS) {
      const c = before[schoolSchema(s.slug)]!;
      expect(c.visits!.rows).toBe(s.visitors.length);
      expect(c.staff!.rows).toBe(3);
      expect(c.breaches!.rows).toBe(1);
      expect(c.exemptions!.rows).toBe(1);
      expect(c.audit_log!.rows).toBeGreaterThanOrEqual(5);
    }
    expect(before[TRUST_SCHEMA]!.schools!.rows).toBe(2);
  });

  it('restores the whole trust into a new database: same rows, same audit chains, and it takes new writes', async () => {
    await admin(server.url, 'CREATE DATABASE trust_restored');
    const restored = server.urlOf('trust_restored');
    server.tool('pg_restore', ['--exit-on-error', '--no-owner', '-d', restored, dump]);

    for (const schema of Object.keys(before)) expect(await contents(restored, schema), schema).toEqual(before[schema]);
    const directory = openTrustDirectory(restored);
    try {
      expect(listSchools(directory).map((s) => s.slug).sort()).toEqual(SCHOOLS.map((s) => s.slug).sort());
    } finally {
      directory.close();
    }
    for (const s of SCHOOLS) {
      const hub = openSchool(restored, s.slug);
      try {
        expect(verifyAudit(hub.db)).toEqual({ ok: true, entries: lastHash[s.slug]!.entries });
        expect(hub.db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck().get()).toBe(lastHash[s.slug]!.hash);
        const visits = hub.core.run('visits.search', { from: '2020-01-01' }, actor(hub, 'ada')).visits.map((v) => v.fullName).sort();
        expect(visits).toEqual([...s.visitors].sort());
        writeAfterRestore(hub);
      } finally {
        hub.close();
      }
    }
  });

  it('restores one school alone into a fresh database, with its directory row', async () => {
    const [school, other] = SCHOOLS;
    await admin(server.url, 'CREATE DATABASE one_school');
    const fresh = server.urlOf('one_school');
    // pg_restore -n restores what is in the schema, not the schema itself: make it first.
    server.tool('psql', ['-v', 'ON_ERROR_STOP=1', '-d', fresh, '-c', `CREATE SCHEMA ${schoolSchema(school.slug)}`]);
    server.tool('pg_restore', ['--exit-on-error', '--no-owner', '-n', schoolSchema(school.slug), '-d', fresh, dump]);
    expect(await contents(fresh, schoolSchema(school.slug))).toEqual(before[schoolSchema(school.slug)]);
    expect(await contents(fresh, schoolSchema(other.slug))).toEqual({});
    // The directory row, as `office --database URL add-school --slug … --name …` makes it.
    const directory = openTrustDirectory(fresh);
    try {
      addSchool(directory, { slug: school.slug, name: school.name, by: 'Trust IT', at: NOW });
      expect(findSchool(directory, school.slug)).toMatchObject({ name: school.name, status: 'active' });
      expect(findSchool(directory, other.slug)).toBeUndefined();
    } finally {
      directory.close();
    }
    const hub = openSchool(fresh, school.slug);
    try {
      expect(verifyAudit(hub.db)).toEqual({ ok: true, entries: lastHash[school.slug]!.entries });
      writeAfterRestore(hub);
      // The restored school's JSON checks are its own: a bad document is still refused.
      expect(() => hub.db.prepare("UPDATE kiosks SET desk_status = 'not json' WHERE id = 'k-1'").run()).toThrow(/check constraint/i);
    } finally {
      hub.close();
    }
  });

  it('restores one school over the live database (its hubs stopped), leaving the other school as it is', async () => {
    const [school, other] = SCHOOLS;
    const live = server.urlOf('trust_live');
    // Written after the dump: the restore takes the school back to the dump; the other school keeps its own.
    for (const s of SCHOOLS) {
      const hub = openSchool(live, s.slug);
      try {
        writeAfterRestore(hub);
      } finally {
        hub.close();
      }
    }
    const otherNow = await contents(live, schoolSchema(other.slug));
    expect(otherNow).not.toEqual(before[schoolSchema(other.slug)]);
    expect(await contents(live, schoolSchema(school.slug))).not.toEqual(before[schoolSchema(school.slug)]);

    server.tool('pg_restore', ['--exit-on-error', '--no-owner', '--clean', '--if-exists', '-n', schoolSchema(school.slug), '-d', live, dump]);
    expect(await contents(live, schoolSchema(school.slug))).toEqual(before[schoolSchema(school.slug)]);
    expect(await contents(live, schoolSchema(other.slug))).toEqual(otherNow);
    const hub = openSchool(live, school.slug);
    try {
      expect(verifyAudit(hub.db)).toEqual({ ok: true, entries: lastHash[school.slug]!.entries });
      writeAfterRestore(hub);
    } finally {
      hub.close();
    }
  });
});
