// Builds (once) a kiosk database that already holds about 1,000,000 visit events: several
// years of school days of historic visits, almost all departed, plus about 300 people on site.
//
// Rows are bulk-inserted straight into visit_events, outbox and visits (synchronous=OFF, no
// journal, large transactions) instead of going through signIn/signOut, which would take
// many minutes. They are shaped exactly as the core writes them: the same event kinds in the
// same order, the same JSON bodies, UUIDv7 ids in time order, and each visits row in the
// state core/visits/projection.ts leaves it after those events (checked on a sample by
// replaying the events through the real applyToProjection).
//
// The file is cached under the OS temp dir, keyed by schema version and seeder version;
// callers copy it before using it, so every measurement starts from the same state.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { openDb, DB_FILE_NAME, type Db } from '../../core/db/open.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../core/db/migrations.js';
import { openKiosk } from '../../core/kiosk.js';
import { currentPolicy } from '../../core/policy/policy.js';
import { readSettings } from '../../core/site/settings.js';
import { eventsOfVisit } from '../../core/visits/events.js';
import { applyToProjection } from '../../core/visits/projection.js';
import type { VisitorCategory } from '../../shared/domain.js';
import { nameKey } from '../../shared/text.js';
import { prng } from './stats.js';

/** Bump whenever the shape of the seeded data changes, so stale caches are rebuilt. */
export const SEED_FORMAT = 1;
export const TARGET_EVENTS = 1_000_000;
/** People still on site: signed in earlier today, plus a few who never signed out. */
const ON_SITE_TODAY = 280;
const STRAGGLERS = 20;
/** Lockers/pouches the people on site hold; the others stay free for the benchmark. */
const ON_SITE_LOCKERS = 20;
export const SEED_TIME_ZONE = 'Europe/London';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export type SeedMeta = {
  seedFormat: number;
  schemaVersion: number;
  events: number;
  visits: number;
  onSite: number;
  onSiteHoldingLocker: number;
  outboxRows: number;
  firstDay: string;
  lastHistoricDay: string;
  builtAt: string;
  kioskId: string;
  timeZone: string;
  buildMs: number;
  fileBytes: number;
};

export type Seed = { file: string; meta: SeedMeta; cached: boolean };

type Log = (msg: string) => void;

/** Changes whenever any migration's code changes, even within one schema version (during development). */
const SCHEMA_FINGERPRINT = createHash('sha256')
  .update(MIGRATIONS.map((m) => `${m.version}:${m.up.toString()}`).join('\n'))
  .digest('hex')
  .slice(0, 10);

/** The cached seeded database, building it first if there is no valid one. */
export function cachedSeed(cacheDir: string, log: Log): Seed {
  fs.mkdirSync(cacheDir, { recursive: true });
  const key = `kiosk-${TARGET_EVENTS}ev-schema${SCHEMA_VERSION}-${SCHEMA_FINGERPRINT}-seed${SEED_FORMAT}`;
  const file = path.join(cacheDir, `${key}.sqlite3`);
  const metaFile = path.join(cacheDir, `${key}.json`);
  const existing = readMeta(file, metaFile);
  if (existing) return { file, meta: existing, cached: true };

  const buildDir = fs.mkdtempSync(path.join(cacheDir, 'build-'));
  try {
    const meta = buildSeed(buildDir, log);
    fs.renameSync(path.join(buildDir, DB_FILE_NAME), file);
    fs.writeFileSync(`${metaFile}.tmp`, JSON.stringify(meta, null, 2));
    fs.renameSync(`${metaFile}.tmp`, metaFile);
    return { file, meta, cached: false };
  } finally {
    fs.rmSync(buildDir, { recursive: true, force: true });
  }
}

function readMeta(file: string, metaFile: string): SeedMeta | null {
  try {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8')) as SeedMeta;
    if (meta.seedFormat !== SEED_FORMAT || meta.schemaVersion !== SCHEMA_VERSION) return null;
    if (fs.statSync(file).size !== meta.fileBytes) return null;
    return meta;
  } catch {
    return null;
  }
}

/** Remove build-/run- folders left by benchmark runs that were killed (older than an hour). */
export function removeStaleRuns(workDir: string, olderThanMs = HOUR): string[] {
  const removed: string[] = [];
  if (!fs.existsSync(workDir)) return removed;
  for (const name of fs.readdirSync(workDir)) {
    if (!/^(build|run)-/.test(name)) continue;
    const p = path.join(workDir, name);
    try {
      if (Date.now() - fs.statSync(p).mtimeMs < olderThanMs) continue;
      fs.rmSync(p, { recursive: true, force: true });
      removed.push(p);
    } catch {
      // another run may have removed it first
    }
  }
  return removed;
}

