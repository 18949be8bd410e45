// Site configuration: an optional JSON file IT can edit (site name, policy text, lockers,
// approved locations, hosts, timeouts). Anything left out falls back to the defaults, so a
// first run works with no file at all. Later the office hub will push the same reference data.
import fs from 'node:fs';
import { z } from 'zod';
import { Language, LANGUAGES } from '../../shared/domain.js';
import { PrinterConfig } from '../printing/types.js';
import type { Db } from '../db/open.js';
import { currentPolicyTexts, invalidatePolicyCache, publishPolicy, publishPolicyTexts, sha256Hex, type PolicyTexts } from '../policy/policy.js';
import {
  DEFAULT_HOSTS,
  DEFAULT_LOCATIONS,
  DEFAULT_LOCKERS,
  DEFAULT_POLICY,
  DEFAULT_POLICY_EN,
} from './defaults.js';
import { ensureKioskId, getSetting, setSetting } from './settings.js';
import { applySitePrivacy, SitePrivacy } from '../privacy/site.js';
import { isPaired } from '../sync/status.js';

const Ref = z.string().trim().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/);
const Label = z.string().trim().min(1).max(120);
const PolicyWording = z
  .object({
    title: z.string().trim().min(1).max(200),
    points: z.array(z.string().trim().min(1).max(1000)).min(1).max(30),
  })
  .strict();

/** The site's policy: its text in `language` (English unless said), and optionally its
 *  translations, published together as one version. Each translation has one point per point of
 *  the policy and keeps `{locations}` where the policy has it. */
const SitePolicy = z
  .object({
    language: Language.default('en'),
    title: PolicyWording.shape.title,
    points: PolicyWording.shape.points,
    translations: z.partialRecord(Language, PolicyWording).optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const [lng, tr] of Object.entries(p.translations ?? {}) as [Language, z.infer<typeof PolicyWording>][]) {
      const path = ['translations', lng];
      if (lng === p.language) ctx.addIssue({ code: 'custom', path, message: `is the policy's own language (${lng}); give the text in title and points` });
      if (tr.points.length !== p.points.length)
        ctx.addIssue({ code: 'custom', path: [...path, 'points'], message: `has ${tr.points.length} points; the policy has ${p.points.length} (give one translation per point)` });
      p.points.forEach((point, i) => {
        const t = tr.points[i];
        if (t !== undefined && point.includes('{locations}') !== t.includes('{locations}'))
          ctx.addIssue({ code: 'custom', path: [...path, 'points', i], message: 'must keep {locations} exactly where the policy has it' });
      });
    }
  });

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
    policy: SitePolicy.optional(),
    /** The privacy notice shown where visitors give their details (core/privacy/site.ts). */
    privacy: SitePrivacy.optional(),
    lockers: z.array(z.object({ id: Ref, label: Label, kind: z.enum(['locker', 'pouch']) }).strict()).max(500).optional(),
    locations: z.array(z.object({ id: Ref, name: Label }).strict()).max(50).optional(),
    hosts: z.array(z.object({ id: Ref, name: Label }).strict()).max(500).optional(),
    /** The badge printer; without it visitors collect a badge from reception. */
    printer: PrinterConfig.optional(),
    /** Packaged Electron kiosk: start it when the kiosk's user logs in (true), do not (false), or
     *  leave the computer's own start-up settings alone (left out). */
    startOnLogin: z.boolean().optional(),
    /** The office hub. By default a one-PC reception runs one embedded beside the kiosk (console
     *  on http://127.0.0.1:5180). Set embedded: false when the kiosk is paired with an office hub
     *  on another PC; host "0.0.0.0" lets other office PCs reach the embedded one (over HTTPS,
     *  with the hub's own certificate unless tlsCert/tlsKey name the school's own PEM files). */
    office: z
      .object({
        embedded: z.boolean().optional(),
        port: z.number().int().min(1).max(65535).optional(),
        host: z.string().min(1).max(100).optional(),
        tlsCert: z.string().min(1).max(1000).optional(),
        tlsKey: z.string().min(1).max(1000).optional(),
      })
      .strict()
      .optional(),
    /** End of the day (site time, "HH:MM"): when the office reviews visits still open, and
     *  optionally when the kiosk signs out the rest automatically (recorded as automatic). */
    endOfDay: z
      .object({
        reviewAt: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time like 17:00').optional(),
        autoSignOutAt: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'must be a time like 23:00').optional(),
      })
      .strict()
      .optional(),
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
    if (cfg.idleTimeoutSeconds) setSetting(db, 'idle_timeout_seconds', String(cfg.idleTimeoutSeconds));
    if (cfg.idleWarningSeconds) setSetting(db, 'idle_warning_seconds', String(cfg.idleWarningSeconds));
    // Once paired, the office owns the site's name, time zone, lockers, places, hosts and policy
    // (core/sync/pull.ts copies them): a restart must not put site.json's back over them.
    // The kiosk's own settings (timeouts, printer) still come from the file.
    // Before the paired check: office notices outrank local ones, and a kiosk paired before
    // notices existed still needs the default until the office publishes its own.
    applySitePrivacy(db, cfg.privacy, at);
    if (isPaired(db)) return;
    if (cfg.siteName) setSetting(db, 'site_name', cfg.siteName);
    if (cfg.timeZone) setSetting(db, 'time_zone', cfg.timeZone);
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
        const { language, title, points, translations } = cfg.policy;
        if (translations) publishPolicyTexts(db, { ...translations, [language]: { title, points } }, at, 'site');
        else publishPolicy(db, language, { title, points }, at, 'site');
        setSetting(db, 'site_policy_applied', fingerprint);
      }
    }
    else if (!db.prepare('SELECT 1 FROM policy_versions LIMIT 1').get()) publishPolicyTexts(db, DEFAULT_POLICY, at, 'default');
    addDefaultTranslations(db, at);
  })();
}

/**
 * A current version whose English is our default wording gets our translations of it in the
 * languages it lacks, as texts of that same version (a kiosk that first ran before there were
 * translations gets them on its next start). Texts it already has are never replaced.
 */
function addDefaultTranslations(db: Db, at: Date): void {
  const cur: PolicyTexts = currentPolicyTexts(db);
  const en = cur.en;
  if (!en || en.title !== DEFAULT_POLICY_EN.title || JSON.stringify(en.points) !== JSON.stringify(DEFAULT_POLICY_EN.points)) return;
  if (LANGUAGES.every((l) => cur[l])) return;
  publishPolicyTexts(db, { ...DEFAULT_POLICY, ...cur }, at, 'default');
}
