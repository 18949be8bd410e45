// Pull: copy the office's reference data into this kiosk's tables from the hub's change feed.
// A page covers (from, to]; it is applied only if `from` is not past our cursor (so pages that
// arrive late, twice or out of order change nothing they should not), changes at or before the
// cursor are skipped, and the whole page plus the new cursor commit in one transaction.
//
// Ownership: once the office sends lockers (or locations, hosts), the office's list is the
// list: the kiosk's own rows of that kind (defaults, site.json) are retired, not deleted, as old
// visits still point at them. Office policy versions win over the kiosk's own: local versions
// are renumbered below the office's (kept, with their texts, so every acknowledgement already
// recorded still points at the exact text the visitor agreed to).
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { invalidatePolicyCache, sha256Hex } from '../policy/policy.js';
import { BADGE_PREFIX_KEY, getSetting, readSettings, setSetting } from '../site/settings.js';
import { applyRetentionChange } from '../retention/apply.js';
import { applySignOutChange } from './signOut.js';
import { applyPendingErasures, deferErasureIfOnSite } from './pendingErasures.js';
import { OFFICE_AUTO_SIGN_OUT_KEY } from '../visits/endOfDay.js';
import { applyPrivacyChange } from '../privacy/apply.js';
import { applyPrintRequestChange } from '../printing/requests.js';
import { applyStaffPinChange } from '../staff/synced.js';
import { applyRegularsChange } from '../regulars/kioskCopy.js';
import { applySafeguardingChange } from '../safeguarding/apply.js';
import { rollCallAccess } from '../staff/pin.js';
import { policyCanonicalText } from '../../shared/contract.js';
import { BADGE_PREFIX, Language, VisitorCategory } from '../../shared/domain.js';
import { applyAdmissionChange } from '../admission/apply.js';
import { z } from '../../shared/zod.js';
import { PULL_PAGE_MAX, SYNC_PATHS, autoSignOutConcern, type KioskDeskStatus, type PullResponse, type RefChange } from '../../shared/sync.js';
import { SyncError, type SyncClient } from './client.js';
import { readSyncState } from './status.js';

const Id = z.string().min(1).max(200);
const Sort = z.number().int();
const Bodies = {
  policy: z.object({
    versionId: Id,
    version: z.number().int().positive(),
    publishedAt: z.string().min(1),
    texts: z.record(z.string(), z.object({ title: z.string(), points: z.array(z.string()) })),
  }),
  locker: z.object({ id: Id, label: z.string().min(1), kind: z.enum(['locker', 'pouch']), sort: Sort, active: z.boolean() }),
  location: z.object({ id: Id, name: z.string().min(1), sort: Sort, active: z.boolean() }),
  host: z.object({ id: Id, name: z.string().min(1), sort: Sort, active: z.boolean() }),
  exemption: z.object({
    id: Id,
    category: VisitorCategory.default('professional'),
    status: z.enum(['approved', 'revoked', 'refused', 'requested']),
    nameKey: z.string(),
    organisationKey: z.string(),
    validFrom: z.string(),
    validTo: z.string(),
    dailyFrom: z.string().nullable(),
    dailyTo: z.string().nullable(),
    weekdays: z.array(z.number().int().min(1).max(7)).nullable(),
    locations: z.array(z.string()),
    devices: z.string(),
    conditions: z.string(),
  }),
  expected: z.object({
    id: Id,
    fullName: z.string(),
    nameKey: z.string(),
    organisation: z.string(),
    category: z.string(),
    hostId: z.string(),
    expectedOn: z.string(),
    // Older hubs sent staff notes; they are never kept here (issue #13).
    note: z.string().optional(),
    cancelled: z.boolean(),
    // Issue #14: a hash of the invitation's sign-in code (never the code) and the policy version sent.
    codeHash: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
    invitedPolicyVersionId: z.string().nullable().optional(),
  }),
  kiosk: z.object({ kioskId: Id, badgePrefix: z.string().regex(BADGE_PREFIX) }),
  site: z.object({
    autoSignOutAt: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/).nullable().optional(),
    autoSignOutConfirmed: z.boolean().optional(),
    siteName: z.string().trim().min(1).max(120),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not a known time zone'),
  }),
} as const;
type Entity = keyof typeof Bodies;
type Body<E extends Entity> = z.infer<(typeof Bodies)[E]>;

export class PullApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PullApplyError';
  }
}

// ---- per entity ---------------------------------------------------------------------------

const DAY = /^\d{4}-\d\d-\d\d$/;
const validDay = (d: string): boolean => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

