// Where notification settings live. The channels and routes are one JSON value in the school's
// site_settings (so a PostgreSQL school has its own, in its own schema). The SMTP password is
// NOT in the database: it is a file of mode 0600 in the hub's data folder, which on a trust hub
// is the school's own folder (<data dir>/schools/<slug>/, core/office/http/schools.ts), so each
// school's password sits beside its set-up code, on the machine that sends its mail. The console
// is only ever told whether one is set.
import fs from 'node:fs';
import path from 'node:path';
import { NOTICE_KINDS, NotificationSettings, type NoticeKind, type NoticeRoute } from '../../../shared/notifications.js';
import type { Db } from '../../db/open.js';
import { PRIVATE_FILE_MODE, privateDir } from '../../db/private.js';
import { stmt } from '../../db/statements.js';

export const SETTINGS_KEY = 'notifications';
export const PASSWORD_DIR = 'notifications';
export const PASSWORD_FILE = 'smtp-password';

const route = (r: Partial<NoticeRoute>): NoticeRoute => ({ enabled: true, roles: [], addresses: [], webhooks: [], ...r });

/** A new hub: nothing is sent until an administrator sets up a channel; then each notice goes to
 *  the people the school's policy names. */
export const DEFAULT_SETTINGS: NotificationSettings = {
  smtp: { enabled: false, host: '', port: 587, security: 'starttls', username: '', from: '' },
  webhooks: [],
  routes: {
    host_arrival: route({ toHost: true }),
    concern_logged: route({ roles: ['dsl'] }),
    concern_urgent: route({ roles: ['dsl', 'head'] }),
    device_request: route({ roles: ['head'] }),
    end_of_day: route({ roles: ['office'] }),
    approval_expiring: route({ roles: ['head'] }),
    assurance_expiring: route({ roles: ['office', 'dsl'] }),
    agreement_renewal: route({ roles: ['office'] }),
  },
  consoleUrl: '',
  urgentRepeatMinutes: 15,
};

export function readSettings(db: Db): NotificationSettings {
  // No pluck(): statements are cached by their SQL, and pluck() would change this one for every caller.
  const raw = (stmt(db, 'SELECT value FROM site_settings WHERE key = ?').get(SETTINGS_KEY) as { value: string } | undefined)?.value;
  if (raw === undefined) return DEFAULT_SETTINGS;
  const parsed = NotificationSettings.safeParse(JSON.parse(raw));
  // Saved by an older or newer hub with other kinds: keep what parses, default the rest.
  if (parsed.success) return parsed.data;
  const loose = JSON.parse(raw) as Partial<NotificationSettings>;
  return { ...DEFAULT_SETTINGS, ...loose, routes: Object.fromEntries(NOTICE_KINDS.map((k) => [k, loose.routes?.[k] ?? DEFAULT_SETTINGS.routes[k]])) as Record<NoticeKind, NoticeRoute> };
}

export function writeSettings(db: Db, s: NotificationSettings): void {
  stmt(db, 'INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(SETTINGS_KEY, JSON.stringify(s));
}

export function passwordFile(dataDir: string): string {
  return path.join(dataDir, PASSWORD_DIR, PASSWORD_FILE);
}

export function readPassword(dataDir: string): string | null {
  try {
    return fs.readFileSync(passwordFile(dataDir), 'utf8');
  } catch {
    return null;
  }
}

/** Written to a new file and renamed over the old: a crash never leaves half a password. */
export function writePassword(dataDir: string, password: string | null): void {
  const file = passwordFile(dataDir);
  if (password === null) {
    fs.rmSync(file, { force: true });
    return;
  }
  privateDir(path.dirname(file));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, password, { mode: PRIVATE_FILE_MODE });
  fs.chmodSync(tmp, PRIVATE_FILE_MODE); // whatever the umask
  fs.renameSync(tmp, file);
}

// -- addresses of hosts and staff (notify_contacts)

export const hostSubject = (hostId: string) => `host:${hostId}`;
export const staffSubject = (staffId: string) => `staff:${staffId}`;

export function contactEmail(db: Db, subject: string): string | null {
  return (stmt(db, 'SELECT email FROM notify_contacts WHERE subject = ?').get(subject) as { email: string } | undefined)?.email ?? null;
}

export function setContact(db: Db, subject: string, email: string): void {
  if (email === '') stmt(db, 'DELETE FROM notify_contacts WHERE subject = ?').run(subject);
  else stmt(db, 'INSERT INTO notify_contacts (subject, email) VALUES (?, ?) ON CONFLICT (subject) DO UPDATE SET email = excluded.email').run(subject, email);
}

/** Active staff accounts of a role that have an address. */
export function roleEmails(db: Db, role: string): string[] {
  return (
    stmt(db, `SELECT c.email FROM staff s JOIN notify_contacts c ON c.subject = 'staff:' || s.id WHERE s.role = ? AND s.active = 1 ORDER BY c.email`).all(role) as { email: string }[]
  ).map((r) => r.email);
}
