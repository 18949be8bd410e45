// Small key/value settings kept in the kiosk database (kiosk id, site name, timeouts).
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open.js';
import { DEFAULT_IDLE_TIMEOUT_SECONDS, DEFAULT_IDLE_WARNING_SECONDS, DEFAULT_SITE_NAME } from './defaults.js';
import { stmt } from '../db/statements.js';

export type SiteSettings = {
  kioskId: string;
  siteName: string;
  timeZone: string;
  idleTimeoutSeconds: number;
  idleWarningSeconds: number;
};

export function getSetting(db: Db, key: string): string | undefined {
  const row = stmt(db, 'SELECT value FROM site_settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value;
}

const cached = new WeakMap<Db, SiteSettings>();

export function setSetting(db: Db, key: string, value: string): void {
  cached.delete(db);
  stmt(db, 'INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Settings change only through setSetting, so they are read once per connection. */
export function readSettings(db: Db): SiteSettings {
  let s = cached.get(db);
  if (!s) cached.set(db, (s = loadSettings(db)));
  return s;
}

function loadSettings(db: Db): SiteSettings {
  return {
    kioskId: getSetting(db, 'kiosk_id') ?? 'unset',
    siteName: getSetting(db, 'site_name') ?? DEFAULT_SITE_NAME,
    timeZone: getSetting(db, 'time_zone') ?? Intl.DateTimeFormat().resolvedOptions().timeZone,
    idleTimeoutSeconds: Number(getSetting(db, 'idle_timeout_seconds') ?? DEFAULT_IDLE_TIMEOUT_SECONDS),
    idleWarningSeconds: Number(getSetting(db, 'idle_warning_seconds') ?? DEFAULT_IDLE_WARNING_SECONDS),
  };
}

/** This kiosk's badge letter, given by the office (core/sync/pull.ts); '' until then. Read
 *  uncached: a sync run by another process (kiosk:admin sync-now) may have set it. */
export const BADGE_PREFIX_KEY = 'badge_prefix';
export function kioskBadgePrefix(db: Db): string {
  return getSetting(db, BADGE_PREFIX_KEY) ?? '';
}

/** A kiosk gets a stable id on first run: events it writes carry it for sync. */
export function ensureKioskId(db: Db): string {
  const existing = getSetting(db, 'kiosk_id');
  if (existing) return existing;
  const id = `k-${randomUUID().slice(0, 8)}`;
  setSetting(db, 'kiosk_id', id);
  return id;
}

/** YYYY-MM-DD of an instant in the site's time zone (badge numbers restart each day). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function localDay(at: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(at);
}