/**
 * An approval a visitor may act on must be one the console could have made (shared/office.ts
 * exemptions.approve): for a named person, from a valid day to a valid day not before it, with
 * conditions, and a daily window that is whole and in order. Defence in depth behind the
 * transport's proof that the answer is the hub's.
 */
export function approvalProblem(b: Body<'exemption'>): string | null {
  if (b.status !== 'approved') return null;
  if (b.nameKey.trim() === '') return 'no name';
  if (!validDay(b.validFrom) || !validDay(b.validTo) || b.validTo < b.validFrom) return 'no valid dates';
  if (b.conditions.trim() === '') return 'no conditions';
  if ((b.dailyFrom === null) !== (b.dailyTo === null) || (b.dailyFrom !== null && b.dailyTo !== null && !(b.dailyFrom < b.dailyTo))) return 'a broken daily window';
  return null;
}

const OWNED_KEY = 'sync_office_owns';

/** The first office row of a kind retires the kiosk's own rows of that kind. */
function takeOver(db: Db, entity: 'locker' | 'location' | 'host'): void {
  const owned = JSON.parse(getSetting(db, OWNED_KEY) ?? '[]') as string[];
  if (owned.includes(entity)) return;
  stmt(db, `UPDATE ${entity}s SET active = 0`).run();
  setSetting(db, OWNED_KEY, JSON.stringify([...owned, entity]));
}

/** Move the kiosk's own policy versions (default, site.json) below every other version number. */
function moveLocalVersionsAside(db: Db, alsoId?: string): void {
  const local = stmt(db, "SELECT id FROM policy_versions WHERE source != 'office' AND version > 0 ORDER BY version").pluck().all() as string[];
  if (alsoId) local.push(alsoId);
  if (local.length === 0) return;
  const low = (stmt(db, 'SELECT MIN(version) AS v FROM policy_versions').get() as { v: number }).v;
  const start = Math.min(low, 1) - local.length; // every new number is below every existing one: no clash
  const set = stmt(db, 'UPDATE policy_versions SET version = ? WHERE id = ?');
  local.forEach((id, i) => set.run(start + i, id));
}

function applyPolicy(db: Db, p: Body<'policy'>): void {
  moveLocalVersionsAside(db);
  // An office version under the same number but another id (a hub restored from backup):
  // the newer feed wins, the old one is kept aside like a local one.
  const clash = stmt(db, 'SELECT id FROM policy_versions WHERE version = ? AND id != ?').pluck().get(p.version, p.versionId) as string | undefined;
  if (clash) moveLocalVersionsAside(db, clash);
  stmt(
    db,
    `INSERT INTO policy_versions (id, version, published_at, source) VALUES (?, ?, ?, 'office')
     ON CONFLICT (id) DO UPDATE SET version = excluded.version, published_at = excluded.published_at, source = 'office'`,
  ).run(p.versionId, p.version, p.publishedAt);
  const upsert = stmt(
    db,
    `INSERT INTO policy_texts (version_id, language, title, points, text_hash) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (version_id, language) DO UPDATE SET title = excluded.title, points = excluded.points, text_hash = excluded.text_hash`,
  );
  for (const [lng, t] of Object.entries(p.texts)) {
    if (!Language.safeParse(lng).success) continue; // a language this kiosk cannot show yet
    upsert.run(p.versionId, lng, t.title, JSON.stringify(t.points), sha256Hex(policyCanonicalText(t)));
  }
}

