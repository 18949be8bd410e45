// The DSL's evidence view (issue #15 part B) on a hub holding a year of a large school's visits
// (200,000), some under device approvals (one revoked), with concerns against some of them. Each
// figure goes through hub.core.run as the console calls it (the read's audit entry included) and
// is a ratio to a bare indexed query fetching the same visits' ids, measured in the same run with
// samples interleaved:
//   a term, devices only   vs  ids of the term's visits under an approval (visits_device_use)
//   a person, whole record vs  ids of that name's visits (visits_by_name)
//   the annual review pack (figures + PDF)  vs  a count of the year's acknowledgements by language
//
// The database is built once with multi-row INSERTs straight into the tables (rows shaped as
// the projection and the handlers leave them) and cached in the bench work dir, keyed by a
// fingerprint of the hub migrations and this seeder's format.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import type { Actor } from '../../core/office/context.js';
import { HUB_MIGRATIONS, HUB_SCHEMA_VERSION } from '../../core/office/db/migrations.js';
import { openHub, type Hub } from '../../core/office/hub.js';
import { evidenceSql } from '../../core/office/concerns/evidence.js';
import { EvidenceInput } from '../../shared/concerns.js';
import { VISITOR_CATEGORIES } from '../../shared/domain.js';
import { nameKey } from '../../shared/text.js';
import { batchInserter, cachedHubSeed, openSeedCopy } from './hubSeedCache.js';
import { fmtMs, fmtRatio, prng, summarise, table, timeMs, type Stats } from './stats.js';

const SEED_FORMAT = 1;
const VISITS = 200_000;
const SCHOOL_DAYS = 190;
/** Share of visits under a device approval (therapists, photographers, contractors). */
const DEVICE_SHARE = 0.02;
const EXEMPTIONS = 60;
const CONCERNS = 400;
/** The regular visitor looked up by name: twice a week all year, under her approval. */
const REGULAR = 'Priya Nair';
const MAX_MS = 250;
const WARMUP = 5;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR_START = Date.parse('2025-09-01T00:00:00Z');
const TERM = { from: '2026-01-05', to: '2026-03-27' };
const YEAR = { from: '2025-09-01', to: '2026-08-31' };

const FINGERPRINT = createHash('sha256')
  .update(HUB_MIGRATIONS.map((m) => `${m.version}:${m.up.toString()}`).join('\n'))
  .update(`evidence-seed${SEED_FORMAT}`)
  .digest('hex')
  .slice(0, 10);

type SeedMeta = { seedFormat: number; schemaVersion: number; fingerprint: string; visits: number; deviceVisits: number; termDeviceVisits: number; regularVisits: number; builtAt: string; buildMs: number; fileBytes: number };

const COLUMNS = [
  'id', 'kiosk_id', 'last_kiosk_seq', 'badge_code', 'badge_number', 'local_day', 'category', 'full_name', 'name_key', 'organisation',
  'agency_role', 'host_id', 'host_name', 'purpose', 'language', 'id_check_required', 'needs_evac_help', 'arrived_at', 'policy_version',
  'policy_version_id', 'policy_text_hash', 'acknowledged_at', 'phone_custody', 'phone_kind', 'locker_id', 'exemption_id', 'phone_in_at',
  'phone_out_at', 'departed_at', 'departed_by',
] as const;
const ROWS_PER_INSERT = 500; // 30 columns x 500 rows stays under SQLite's 32,766 bound parameters

const FIRST = ['Olivia', 'Amelia', 'Aisha', 'Fatima', 'Agnieszka', 'Noah', 'Oliver', 'Muhammad', 'Tomasz', 'Kwame', 'Siobhan', 'Rhys', 'Chidi', 'Ana', 'Ioana', 'Grace', 'Yusuf', 'Maria', 'Jakub', 'Leah', 'Sam', 'Hannah', 'Dev', 'Oksana', 'Bilal', 'Ewa', 'Kofi', 'Ruth', 'Imran', 'Lucy'];
const LAST = ['Smith', 'Jones', 'Patel', 'Khan', 'Nowak', 'Mensah', "O'Brien", 'Davies', 'Begum', 'Singh', 'Popescu', 'Silva', 'Kowalski', 'Ahmed', 'Evans', 'Hughes', 'Ali', 'Taylor', 'Brown', 'Wright', 'Shevchenko', 'Costa', 'Hussain', 'Walker', 'Green', 'Lewis', 'Clarke', 'Rahman', 'Ionescu', 'Wood'];
const LANGS = ['en', 'en', 'en', 'en', 'pl', 'ro', 'uk', 'pt', 'pa', 'ur', 'bn', 'ar'];