/** Copy the seeded file into dir as the kiosk database and flush it to disk, so the
 *  kernel is not still writing back the copy while commits are being timed. */
export function freshCopy(seedFile: string, dir: string): string {
  const dst = path.join(dir, DB_FILE_NAME);
  fs.copyFileSync(seedFile, dst, fs.constants.COPYFILE_FICLONE);
  for (const p of [dst, dir]) {
    const fd = fs.openSync(p, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  return dst;
}

// ---------------------------------------------------------------------------------------
// The people, hosts and reasons the history is made of.

const FIRST = [
  'Olivia', 'Amelia', 'Isla', 'Ava', 'Mia', 'Ivy', 'Lily', 'Freya', 'Grace', 'Sophia', 'Aisha', 'Fatima', 'Zara', 'Maryam',
  'Priya', 'Ananya', 'Chloe', 'Emily', 'Hannah', 'Sarah', 'Rachel', 'Joanne', 'Karen', 'Michelle', 'Agnieszka', 'Oluwaseun',
  'Noah', 'Oliver', 'George', 'Arthur', 'Muhammad', 'Leo', 'Harry', 'Oscar', 'Jack', 'Thomas', 'James', 'Daniel', 'David',
  'Mark', 'Paul', 'Andrew', 'Imran', 'Hassan', 'Ravi', 'Arjun', 'Tomasz', 'Piotr', 'Kwame', 'Chidi', 'Sean', 'Ciaran', 'Rhys',
  'Dylan', 'Ewan', 'Callum', 'Nia', 'Siobhan', 'Saoirse', 'Aoife',
];
const LAST = [
  'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Johnson', 'Roberts', 'Robinson',
  'Thompson', 'Wright', 'Walker', 'White', 'Edwards', 'Hughes', 'Green', 'Hall', 'Lewis', 'Harris', 'Clarke', 'Patel', 'Khan',
  'Ahmed', 'Hussain', 'Begum', 'Ali', 'Singh', 'Kaur', 'Shah', 'Nowak', 'Kowalski', 'Wiśniewska', 'Okafor', 'Adeyemi', 'Mensah',
  "O'Brien", 'Murphy', 'Kelly', 'Byrne', 'MacDonald', 'Campbell', 'Stewart', 'Jackson', 'Martin', 'Cooper', 'King', 'Baker',
  'Wood', 'Turner', 'Hill', 'Scott', 'Moore', 'Ward', 'Morris', 'Clark-Reynolds', 'Lloyd', 'Price',
];
const CONTRACTORS = ['Acme Facilities Ltd', 'Brightspark Electrical', 'County Catering Services', 'ClearView Windows', 'SafeGuard Fire & Security', 'GreenLeaf Grounds', 'Pipeline Plumbing', 'NetSchool IT Support', 'Kingdom Cleaning Co'];
const AGENCIES: [string, string][] = [
  ['County Council Children\u2019s Services', 'Social worker'],
  ['NHS Community Health', 'School nurse'],
  ['NHS Speech and Language Therapy', 'Speech and language therapist'],
  ['Educational Psychology Service', 'Educational psychologist'],
  ['Ofsted', 'Inspector'],
  ['Local Authority SEND Team', 'SEND caseworker'],
  ['Police Schools Liaison', 'Police community support officer'],
  ['CAMHS', 'Mental health practitioner'],
];
const PURPOSES: Record<VisitorCategory, string[]> = {
  parent_carer: ['Meeting with class teacher', 'Collecting child early for an appointment', 'Parents\u2019 evening', 'Dropping off PE kit', 'Meeting with the SENCo', 'Attending class assembly'],
  volunteer: ['Reading with Year 2', 'Helping in the library', 'Running the gardening club', 'Supporting a school trip'],
  contractor: ['Boiler service', 'Fire alarm test', 'Repairing playground fence', 'Window cleaning', 'IT network maintenance', 'Kitchen equipment repair'],
  visitor: ['Tour for prospective parents', 'Visiting author talk', 'Governors\u2019 meeting', 'Delivery of books', 'Interview for teaching post'],
  professional: ['Observation of a pupil', 'Child protection meeting', 'Therapy session', 'Health check', 'Annual review meeting', 'Inspection'],
};
const HOSTS_FOR: Record<VisitorCategory, string[]> = {
  parent_carer: ['teacher', 'teacher', 'office', 'senco', 'unsure'],
  volunteer: ['teacher', 'office'],
  contractor: ['site', 'site', 'office'],
  visitor: ['office', 'head', 'unsure'],
  professional: ['senco', 'dsl', 'head', 'teacher'],
};

type Person = { fullName: string; key: string; category: VisitorCategory; organisation: string; agencyRole: string };

function makePeople(rnd: () => number, n: number): Person[] {
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;
  const people: Person[] = [];
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const category: VisitorCategory = r < 0.55 ? 'parent_carer' : r < 0.65 ? 'volunteer' : r < 0.77 ? 'contractor' : r < 0.9 ? 'visitor' : 'professional';
    const fullName = rnd() < 0.08 ? `${pick(FIRST)} ${pick(FIRST)} ${pick(LAST)}` : `${pick(FIRST)} ${pick(LAST)}`;
    let organisation = '';
    let agencyRole = '';
    if (category === 'contractor') organisation = pick(CONTRACTORS);
    if (category === 'professional') [organisation, agencyRole] = pick(AGENCIES);
    people.push({ fullName, key: nameKey(fullName), category, organisation, agencyRole });
  }
  return people;
}

// ---------------------------------------------------------------------------------------
// Building the file.

/** 0 locker, 1 reception, 2 none, 3 exemption (pending: there is no exemption register yet). */
type Choice = 0 | 1 | 2 | 3;

/** Events signIn + signOut write for one visit. */
function eventCount(c: Choice, departs: boolean): number {
  const signIn = c === 3 ? 4 : 3; // arrived, policy_acknowledged, [device_use_requested], phone_stored
  const signOut = !departs ? 0 : c === 0 || c === 1 ? 2 : 1; // [phone_returned], departed
  return signIn + signOut;
}

function drawChoice(rnd: () => number): Choice {
  const r = rnd();
  return r < 0.35 ? 0 : r < 0.5 ? 1 : r < 0.9 ? 2 : 3;
}

type DayPlan = { start: number; choices: Choice[]; departs: boolean[] };

type Locker = { id: string; label: string; kind: 'locker' | 'pouch' };
type Host = { id: string; name: string };

type Visit = {
  id: string;
  requestId: string | null;
  person: Person;
  host: Host;
  purpose: string;
  evac: boolean;
  badgeCode: string;
  badgeNumber: number;
  localDay: string;
  arrMs: number;
  depMs: number | null;
  choice: Choice; // final custody choice (a locker visit falls back to reception when all are busy)
  locker: Locker | null;
};

type PendingEvent = { ms: number; v: Visit; kind: 'arrived' | 'policy_acknowledged' | 'device_use_requested' | 'phone_stored' | 'phone_returned' | 'departed' };

/** UUIDv7 in the style of the uuid package's own generator: time-ordered and monotonic. */
class MonotonicV7 {
  private ms = -1;
  private seq = 0;
  private readonly bytes = new Uint8Array(16);
  constructor(private readonly rnd: () => number) {}
  next(ms: number): string {
    if (ms > this.ms) {
      this.ms = ms;
      this.seq = Math.floor(this.rnd() * 2 ** 30);
    } else this.seq = (this.seq + 1) | 0;
    for (let i = 0; i < 16; i++) this.bytes[i] = Math.floor(this.rnd() * 256);
    return uuidv7({ msecs: this.ms, seq: this.seq, random: this.bytes });
  }
}

const BADGE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function buildSeed(dir: string, log: Log): SeedMeta {
  const t0 = Date.now();
  const anchor = Date.now();
  const rnd = prng(20260302);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)]!;

  // Plan backwards from the day before yesterday until the history reaches the target.
  const todayChoices: Choice[] = Array.from({ length: ON_SITE_TODAY }, () => drawChoice(rnd));
  let total = todayChoices.reduce<number>((s, c) => s + eventCount(c, false), 0);
  const days: DayPlan[] = [];
  let stragglers = 0;
  for (let d = Math.floor(anchor / DAY) * DAY - 2 * DAY; total < TARGET_EVENTS; d -= DAY) {
    const date = new Date(d);
    const wd = date.getUTCDay();
    const m = date.getUTCMonth();
    const md = date.getUTCDate();
    if (wd === 0 || wd === 6 || m === 7 || (m === 11 && md >= 20) || (m === 0 && md < 3)) continue; // weekends, holidays
    const plan: DayPlan = { start: d, choices: [], departs: [] };
    const n = 170 + Math.floor(rnd() * 160);
    for (let i = 0; i < n && total < TARGET_EVENTS; i++) {
      let c = drawChoice(rnd);
      const straggler = days.length < 40 && stragglers < STRAGGLERS && rnd() < 0.004;
      if (straggler) {
        stragglers++;
        if (c === 0) c = 1; // a forgotten sign-out should not hold a locker for ever
      }
      plan.choices.push(c);
      plan.departs.push(!straggler);
      total += eventCount(c, !straggler);
    }
    days.push(plan);
  }
  days.reverse();
  const firstDayStart = days[0]!.start;

  fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ siteName: 'Bench Primary School', timeZone: SEED_TIME_ZONE }));
  const kiosk = openKiosk({ dataDir: dir, now: () => new Date(firstDayStart + 6 * HOUR), log: () => {} });
  const db = kiosk.db;
  try {
    const settings = readSettings(db);
    const policy = currentPolicy(db, 'en');
    const lockers = db.prepare('SELECT id, label, kind FROM lockers WHERE active = 1 ORDER BY sort').all() as Locker[];
    const hosts = new Map((db.prepare('SELECT id, name FROM hosts WHERE active = 1').all() as Host[]).map((h) => [h.id, h]));
    const dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const people = makePeople(rnd, 30_000);

    // Seeding only: no durability, no journal, a big page cache.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');

    const insEvent = db.prepare('INSERT INTO visit_events (id, visit_id, kiosk_id, kind, at, body) VALUES (?, ?, ?, ?, ?, ?)');
    const insOutbox = db.prepare('INSERT INTO outbox (event_id) VALUES (?)');
    const insVisit = db.prepare(
      `INSERT INTO visits (id, kiosk_id, badge_code, badge_number, local_day, category, full_name, name_key, organisation,
         agency_role, host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at,
         policy_version_id, policy_text_hash, acknowledged_at, phone_kind, locker_id, device_request_id, phone_in_at,
         phone_out_at, departed_at, departed_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    const ids = new MonotonicV7(rnd);
    const badgeCodes = new Set<string>();
    const badgeMax = new Map<string, number>();
    const ackBody = JSON.stringify({ versionId: policy.versionId, version: policy.version, textHash: policy.textHash, language: policy.language });
    const byVisitor = JSON.stringify({ by: 'visitor' });
    let events = 0;
    let visits = 0;

    const newBadgeCode = (): string => {
      for (;;) {
        let code = '';
        for (let i = 0; i < 6; i++) code += BADGE_ALPHABET[Math.floor(rnd() * BADGE_ALPHABET.length)];
        if (!badgeCodes.has(code)) {
          badgeCodes.add(code);
          return code;
        }
      }
    };

    const newVisit = (arrMs: number, depMs: number | null, choice: Choice, locker: Locker | null): Visit => {
      const person = people[Math.floor(people.length * rnd() ** 2)]!; // some people come often
      const day = dayFmt.format(new Date(arrMs));
      const badgeNumber = (badgeMax.get(day) ?? 0) + 1;
      badgeMax.set(day, badgeNumber);
      return {
        id: '',
        requestId: null,
        person,
        host: hosts.get(pick(HOSTS_FOR[person.category]))!,
        purpose: pick(PURPOSES[person.category]),
        evac: rnd() < 0.02,
        badgeCode: newBadgeCode(),
        badgeNumber,
        localDay: day,
        arrMs,
        depMs,
        choice,
        locker,
      };
    };

    const eventsOf = (v: Visit): PendingEvent[] => {
      const out: PendingEvent[] = [
        { ms: v.arrMs, v, kind: 'arrived' },
        { ms: v.arrMs, v, kind: 'policy_acknowledged' },
      ];
      if (v.choice === 3) out.push({ ms: v.arrMs, v, kind: 'device_use_requested' });
      out.push({ ms: v.arrMs, v, kind: 'phone_stored' });
      if (v.depMs !== null) {
        if (v.choice === 0 || v.choice === 1) out.push({ ms: v.depMs, v, kind: 'phone_returned' });
        out.push({ ms: v.depMs, v, kind: 'departed' });
      }
      return out;
    };

    const custodyBody = (v: Visit): string => {
      switch (v.choice) {
        case 0:
          return JSON.stringify({ custody: { kind: 'locker', lockerId: v.locker!.id, lockerLabel: v.locker!.label, lockerKind: v.locker!.kind } });
        case 1:
          return JSON.stringify({ custody: { kind: 'reception' } });
        case 2:
          return JSON.stringify({ custody: { kind: 'none' } });
        case 3:
          return JSON.stringify({ custody: { kind: 'exemption_pending', requestId: v.requestId } });
      }
    };

    const phoneKind = ['locker', 'reception', 'none', 'exemption_pending'] as const;

    const write = (e: PendingEvent): void => {
      const v = e.v;
      const at = new Date(e.ms).toISOString();
      let body: string;
      switch (e.kind) {
        case 'arrived': {
          // Same id order as signIn: the device request id, then the visit id, then the events.
          if (v.choice === 3) v.requestId = ids.next(e.ms);
          v.id = ids.next(e.ms);
          const p = v.person;
          const idCheckRequired = p.category === 'professional';
          body = JSON.stringify({
            category: p.category,
            fullName: p.fullName,
            nameKey: p.key,
            organisation: p.organisation,
            agencyRole: p.agencyRole,
            hostId: v.host.id,
            hostName: v.host.name,
            purpose: v.purpose,
            language: 'en',
            badgeCode: v.badgeCode,
            badgeNumber: v.badgeNumber,
            localDay: v.localDay,
            idCheckRequired,
            needsEvacuationHelp: v.evac,
          });
          // The visits row as the projection leaves it after all of this visit's events.
          const dep = v.depMs === null ? null : new Date(v.depMs).toISOString();
          const returned = dep !== null && (v.choice === 0 || v.choice === 1);
          insVisit.run(
            v.id, settings.kioskId, v.badgeCode, v.badgeNumber, v.localDay, p.category, p.fullName, p.key, p.organisation,
            p.agencyRole, v.host.id, v.host.name, v.purpose, 'en', idCheckRequired ? 1 : 0, v.evac ? 1 : 0, at,
            policy.versionId, policy.textHash, at, phoneKind[v.choice], v.locker?.id ?? null, v.requestId,
            v.choice === 2 ? null : at, returned ? dep : null, dep, dep === null ? null : 'visitor',
          );
          visits++;
          break;
        }
        case 'policy_acknowledged':
          body = ackBody;
          break;
        case 'device_use_requested':
          body = JSON.stringify({ requestId: v.requestId });
          break;
        case 'phone_stored':
          body = custodyBody(v);
          break;
        case 'phone_returned':
        case 'departed':
          body = byVisitor;
          break;
      }
      const id = ids.next(e.ms);
      insEvent.run(id, v.id, settings.kioskId, e.kind, at, body);
      insOutbox.run(id);
      events++;
    };

    const writeAll = (pending: PendingEvent[]) => {
      pending.sort((a, b) => a.ms - b.ms); // stable: keeps each visit's own order
      for (const e of pending) write(e);
    };

    // Historic days, a few weeks per transaction.
    const lockerFreeAt = new Map(lockers.map((l) => [l.id, 0]));
    const perTx = 40;
    for (let i = 0; i < days.length; i += perTx) {
      db.transaction(() => {
        for (const plan of days.slice(i, i + perTx)) {
          const n = plan.choices.length;
          const arrivals = Array.from({ length: n }, () => plan.start + 7.5 * HOUR + Math.floor(rnd() * 8 * HOUR)).sort((a, b) => a - b);
          const pending: PendingEvent[] = [];
          arrivals.forEach((arr, k) => {
            const departs = plan.departs[k]!;
            const dep = departs ? Math.min(arr + 10 * MIN + Math.floor(-Math.log(1 - rnd()) * 50 * MIN), plan.start + 17.75 * HOUR) : null;
            let choice = plan.choices[k]!;
            let locker: Locker | null = null;
            if (choice === 0) {
              const free = lockers.filter((l) => lockerFreeAt.get(l.id)! <= arr);
              if (free.length === 0) choice = 1;
              else {
                locker = pick(free);
                lockerFreeAt.set(locker.id, dep!);
              }
            }
            pending.push(...eventsOf(newVisit(arr, dep, choice, locker)));
          });
          writeAll(pending);
        }
      })();
      if ((i / perTx) % 5 === 4) log(`  seeded ${events.toLocaleString('en')} events…`);
    }

    // Today: people who signed in over the last seven hours and are still here.
    db.transaction(() => {
      const arrivals = Array.from({ length: ON_SITE_TODAY }, () => anchor - 7 * HOUR + Math.floor(rnd() * (7 * HOUR - MIN))).sort((a, b) => a - b);
      const held = lockers.slice(0, ON_SITE_LOCKERS);
      const pending: PendingEvent[] = [];
      arrivals.forEach((arr, k) => {
        let choice = todayChoices[k]!;
        let locker: Locker | null = null;
        if (choice === 0) {
          locker = held.shift() ?? null;
          if (!locker) choice = 1;
        }
        pending.push(...eventsOf(newVisit(arr, null, choice, locker)));
      });
      writeAll(pending);
    })();

    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const meta: SeedMeta = {
      seedFormat: SEED_FORMAT,
      schemaVersion: SCHEMA_VERSION,
      events: count('SELECT COUNT(*) AS n FROM visit_events'),
      visits: count('SELECT COUNT(*) AS n FROM visits'),
      onSite: count('SELECT COUNT(*) AS n FROM visits WHERE departed_at IS NULL'),
      onSiteHoldingLocker: count('SELECT COUNT(*) AS n FROM visits WHERE locker_id IS NOT NULL AND phone_out_at IS NULL'),
      outboxRows: count('SELECT COUNT(*) AS n FROM outbox'),
      firstDay: dayFmt.format(new Date(firstDayStart + 12 * HOUR)),
      lastHistoricDay: dayFmt.format(new Date(days[days.length - 1]!.start + 12 * HOUR)),
      builtAt: new Date(anchor).toISOString(),
      kioskId: settings.kioskId,
      timeZone: settings.timeZone,
      buildMs: 0,
      fileBytes: 0,
    };
    if (meta.events !== events || meta.visits !== visits || meta.outboxRows !== events)
      throw new Error(`seeding wrote ${events} events / ${visits} visits but the tables hold ${meta.events} / ${meta.visits} (outbox ${meta.outboxRows})`);
    if (meta.events < TARGET_EVENTS) throw new Error(`seeded only ${meta.events} events`);
    if (meta.onSite !== ON_SITE_TODAY + stragglers) throw new Error(`expected ${ON_SITE_TODAY + stragglers} on site, found ${meta.onSite}`);

    verifyProjection(db, 400, rnd);

    // Leave the file as a kiosk leaves it: WAL mode, fully checkpointed on close.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    kiosk.close();
    meta.buildMs = Date.now() - t0;
    meta.fileBytes = fs.statSync(path.join(dir, DB_FILE_NAME)).size;
    return meta;
  } catch (e) {
    kiosk.close();
    throw e;
  }
}

/**
 * Replays the events of a sample of visits (all the people on site, plus `historic` random
 * others) through the real projection in a scratch in-memory database, and checks the visits
 * rows come out identical to the seeded ones.
 */
export function verifyProjection(db: Db, historic: number, rnd: () => number = Math.random): number {
  const mem = openDb(':memory:');
  try {
    const ins = mem.prepare('INSERT INTO lockers (id, label, kind, sort, active) VALUES (?, ?, ?, ?, ?)');
    for (const l of db.prepare('SELECT id, label, kind, sort, active FROM lockers').all() as { id: string; label: string; kind: string; sort: number; active: number }[])
      ins.run(l.id, l.label, l.kind, l.sort, l.active);
    const maxRow = (db.prepare('SELECT MAX(rowid) AS n FROM visits').get() as { n: number }).n;
    const byRowid = db.prepare('SELECT id FROM visits WHERE rowid = ?').pluck();
    const sample = new Set(db.prepare('SELECT id FROM visits WHERE departed_at IS NULL').pluck().all() as string[]);
    for (let i = 0; i < historic; i++) {
      const id = byRowid.get(1 + Math.floor(rnd() * maxRow)) as string | undefined;
      if (id) sample.add(id);
    }
    const seeded = db.prepare('SELECT * FROM visits WHERE id = ?');
    const replayed = mem.prepare('SELECT * FROM visits WHERE id = ?');
    const forget = mem.prepare('DELETE FROM visits WHERE id = ?'); // one visit at a time: lockers are reused
    mem.transaction(() => {
      for (const id of sample) {
        for (const ev of eventsOfVisit(db, id)) applyToProjection(mem, ev);
        const a = JSON.stringify(seeded.get(id));
        const b = JSON.stringify(replayed.get(id));
        if (a !== b) throw new Error(`seeded visits row differs from the projection of its events:\n seeded   ${a}\n replayed ${b}`);
        forget.run(id);
      }
    })();
    return sample.size;
  } finally {
    mem.close();
  }
}