function applyOne(db: Db, c: RefChange): void {
  const entity = c.entity as string;
  if (!(entity in Bodies)) return; // a kind of data a newer hub sends and this kiosk does not use
  const e = entity as Entity;
  if (c.body === null) {
    // Removed at the office. Lockers, places and hosts are retired (old visits name them);
    // policy versions are history (acknowledgements point at them) and the site stays named.
    if (e === 'locker' || e === 'location' || e === 'host') stmt(db, `UPDATE ${e}s SET active = 0 WHERE id = ?`).run(c.key);
    else if (e === 'exemption') stmt(db, 'DELETE FROM exemptions WHERE id = ?').run(c.key);
    else if (e === 'expected') stmt(db, 'DELETE FROM expected_visitors WHERE id = ?').run(c.key);
    return;
  }
  const parsed = Bodies[e].safeParse(c.body);
  if (!parsed.success)
    throw new PullApplyError(`Change ${c.seq} (${e} ${c.key}) from the hub is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  switch (e) {
    case 'policy':
      return applyPolicy(db, parsed.data as Body<'policy'>);
    case 'locker': {
      const b = parsed.data as Body<'locker'>;
      takeOver(db, 'locker');
      stmt(db, 'INSERT INTO lockers (id, label, kind, sort, active) VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET label = excluded.label, kind = excluded.kind, sort = excluded.sort, active = excluded.active').run(
        b.id, b.label, b.kind, b.sort, b.active ? 1 : 0,
      );
      return;
    }
    case 'location':
    case 'host': {
      const b = parsed.data as Body<'location'>;
      takeOver(db, e);
      stmt(db, `INSERT INTO ${e}s (id, name, sort, active) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET name = excluded.name, sort = excluded.sort, active = excluded.active`).run(
        b.id, b.name, b.sort, b.active ? 1 : 0,
      );
      return;
    }
    case 'exemption': {
      const b = parsed.data as Body<'exemption'>;
      const problem = approvalProblem(b);
      if (problem) {
        // Never store it as usable; an earlier copy under that id goes too (refusing is the safe side).
        stmt(db, 'DELETE FROM exemptions WHERE id = ?').run(b.id);
        return;
      }
      stmt(
        db,
        `INSERT INTO exemptions (id, status, name_key, organisation_key, valid_from, valid_to, daily_from, daily_to, weekdays, locations, devices, conditions, category)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, category = excluded.category, name_key = excluded.name_key, organisation_key = excluded.organisation_key,
           valid_from = excluded.valid_from, valid_to = excluded.valid_to, daily_from = excluded.daily_from, daily_to = excluded.daily_to,
           weekdays = excluded.weekdays, locations = excluded.locations, devices = excluded.devices, conditions = excluded.conditions`,
      ).run(b.id, b.status, b.nameKey, b.organisationKey, b.validFrom, b.validTo, b.dailyFrom, b.dailyTo, b.weekdays === null ? null : JSON.stringify(b.weekdays), JSON.stringify(b.locations), b.devices, b.conditions, b.category);
      return;
    }
    case 'expected': {
      const b = parsed.data as Body<'expected'>;
      stmt(
        db,
        `INSERT INTO expected_visitors (id, full_name, name_key, organisation, category, host_id, expected_on, note, cancelled, code_hash, invited_policy_version_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET full_name = excluded.full_name, name_key = excluded.name_key, organisation = excluded.organisation,
           category = excluded.category, host_id = excluded.host_id, expected_on = excluded.expected_on, note = excluded.note, cancelled = excluded.cancelled,
           code_hash = excluded.code_hash, invited_policy_version_id = excluded.invited_policy_version_id`,
      ).run(b.id, b.fullName, b.nameKey, b.organisation, b.category, b.hostId, b.expectedOn, '', b.cancelled ? 1 : 0, b.codeHash ?? null, b.invitedPolicyVersionId ?? null);
      return;
    }
    case 'kiosk': {
      // Every kiosk's letter is in the feed; this kiosk keeps its own.
      const b = parsed.data as Body<'kiosk'>;
      if (b.kioskId === readSettings(db).kioskId) setSetting(db, BADGE_PREFIX_KEY, b.badgePrefix);
      return;
    }
    case 'site': {
      const b = parsed.data as Body<'site'>;
      setSetting(db, 'site_name', b.siteName);
      setSetting(db, 'time_zone', b.timeZone);
      // The office's end-of-day rule; '' = off (a kiosk's own site.json value applies when absent).
      // A time inside school hours would sign out people still on site: applied only when an
      // administrator confirmed it in the console; otherwise the kiosk keeps the rule it had.
      const unconfirmed = b.autoSignOutAt != null && autoSignOutConcern(b.autoSignOutAt) === 'school_hours' && b.autoSignOutConfirmed !== true;
      if (b.autoSignOutAt !== undefined && !unconfirmed) setSetting(db, OFFICE_AUTO_SIGN_OUT_KEY, b.autoSignOutAt ?? '');
      return;
    }
  }
}

// ---- pages ----------------------------------------------------------------------------------

export type PageOutcome = { applied: number; cursor: number; stale: boolean };

export function pullCursor(db: Db): number {
  return readSyncState(db)?.pull_cursor ?? 0;
}

/**
 * The most one page may move the cursor. The hub's feed seq (AUTOINCREMENT) only has gaps
 * where it deleted feed rows (an erasure or a rectification removes that person's rows), a
 * handful at a time; a page spanning a million seqs is a forged or corrupted answer.
 */
export const MAX_CURSOR_STEP = 1_000_000;

/**
 * Why a page cannot be one the hub sent, or null. The hub (core/office/sync/pull.ts) answers
 * the changes after `from` in seq order, with `to` = the last change's seq, or `to` = `from`
 * when there is none. So the sound rule is: the cursor only ever moves to the seq of a change
 * the page actually holds. A `to` past the page's last change (or past `from` in an empty page)
 * would make this kiosk skip changes it never received, for good; so would seqs out of order or
 * outside (from, to], or a step beyond MAX_CURSOR_STEP. Such a page is refused whole, the cursor
 * stays, and the error shows in the sync status.
 */
export function pageProblem(page: PullResponse): string | null {
  const { from, to, changes } = page;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || !Array.isArray(changes)) return 'its range is not a pair of whole numbers';
  let prev = from;
  for (const c of changes) {
    if (!c || typeof c !== 'object' || !Number.isSafeInteger(c.seq)) return 'a change has no whole-number seq';
    if (c.seq <= prev) return `change ${c.seq} is out of order (after ${prev})`;
    prev = c.seq;
  }
  if (to !== prev) return changes.length ? `it ends at ${to} but its last change is ${prev}` : `it holds no change but moves the cursor from ${from} to ${to}`;
  if (to - from > MAX_CURSOR_STEP) return `it moves the cursor ${to - from} places at once`;
  return null;
}

/** Apply one page (one transaction). A page that starts past our cursor would leave a gap: ignored. */
export function applyPullPage(db: Db, page: PullResponse, at: Date): PageOutcome {
  const out = db.transaction((): PageOutcome => {
    const cursor = pullCursor(db);
    // Erasures that waited for their visitor to leave: done first, whatever this page holds.
    applyPendingErasures(db, at);
    if (!Number.isInteger(page.from) || !Array.isArray(page.changes) || page.from > cursor) return { applied: 0, cursor, stale: true };
    const problem = pageProblem(page);
    if (problem) throw new PullApplyError(`The hub's answer was refused and nothing of it applied: ${problem}.`);
    let applied = 0;
    let to = cursor;
    for (const c of page.changes) {
      if (c.seq <= cursor) continue;
      // An erasure of someone on site waits for them to leave (./pendingErasures.ts);
      // retention, hold, erasure: core/retention/apply.ts; office sign-outs: ./signOut.ts; privacy notices: core/privacy/apply.ts;
      // print requests from the console: core/printing/requests.ts; personal staff PINs: core/staff/synced.ts;
      // ID checks and the restricted list's keys: core/admission/apply.ts
      if (
        !deferErasureIfOnSite(db, c, at) &&
        !applyRetentionChange(db, c, at) &&
        !applySignOutChange(db, c, at) &&
        !applyPrivacyChange(db, c) &&
        !applyPrintRequestChange(db, c, at) &&
        !applyStaffPinChange(db, c) &&
        !applyRegularsChange(db, c) &&
        !applySafeguardingChange(db, c) && // never-here places, DSLs: core/safeguarding/apply.ts
        !applyAdmissionChange(db, c)
      )
        applyOne(db, c);
      applied++;
      to = c.seq;
    }
    stmt(db, 'UPDATE sync_state SET pull_cursor = ?, last_pull_at = ? WHERE id = 1').run(to, at.toISOString());
    return { applied, cursor: to, stale: false };
  })();
  // The rendered policy shows the approved places: a new version or place must show at once.
  if (out.applied > 0) invalidatePolicyCache(db);
  return out;
}