/** School days of the year: weekdays from 1 September, SCHOOL_DAYS of them. */
function schoolDays(): number[] {
  const out: number[] = [];
  for (let d = YEAR_START; out.length < SCHOOL_DAYS; d += DAY) {
    const wd = new Date(d).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}

function buildSeed(dir: string, say: (s: string) => void): SeedMeta {
  const t0 = Date.now();
  const now = Date.parse('2026-08-31T16:00:00Z');
  const hub = openHub({ dataDir: dir, now: () => new Date(now), log: () => {} });
  const db = hub.db;
  try {
    db.pragma('synchronous = OFF');
    const rnd = prng(20260903);
    const policy = db.prepare('SELECT id FROM policy_versions ORDER BY version DESC LIMIT 1').pluck().get() as string;
    const hash = db.prepare("SELECT text_hash FROM policy_texts WHERE language = 'en'").pluck().get() as string;

    // The approvals: decided in September, the last one revoked in the spring term.
    const exemptions: string[] = [];
    const ex = db.prepare(
      `INSERT INTO exemptions (id, status, source, full_name, name_key, organisation, agency_role, purpose, devices, location_ids, requested_window,
         valid_from, valid_to, recurrence, conditions, created_by, created_at, decided_by, decided_at, revoked_by, revoked_at, revoke_reason)
       VALUES (?, ?, 'staff', ?, ?, 'Agency', 'Visitor', 'Work with pupils', 'Tablet', '["staffroom"]', '', '2025-09-01', '2026-08-31', '{"kind":"single"}',
         'Only in the staff room; no images of pupils.', 'Bench', '2025-09-01T08:00:00.000Z', 'Hugh Head (hugh)', '2025-09-02T08:00:00.000Z', ?, ?, ?)`,
    );
    db.transaction(() => {
      for (let i = 0; i < EXEMPTIONS; i++) {
        const id = uuidv7();
        const name = i === 0 ? REGULAR : `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`;
        const revoked = i === EXEMPTIONS - 1;
        ex.run(id, revoked ? 'revoked' : 'approved', name, nameKey(name), revoked ? 'Dana Lead (dana)' : null, revoked ? '2026-02-10T10:00:00.000Z' : null, revoked ? 'Bench' : null);
        exemptions.push(id);
      }
    })();

    const { add, flush } = batchInserter(db, 'visits', COLUMNS, ROWS_PER_INSERT);
    const deviceVisitIds: string[] = [];
    const days = schoolDays();
    const perDay = Math.ceil(VISITS / days.length);
    let written = 0;
    let regular = 0;
    db.transaction(() => {
      for (const [di, day] of days.entries()) {
        const wd = new Date(day).getUTCDay();
        for (let i = 0; i < perDay && written < VISITS; i++, written++) {
          const arrived = day + 8 * HOUR + Math.floor((i / perDay) * 8 * HOUR);
          const isRegular = i === 0 && (wd === 2 || wd === 4);
          const device = isRegular || rnd() < DEVICE_SHARE;
          const exemption = isRegular ? exemptions[0]! : device ? exemptions[1 + Math.floor(rnd() * (EXEMPTIONS - 1))]! : null;
          const fullName = isRegular ? REGULAR : `${FIRST[Math.floor(rnd() * FIRST.length)]} ${LAST[Math.floor(rnd() * LAST.length)]}`;
          if (isRegular) regular++;
          const r = rnd();
          const custody = exemption
            ? { kind: 'exemption', exemptionId: exemption }
            : r < 0.4
              ? { kind: 'locker', lockerId: `L${1 + (i % 24)}`, lockerLabel: `Locker ${1 + (i % 24)}`, lockerKind: 'locker' }
              : r < 0.55
                ? { kind: 'reception' }
                : { kind: 'none' };
          const at = new Date(arrived).toISOString();
          const dep = new Date(arrived + HOUR).toISOString();
          const held = custody.kind !== 'none';
          // A handful of phones never collected over the year.
          const collected = !(held && rnd() < 0.0005);
          const id = uuidv7({ msecs: arrived });
          if (exemption) deviceVisitIds.push(id);
          const category = VISITOR_CATEGORIES[Math.floor(rnd() * VISITOR_CATEGORIES.length)]!;
          add([
            id, i % 2 === 0 ? 'k-north' : 'k-south', 4, `B${i + 1}`, i + 1, at.slice(0, 10), category, fullName, nameKey(fullName), '', '', 'office',
            'School office', 'Meeting', LANGS[Math.floor(rnd() * LANGS.length)]!, 0, 0, at, 1, policy, hash, at, JSON.stringify(custody), custody.kind,
            custody.kind === 'locker' ? (custody as { lockerId: string }).lockerId : null, exemption, held ? at : null, held && collected ? dep : null, dep, 'visitor',
          ]);
        }
        flush();
        if ((di + 1) % 50 === 0) say(`  ${written.toLocaleString('en')} visits written…`);
      }
    })();

    // Concerns: most against a device visit, with a referral for one in ten.
    const br = db.prepare(
      `INSERT INTO breaches (id, visit_id, person, location, what, action_taken, logged_by, logged_at, status, kind, severity, policy_point, urgent)
       VALUES (?, ?, 'Visitor', 'Corridor', 'Seen using a phone.', 'Reminded.', 'Bench', ?, 'open', ?, ?, 'visitor_phone_locked_away', 0)`,
    );
    const rf = db.prepare("INSERT INTO concern_referrals (id, breach_id, agency, contact, referred_at, reference, note, recorded_by, recorded_at) VALUES (?, ?, 'county_safeguarding', 'Adviser', ?, '', '', 'Bench', ?)");
    db.transaction(() => {
      for (let i = 0; i < CONCERNS; i++) {
        const id = uuidv7();
        const visitId = i % 4 === 3 ? null : deviceVisitIds[Math.floor(rnd() * deviceVisitIds.length)]!;
        const at = new Date(YEAR_START + Math.floor(rnd() * 300) * DAY + 10 * HOUR).toISOString();
        br.run(id, visitId, at, rnd() < 0.5 ? 'phone_use_seen' : 'photo_or_recording_of_pupils', ['low', 'medium', 'high'][i % 3]!);
        if (i % 10 === 0) rf.run(uuidv7(), id, at, at);
      }
    })();
    db.exec('ANALYZE');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const count = (sql: string, ...p: unknown[]) => db.prepare(sql).pluck().get(...p) as number;
    return {
      seedFormat: SEED_FORMAT,
      schemaVersion: HUB_SCHEMA_VERSION,
      fingerprint: FINGERPRINT,
      visits: count('SELECT COUNT(*) FROM visits'),
      deviceVisits: deviceVisitIds.length,
      termDeviceVisits: count('SELECT COUNT(*) FROM visits WHERE exemption_id IS NOT NULL AND local_day >= ? AND local_day <= ?', TERM.from, TERM.to),
      regularVisits: regular,
      builtAt: new Date().toISOString(),
      buildMs: Date.now() - t0,
      fileBytes: 0,
    };
  } finally {
    hub.close();
  }
}

const DSL: Actor = { staffId: 'bench-dsl', username: 'dana', displayName: 'Dana Lead', role: 'dsl' };

type Figure = Stats & { rows: number; ratioP50: number; ratioP99: number; baseline: Stats };
export type EvidenceBenchResult = {
  seed: SeedMeta & { cached: boolean };
  n: number;
  queryPlans: Record<'term' | 'person', string[]>;
  usesIndexes: boolean;
  term: Figure;
  person: Figure;
  reviewPack: Figure;
  target: { maxMs: number; statistic: 'p99'; pass: boolean };
};

/** Seed (or reuse) the year, copy it, and time the evidence view against bare indexed queries. */
export function benchEvidence(opts: { workDir: string; samples: number; say: (s?: string) => void }): EvidenceBenchResult {
  const { say } = opts;
  const n = opts.samples;
  const seed = cachedHubSeed({
    workDir: opts.workDir,
    key: `evidence-${VISITS}v-schema${HUB_SCHEMA_VERSION}-${FINGERPRINT}`,
    fingerprint: FINGERPRINT,
    what: 'the evidence-view hub database',
    build: buildSeed,
    say,
  });
  say(
    `Evidence-view hub database: ${seed.cached ? 'cached' : 'built'} (${seed.meta.visits.toLocaleString('en')} visits, ${seed.meta.deviceVisits.toLocaleString('en')} under an approval; built in ${(seed.meta.buildMs / 1000).toFixed(1)} s)`,
  );
  const runDir = fs.mkdtempSync(path.join(opts.workDir, 'run-'));
  let hub: Hub | undefined;
  try {
    hub = openSeedCopy(seed.file, runDir, () => new Date('2026-08-31T16:00:00Z'));
    const h = hub;
    const lo = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - DAY).toISOString();
    const hi = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 2 * DAY).toISOString();
    // The bare indexed queries: the same visits' ids, nothing joined, nothing built.
    const bareTermSql = 'SELECT id FROM visits WHERE arrived_at >= ? AND arrived_at < ? AND exemption_id IS NOT NULL';
    const barePersonSql = 'SELECT id FROM visits WHERE name_key = ?';
    const bareTerm = h.db.prepare(bareTermSql).pluck();
    const barePerson = h.db.prepare(barePersonSql).pluck();
    const bareYear = h.db.prepare('SELECT language, COUNT(*) FROM visits WHERE arrived_at >= ? AND arrived_at < ? AND acknowledged_at IS NOT NULL GROUP BY language');
    // The plans of the evidence view's own queries (the bare ones are plain index reads).
    const params = { lo: 'a', hi: 'b', from: 'a', to: 'b', limit: 1, key: 'x' };
    const plan = (sql: string) => (h.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail);
    const queryPlans = {
      term: plan(evidenceSql(EvidenceInput.parse({ scope: 'term', ...TERM }))),
      person: plan(evidenceSql(EvidenceInput.parse({ scope: 'person', name: REGULAR }))),
    };
    const usesIndexes = queryPlans.term.some((d) => d.includes('visits_device_use')) && queryPlans.person.some((d) => d.includes('visits_by_name'));
    say(`Evidence query plans: term: ${queryPlans.term.join(' | ')}; person: ${queryPlans.person.join(' | ')}`);
    if (!usesIndexes) say('WARNING: an evidence query does not use its index.');

    const key = nameKey(REGULAR);
    let termRows = -1;
    let personRows = -1;
    const steps: Record<string, () => void> = {
      bareTerm: () => {
        if (bareTerm.all(lo(TERM.from), hi(TERM.to)).length < seed.meta.termDeviceVisits) throw new Error('bare term query found too few visits');
      },
      term: () => {
        const e = h.core.run('evidence.view', { scope: 'term', ...TERM }, DSL);
        termRows = e.rows.length;
        if (termRows !== Math.min(seed.meta.termDeviceVisits, 2000)) throw new Error(`evidence term: ${termRows} rows, expected ${seed.meta.termDeviceVisits}`);
      },
      barePerson: () => {
        if (barePerson.all(key).length !== seed.meta.regularVisits) throw new Error('bare person query miscounted');
      },
      person: () => {
        personRows = h.core.run('evidence.view', { scope: 'person', name: REGULAR }, DSL).rows.length;
        if (personRows !== seed.meta.regularVisits) throw new Error(`evidence person: ${personRows} rows, expected ${seed.meta.regularVisits}`);
      },
      bareYear: () => bareYear.all(lo(YEAR.from), hi(YEAR.to)),
      pack: () => h.core.run('evidence.reviewPack', YEAR, DSL),
    };
    for (let i = 0; i < WARMUP; i++) for (const f of Object.values(steps)) f();
    const samples: Record<string, number[]> = Object.fromEntries(Object.keys(steps).map((k) => [k, []]));
    const order = Object.keys(steps);
    // The review pack builds a PDF each time: fewer samples of it.
    const packEvery = 5;
    for (let i = 0; i < n; i++)
      for (let s = 0; s < order.length; s++) {
        const k = order[(i + s) % order.length]!;
        if ((k === 'pack' || k === 'bareYear') && i % packEvery !== 0) continue;
        samples[k]!.push(timeMs(steps[k]!));
      }
    const fig = (k: string, base: string, rows: number): Figure => {
      const s = summarise(samples[k]!);
      const b = summarise(samples[base]!);
      return { ...s, rows, ratioP50: s.p50 / b.p50, ratioP99: s.p99 / b.p99, baseline: b };
    };
    const term = fig('term', 'bareTerm', termRows);
    const person = fig('person', 'barePerson', personRows);
    const reviewPack = fig('pack', 'bareYear', seed.meta.visits);
    const row = (label: string, s: Stats, vs?: Stats): string[] => [label, String(s.n), fmtMs(s.p50), fmtMs(s.p99), fmtMs(s.max), vs ? fmtRatio(s.p50 / vs.p50) : '', vs ? fmtRatio(s.p99 / vs.p99) : ''];
    say(
      table([
        ['measure', 'n', 'p50 ms', 'p99 ms', 'max ms', 'p50 ratio', 'p99 ratio'],
        row(`bare: ids of a term's visits under an approval (${termRows})`, term.baseline),
        row(`evidence.view, a term, devices (${termRows} rows)`, term, term.baseline),
        row(`bare: ids of one name's visits (${personRows})`, person.baseline),
        row(`evidence.view, a person (${personRows} rows)`, person, person.baseline),
        row('bare: a year\'s acknowledgements by language', reviewPack.baseline),
        row('evidence.reviewPack, a year (with PDF)', reviewPack, reviewPack.baseline),
      ]),
    );
    const pass = term.p99 < MAX_MS && person.p99 < MAX_MS;
    say(
      `${pass ? 'PASS' : 'FAIL'}  evidence view p99: a term ${fmtMs(term.p99)} ms (${fmtRatio(term.ratioP50)} the bare query at p50), a person ${fmtMs(person.p99)} ms (${fmtRatio(person.ratioP50)}) over ${seed.meta.visits.toLocaleString('en')} visits (target < ${MAX_MS} ms)`,
    );
    return { seed: { ...seed.meta, cached: seed.cached }, n, queryPlans, usesIndexes, term, person, reviewPack, target: { maxMs: MAX_MS, statistic: 'p99', pass } };
  } finally {
    hub?.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
