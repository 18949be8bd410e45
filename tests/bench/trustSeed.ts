// A trust on PostgreSQL for the bench: 50 schools, each its own schema opened with openHub (so
// every hub migration ran), 3 kiosks each, 200,000 historic visits each (10 M in all), built
// on the server with INSERT ... SELECT generate_series, never row by row, then ANALYZEd.
// Built once into a persistent data folder and reused: the seed is complete when its marker
// row (bench_seed.marker, written last) says so, whatever folders exist.
//
// The morning on site today (people in, phones in lockers and at reception, a few left
// behind yesterday), concerns and device-use requests are rewritten on every run, so "today"
// is today and the figures the bench checks are known exactly.
import pg from 'pg';
import { openHub, type Hub } from '../../core/office/hub.js';
import { saveList } from '../../core/office/reference/lists.js';
import { schoolSchema } from '../../core/office/store/open.js';
import { quoteIdent } from '../../core/office/store/pgDatabase.js';
import { VISITOR_CATEGORIES } from '../../shared/domain.js';
import { nameKey } from '../../shared/text.js';

export const TRUST_SEED_FORMAT = 1;
export const TRUST_SCHOOLS = 50;
export const KIOSKS_PER_SCHOOL = 3;
export const HISTORIC_PER_SCHOOL = 200_000;
/** A busy morning at every school (the office bench's shape, so the figures compare). */
export const ON_SITE = 300;
const ON_SITE_IN_LOCKERS = 85;
const ON_SITE_AT_RECEPTION = 10;
const POUCHES_ON_SITE = 15;
const UNCOLLECTED = 5;
const LOCKERS = 100;
const POUCHES = 20;
/** Phones held at each school: lockers and pouches of people on site, reception, left behind. */
export const PHONES_HELD = ON_SITE_IN_LOCKERS + ON_SITE_AT_RECEPTION + UNCOLLECTED;
/** Historic visits span this many days before today. */
const HISTORY_DAYS = 1095;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Marks this morning's rows (historic badges are B<n>). */
const TODAY_BADGE = 'T';

export const schoolSlug = (i: number): string => `bench-${String(i + 1).padStart(2, '0')}`;

export type TrustSeedMeta = { format: number; schools: number; visits: number; builtAt: string; buildMs: number };

/** Per-school figures the dashboard must show (school i). */
export function expectedFigures(i: number): { onSite: number; phonesHeld: number; openConcerns: number; pendingRequests: number; kiosksStale: number } {
  return { onSite: ON_SITE, phonesHeld: PHONES_HELD, openConcerns: i % 4, pendingRequests: i % 3, kiosksStale: i % 5 === 2 ? 1 : 0 };
}

async function readMarker(client: pg.Client): Promise<TrustSeedMeta | null> {
  await client.query('CREATE SCHEMA IF NOT EXISTS bench_seed');
  await client.query('CREATE TABLE IF NOT EXISTS bench_seed.marker (format INTEGER PRIMARY KEY, schools INTEGER NOT NULL, visits BIGINT NOT NULL, built_at TEXT NOT NULL, build_ms BIGINT NOT NULL)');
  const r = await client.query('SELECT format, schools, visits, built_at, build_ms FROM bench_seed.marker WHERE format = $1', [TRUST_SEED_FORMAT]);
  const row = r.rows[0] as { format: number; schools: number; visits: string; built_at: string; build_ms: string } | undefined;
  return row ? { format: row.format, schools: row.schools, visits: Number(row.visits), builtAt: row.built_at, buildMs: Number(row.build_ms) } : null;
}

const HISTORIC_COLUMNS =
  'id, kiosk_id, last_kiosk_seq, badge_code, badge_number, local_day, category, full_name, name_key, organisation, agency_role, host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at, policy_version, policy_version_id, policy_text_hash, acknowledged_at, phone_custody, phone_kind, locker_id, phone_in_at, phone_out_at, departed_at, departed_by';

/**
 * 200,000 departed visits in one statement: arrivals spread evenly over three years, an hour
 * each; 30% with a phone in a locker (collected), 10% at reception (collected), the rest none.
 */
