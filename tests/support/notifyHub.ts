// Test helpers for notifications: a hub with staff who have addresses, hosts with addresses, a
// paired kiosk, email pointed at a test SMTP server (smtpServer.ts), and pushes that go through
// the hub's real push handler (the same transaction a kiosk's signed push runs in).
// No test-runner imports here (compiled for the bench).
import type { Hub } from '../../core/office/hub.js';
import { handlePush } from '../../core/office/sync/push.js';
import type { KioskRow } from '../../core/office/sync/auth.js';
import { deliverDue, type DeliveryReport } from '../../core/office/notifications/deliver.js';
import { DEFAULT_SETTINGS } from '../../core/office/notifications/settings.js';
import type { NotificationSettings } from '../../shared/notifications.js';
import type { PushResponse, SyncEvent } from '../../shared/sync.js';
import { ACTORS, registerKiosk, tempHub } from './officeDomain.js';
import { startTestSmtp, type TestSmtp } from './smtpServer.js';
import { fakeClock, type Clock } from './tempKiosk.js';

export const KIOSK: KioskRow = { id: 'k-1', name: 'Main entrance kiosk', public_key: 'AAAA', revoked_at: null };

export const STAFF = [
  { id: 's-office', username: 'ofelia', name: 'Ofelia Office', role: 'office', email: 'reception@school.test' },
  { id: 's-dsl', username: 'dana', name: 'Dana Lead', role: 'dsl', email: 'dsl@school.test' },
  { id: 's-dsl2', username: 'dev', name: 'Dev Deputy', role: 'dsl', email: 'deputy@school.test' },
  { id: 's-head', username: 'hugh', name: 'Hugh Head', role: 'head', email: 'head@school.test' },
  { id: 's-admin', username: 'ada', name: 'Ada Admin', role: 'admin', email: '' },
] as const;

export const HOST_EMAILS = { office: 'office.host@school.test', senco: 'senco@school.test' };

export function addStaff(hub: Hub): void {
  const ins = hub.db.prepare('INSERT INTO staff (id, username, display_name, role, password_hash, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)');
  hub.db.transaction(() => {
    for (const s of STAFF) ins.run(s.id, s.username, s.name, s.role, 'x', '2026-01-01T00:00:00.000Z', 'test');
  })();
}

export function smtpSettings(port: number, over: Partial<NotificationSettings> = {}): NotificationSettings {
  return {
    ...DEFAULT_SETTINGS,
    smtp: { enabled: true, host: '127.0.0.1', port, security: 'none', username: '', from: 'office-hub@school.test' },
    consoleUrl: 'https://office.school.test/',
    ...over,
  };
}

/** A hub ready to notify: staff, kiosk, and email to the SMTP server on `port`. */
export function prepareNotifyHub(hub: Hub, port: number, over: Partial<NotificationSettings> = {}): void {
  addStaff(hub);
  registerKiosk(hub, KIOSK.id, KIOSK.name);
  hub.core.run(
    'notifications.save',
    {
      settings: smtpSettings(port, over),
      hostEmails: HOST_EMAILS,
      staffEmails: Object.fromEntries(STAFF.filter((s) => s.email).map((s) => [s.id, s.email])),
    },
    ACTORS.admin,
  );
}

/**
 * A fresh hub on a fake clock (by default Monday 2 March 2026, 09:00 UTC: 09:00 in London), its site
 * settings as given (site_name, time_zone...), staff and hosts with addresses, and email
 * pointed at a new test SMTP server.
 */
export async function notifyTestHub(site: Record<string, string> = {}, at = '2026-03-02T09:00:00.000Z'): Promise<{ hub: Hub; clock: Clock; smtp: TestSmtp }> {
  const clock = fakeClock(at);
  const hub = tempHub(clock.now);
  const set = hub.db.prepare('INSERT INTO site_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const [key, value] of Object.entries(site)) set.run(key, value);
  const smtp = await startTestSmtp();
  prepareNotifyHub(hub, smtp.port);
  return { hub, clock, smtp };
}

/** The kiosk's push, as the sync route runs it (one immediate transaction). */
export function push(hub: Hub, events: readonly SyncEvent[], at: Date): PushResponse {
  const res = hub.db.transaction(() => handlePush(hub.db, KIOSK, JSON.stringify({ events }), at)).immediate();
  if (!('acked' in res)) throw new Error(`push refused: ${res.message}`);
  return res;
}

export function deliver(hub: Hub, now: () => Date, by = 'test-process', batch?: number): Promise<DeliveryReport> {
  return deliverDue({ db: hub.db, dataDir: hub.dataDir, now, log: () => {}, by, ...(batch ? { batch } : {}), smtpTimeouts: { connectionTimeout: 2000, greetingTimeout: 2000, socketTimeout: 3000 } });
}

export type OutboxStatusRow = { id: string; kind: string; recipient: string; status: string; attempts: number; last_error: string | null };
export function outbox(hub: Hub): OutboxStatusRow[] {
  return hub.db.prepare('SELECT id, kind, recipient, status, attempts, last_error FROM notify_outbox ORDER BY created_at, recipient').all() as OutboxStatusRow[];
}
