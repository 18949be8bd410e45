// Site configuration: an optional JSON file IT can edit (site name, policy text, lockers,
// approved locations, hosts, timeouts). Anything left out falls back to the defaults, so a
// first run works with no file at all. Later the office hub will push the same reference data.
import fs from 'node:fs';
import { z } from 'zod';
import { Language } from '../../shared/domain.js';
import type { Db } from '../db/open.js';
import { invalidatePolicyCache, publishPolicy, sha256Hex } from '../policy/policy.js';
import {
  DEFAULT_HOSTS,
  DEFAULT_LOCATIONS,
  DEFAULT_LOCKERS,
  DEFAULT_POLICY_EN,
} from './defaults.js';
import { ensureKioskId, getSetting, setSetting } from './settings.js';

const Ref = z.string().trim().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/);
const Label = z.string().trim().min(1).max(120);

export const SiteConfig = z
  .object({
    siteName: z.string().trim().min(1).max(120).optional(),
    timeZone: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'not a known time zone, e.g. Europe/London')
      .optional(),
    idleTimeoutSeconds: z.number().int().min(30).max(900).optional(),
    idleWarningSeconds: z.number().int().min(10).max(120).optional(),
    policy: z
      .object({
        language: Language.default('en'),
        title: z.string().trim().min(1).max(200),
        points: z.array(z.string().trim().min(1).max(1000)).min(1).max(30),
      })
      .strict()
      .optional(),
    lockers: z.array(z.object({ id: Ref, label: Label, kind: z.enum(['locker', 'pouch']) }).strict()).max(500).optional(),
    locations: z.array(z.object({ id: Ref, name: Label }).strict()).max(50).optional(),
    hosts: z.array(z.object({ id: Ref, name: Label }).strict()).max(500).optional(),
  })
  .strict();
export type SiteConfig = z.infer<typeof SiteConfig>;

export class SiteConfigError extends Error {
  constructor(file: string, detail: string) {
    super(`Site configuration ${file} is not valid: ${detail}`);
    this.name = 'SiteConfigError';
  }
}

/** Read and validate a config file; a missing file means "all defaults". */
export function loadSiteConfig(file: string): SiteConfig {
  if (!fs.existsSync(file)) return {};
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new SiteConfigError(file, `not JSON (${(e as Error).message})`);
  }
  const parsed = SiteConfig.safeParse(raw);
  if (!parsed.success)
    throw new SiteConfigError(file, parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; '));
  return parsed.data;
}

type RefTable = 'lockers' | 'locations' | 'hosts';

function syncTable(db: Db, table: RefTable, rows: readonly Record<string, string>[], columns: string[]): void {
  const cols = ['id', ...columns, 'sort', 'active'];
  const upsert = db.prepare(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${[...columns, 'sort', 'active'].map((c) => `${c} = excluded.${c}`).join(', ')}`,
  );
  // Rows no longer listed are retired, not deleted: old visits still point at them.
  db.prepare(`UPDATE ${table} SET active = 0`).run();
  rows.forEach((r, i) => upsert.run(r.id, ...columns.map((c) => r[c]!), i, 1));
}

function isEmpty(db: Db, table: RefTable): boolean {
  return !db.prepare(`SELECT 1 FROM ${table} LIMIT 1`).get();
}

/** Make the database match the config; fills defaults on first run. Idempotent. */
export function applySiteConfig(db: Db, cfg: SiteConfig, at: Date): void {
  invalidatePolicyCache(db); // the policy text shows the approved locations
  db.transaction(() => {
    ensureKioskId(db);
    if (cfg.siteName) setSetting(db, 'site_name', cfg.siteName);
    if (cfg.timeZone) setSetting(db, 'time_zone', cfg.timeZone);
    if (cfg.idleTimeoutSeconds) setSetting(db, 'idle_timeout_seconds', String(cfg.idleTimeoutSeconds));
    if (cfg.idleWarningSeconds) setSetting(db, 'idle_warning_seconds', String(cfg.idleWarningSeconds));
    if (cfg.lockers) syncTable(db, 'lockers', cfg.lockers, ['label', 'kind']);
    else if (isEmpty(db, 'lockers')) syncTable(db, 'lockers', DEFAULT_LOCKERS, ['label', 'kind']);
    if (cfg.locations) syncTable(db, 'locations', cfg.locations, ['name']);
    else if (isEmpty(db, 'locations')) syncTable(db, 'locations', DEFAULT_LOCATIONS, ['name']);
    if (cfg.hosts) syncTable(db, 'hosts', cfg.hosts, ['name']);
    else if (isEmpty(db, 'hosts')) syncTable(db, 'hosts', DEFAULT_HOSTS, ['name']);
    if (cfg.policy) {
      // Publish only when the file's policy itself changed: a restart must not undo a newer
      // version published meanwhile (by the office, later).
      const fingerprint = sha256Hex(JSON.stringify(cfg.policy));
      if (getSetting(db, 'site_policy_applied') !== fingerprint) {
        publishPolicy(db, cfg.policy.language, cfg.policy, at, 'site');
        setSetting(db, 'site_policy_applied', fingerprint);
      }
    }
    else if (!db.prepare('SELECT 1 FROM policy_versions LIMIT 1').get()) publishPolicy(db, 'en', DEFAULT_POLICY_EN, at, 'default');
  })();
}