function historicSql(schema: string): string {
  const iso = (t: string) => `to_char(${t}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  return `INSERT INTO ${quoteIdent(schema)}.visits (${HISTORIC_COLUMNS})
    SELECT md5($1 || ':' || g)::uuid::text, $2 || '-k' || (g % ${KIOSKS_PER_SCHOOL} + 1), 4, 'B' || g, g, to_char(a, 'YYYY-MM-DD'),
           ($3::text[])[1 + g % array_length($3::text[], 1)], n.full_name, lower(n.full_name),
           CASE WHEN g % 5 = 0 THEN 'Pipeline Plumbing' ELSE '' END, '', 'office', 'School office', 'Meeting', 'en', 0, 0,
           ${iso('a')}, 1, 'v1', 'hash', ${iso('a')},
           CASE WHEN g % 10 < 3 THEN json_build_object('kind', 'locker', 'lockerId', 'L' || (1 + g % ${LOCKERS}), 'lockerLabel', 'Locker ' || (1 + g % ${LOCKERS}), 'lockerKind', 'locker')::text
                WHEN g % 10 = 3 THEN '{"kind":"reception"}' ELSE '{"kind":"none"}' END,
           CASE WHEN g % 10 < 3 THEN 'locker' WHEN g % 10 = 3 THEN 'reception' ELSE 'none' END,
           CASE WHEN g % 10 < 3 THEN 'L' || (1 + g % ${LOCKERS}) END,
           CASE WHEN g % 10 < 4 THEN ${iso('a')} END,
           CASE WHEN g % 10 < 4 THEN ${iso("a + interval '1 hour'")} END,
           ${iso("a + interval '1 hour'")}, 'visitor'
      FROM generate_series(1, ${HISTORIC_PER_SCHOOL}) AS g
     CROSS JOIN LATERAL (SELECT $4::timestamp + (g * ($5::float8 / ${HISTORIC_PER_SCHOOL})) * interval '1 second' AS a) AS t
     CROSS JOIN LATERAL (SELECT (ARRAY['Olivia','Aisha','Priya','Noah','Tomasz','Kwame','Siobhan','Rhys','Chidi','Ioana'])[1 + g % 10] || ' ' ||
                                (ARRAY['Smith','Jones','Patel','Khan','Nowak','Mensah','O''Brien','Davies','Begum','Silva','Ahmed'])[1 + (g / 10) % 11] AS full_name) AS n`;
}

/** Builds the trust once (returns its marker) or finds it built. `say` gets progress lines. */
export async function ensureTrustSeed(url: string, dataDir: string, say: (s: string) => void): Promise<{ meta: TrustSeedMeta; cached: boolean }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await readMarker(client);
    if (found) return { meta: found, cached: true };
  } finally {
    await client.end();
  }
  return { meta: await buildTrustSeed(url, dataDir, say), cached: false };
}

async function buildTrustSeed(url: string, dataDir: string, say: (s: string) => void): Promise<TrustSeedMeta> {
  const t0 = Date.now();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    // A half-built seed (an interrupted run) is dropped whole: the marker is written last.
    const old = await admin.query("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'school_bench_%'");
    for (const r of old.rows as { nspname: string }[]) await admin.query(`DROP SCHEMA ${quoteIdent(r.nspname)} CASCADE`);
    say(`Building the trust: ${TRUST_SCHOOLS} schools x ${HISTORIC_PER_SCHOOL.toLocaleString('en')} historic visits (once; kept in ${dataDir})…`);
    const firstDay = new Date(Math.floor(Date.now() / DAY) * DAY - HISTORY_DAYS * DAY);
    const lockers = [
      ...Array.from({ length: LOCKERS }, (_, i) => ({ id: `L${i + 1}`, label: `Locker ${i + 1}`, kind: 'locker' as const, active: true })),
      ...Array.from({ length: POUCHES }, (_, i) => ({ id: `P${i + 1}`, label: `Pouch ${i + 1}`, kind: 'pouch' as const, active: true })),
    ];
    // Two builders at once: the server does the work, and this machine has two cores.
    const builders = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all(builders.map((b) => b.connect()));
    try {
      let next = 0;
      let done = 0;
      await Promise.all(
        builders.map(async (b) => {
          for (;;) {
            const i = next++;
            if (i >= TRUST_SCHOOLS) return;
            const slug = schoolSlug(i);
            // Opening the hub migrates the schema and seeds its defaults (the real path).
            const hub = openHub({ dataDir, database: { url, school: slug }, log: () => {} });
            try {
              hub.db.transaction(() => saveList(hub.db, 'lockers', lockers, new Date()))();
            } finally {
              hub.close();
            }
            const schema = schoolSchema(slug);
            await b.query(historicSql(schema), [slug, slug, [...VISITOR_CATEGORIES], firstDay.toISOString().slice(0, 19), HISTORY_DAYS * 86_400 - 86_400]);
            await b.query(`ANALYZE ${quoteIdent(schema)}.visits`);
            done++;
            if (done % 5 === 0) say(`  ${done}/${TRUST_SCHOOLS} schools seeded (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
          }
        }),
      );
    } finally {
      await Promise.all(builders.map((b) => b.end()));
    }
    const meta: TrustSeedMeta = { format: TRUST_SEED_FORMAT, schools: TRUST_SCHOOLS, visits: TRUST_SCHOOLS * HISTORIC_PER_SCHOOL, builtAt: new Date().toISOString(), buildMs: Date.now() - t0 };
    await admin.query('INSERT INTO bench_seed.marker (format, schools, visits, built_at, build_ms) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (format) DO UPDATE SET schools = excluded.schools, visits = excluded.visits, built_at = excluded.built_at, build_ms = excluded.build_ms', [
      meta.format, meta.schools, meta.visits, meta.builtAt, meta.buildMs,
    ]);
    return meta;
  } finally {
    await admin.end();
  }
}