/** Pull until the hub says there is no more. Throws SyncError or PullApplyError. */
export async function pullAll(
  client: SyncClient,
  db: Db,
  opts: { limit?: number; now?: () => Date; maxPages?: number; desk?: KioskDeskStatus } = {},
): Promise<{ applied: number; pages: number; cursor: number }> {
  const now = opts.now ?? (() => new Date());
  let applied = 0;
  let pages = 0;
  let report = true;
  for (;;) {
    const cursor = pullCursor(db);
    // Each pull also tells the office whether this kiosk's roll call can be opened (its Kiosks
    // page shows it), and reception's desk rides on the first page. A hub older than the roll-call
    // report refuses that field: ask again without it.
    const body = { cursor, limit: opts.limit ?? PULL_PAGE_MAX, ...(pages === 0 && opts.desk ? { desk: opts.desk } : {}) };
    let page: PullResponse;
    try {
      page = await client.post<PullResponse>(SYNC_PATHS.pull, report ? { ...body, rollCall: rollCallAccess(db) } : body);
    } catch (e) {
      if (!(report && e instanceof SyncError && e.code === 'INVALID_INPUT' && /rollCall/.test(e.message))) throw e;
      report = false;
      page = await client.post<PullResponse>(SYNC_PATHS.pull, body);
    }
    const out = applyPullPage(db, page, now());
    applied += out.applied;
    pages++;
    // `more` with no progress would loop forever: stop and try again next cycle.
    if (!page.more || out.cursor <= cursor || pages >= (opts.maxPages ?? 1000)) return { applied, pages, cursor: out.cursor };
  }
}