/** Writes one multi-row INSERT for `rows` (arrays in `columns` order) through a hub's store. */
function insertRows(hub: Hub, table: string, columns: readonly string[], rows: readonly unknown[][]): void {
  if (!rows.length) return;
  const values = rows.map(() => `(${columns.map(() => '?').join(', ')})`).join(', ');
  hub.db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`).run(...rows.flat());
}

const TODAY_COLUMNS = HISTORIC_COLUMNS.split(', ');

/**
 * Today at school i, rewritten every run: 300 people on site since 07:00 (70 phones in lockers,
 * 15 in pouches, 10 at reception), 5 phones left in lockers yesterday, i % 4 open concerns,
 * i % 3 pending device-use requests, 3 kiosks of which one has been silent for 95 minutes
 * when i % 5 == 2. `now` is the run's clock.
 */
export function refreshToday(hub: Hub, i: number, now: Date): void {
  const slug = schoolSlug(i);
  const today = Math.floor(now.getTime() / DAY) * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  const row = (n: number, arrived: number, departed: number | null, phone: { kind: 'locker'; id: string; label: string; pouch: boolean } | { kind: 'reception' | 'none' }, collected: boolean): unknown[] => {
    const fullName = `${['Olivia', 'Aisha', 'Noah', 'Kwame'][n % 4]} ${['Smith', 'Patel', 'Nowak', 'Mensah', 'Begum'][n % 5]}`;
    const category = VISITOR_CATEGORIES[n % VISITOR_CATEGORIES.length]!;
    const at = iso(arrived);
    const dep = departed === null ? null : iso(departed);
    const custody = phone.kind === 'locker' ? { kind: 'locker', lockerId: phone.id, lockerLabel: phone.label, lockerKind: phone.pouch ? 'pouch' : 'locker' } : { kind: phone.kind };
    return [
      `${slug}-today-${n}`, `${slug}-k${(n % KIOSKS_PER_SCHOOL) + 1}`, 4, `${TODAY_BADGE}${n}`, 900_000 + n, at.slice(0, 10), category, fullName, nameKey(fullName),
      category === 'contractor' ? 'Pipeline Plumbing' : '', '', 'office', 'School office', 'Meeting', 'en', 0, 0, at, 1, 'v1', 'hash', at,
      JSON.stringify(custody), phone.kind, phone.kind === 'locker' ? phone.id : null, phone.kind === 'none' ? null : at,
      phone.kind !== 'none' && collected && dep !== null ? dep : null, dep, dep === null ? null : 'visitor',
    ];
  };
  const rows: unknown[][] = [];
  for (let n = 0; n < ON_SITE; n++) {
    const phone =
      n < ON_SITE_IN_LOCKERS
        ? n < ON_SITE_IN_LOCKERS - POUCHES_ON_SITE
          ? { kind: 'locker' as const, id: `L${n + 1}`, label: `Locker ${n + 1}`, pouch: false }
          : { kind: 'locker' as const, id: `P${n - (ON_SITE_IN_LOCKERS - POUCHES_ON_SITE) + 1}`, label: `Pouch ${n - (ON_SITE_IN_LOCKERS - POUCHES_ON_SITE) + 1}`, pouch: true }
        : n < ON_SITE_IN_LOCKERS + ON_SITE_AT_RECEPTION
          ? { kind: 'reception' as const }
          : { kind: 'none' as const };
    rows.push(row(n, today + 7 * HOUR + n * 30_000, null, phone, false));
  }
  for (let n = 0; n < UNCOLLECTED; n++) {
    const arr = today - DAY + 9 * HOUR + n * 60_000;
    rows.push(row(ON_SITE + n, arr, arr + HOUR, { kind: 'locker', id: `L${LOCKERS - n}`, label: `Locker ${LOCKERS - n}`, pouch: false }, false));
  }
  const f = expectedFigures(i);
  hub.db.transaction(() => {
    // This morning's rows, and the visits the last run's kiosks pushed (their own kiosk ids).
    hub.db.prepare(`DELETE FROM visits WHERE badge_code LIKE '${TODAY_BADGE}%' OR kiosk_id NOT LIKE ?`).run(`${slug}-k%`);
    hub.db.prepare('DELETE FROM hub_events').run();
    hub.db.prepare('DELETE FROM visit_owners').run();
    for (let s = 0; s < rows.length; s += 100) insertRows(hub, 'visits', TODAY_COLUMNS, rows.slice(s, s + 100));
    hub.db.prepare('DELETE FROM breaches').run();
    hub.db.prepare('DELETE FROM exemptions').run();
    hub.db.prepare('DELETE FROM kiosks').run();
    const concerns: unknown[][] = [];
    for (let c = 0; c < 20; c++)
      concerns.push([`${slug}-concern-${c}`, 'A visitor', 'Hall', 'Phone out near pupils', 'Asked to put it away', 'office', iso(now.getTime() - (c + 1) * DAY), c < f.openConcerns ? 'open' : 'closed']);
    insertRows(hub, 'breaches', ['id', 'person', 'location', 'what', 'action_taken', 'logged_by', 'logged_at', 'status'], concerns);
    const requests: unknown[][] = [];
    for (let r = 0; r < 10; r++)
      requests.push([`${slug}-req-${r}`, r < f.pendingRequests ? 'requested' : 'approved', 'staff', `Therapist ${r}`, nameKey(`Therapist ${r}`), 'NHS', 'Therapist', 'Exercises', 'Tablet', '[]', 'term', '{"kind":"once"}', '', 'office', iso(now.getTime() - (r + 1) * DAY)]);
    insertRows(hub, 'exemptions', ['id', 'status', 'source', 'full_name', 'name_key', 'organisation', 'agency_role', 'purpose', 'devices', 'location_ids', 'requested_window', 'recurrence', 'conditions', 'created_by', 'created_at'], requests);
    const kiosks: unknown[][] = [];
    for (let k = 1; k <= KIOSKS_PER_SCHOOL; k++) {
      const silent = k === 1 && f.kiosksStale === 1;
      const last = iso(now.getTime() - (silent ? 95 : 1) * 60_000);
      kiosks.push([`${slug}-k${k}`, `Kiosk ${k}`, 'AAAA', '2026-01-05T09:00:00.000Z', 'bench', last, last, last]);
    }
    insertRows(hub, 'kiosks', ['id', 'name', 'public_key', 'paired_at', 'paired_by', 'last_seen_at', 'last_push_at', 'last_pull_at'], kiosks);
  })();
}
