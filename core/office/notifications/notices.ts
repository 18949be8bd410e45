// What each notice says and who gets it. Every function here runs inside the transaction of the
// event that causes the notice (or of the scheduler's tick), and only writes outbox rows: the
// sending happens later (deliver.ts). Each row has a dedupe key, so an event folded, pushed or
// scheduled again, by any hub process, never queues a notice twice.
//
// Short, plain, and no more personal data than the reader needs. Safeguarding details never go
// by email or webhook (mail is copied, forwarded, kept in phones and servers beyond the school's
// control): a concern notice says only that one was logged, when, and where to read it.
import type { NoticeKind } from '../../../shared/notifications.js';
import type { PhoneCustody } from '../../../shared/domain.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { REVIEW_AT_KEY, hubSite, hubToday } from '../reference/site.js';
import { hubOnSite, uncollectedPhones } from '../visits/queries.js';
import type { HubVisitRow, StoredEvent } from '../visits/projection.js';
import { enqueue, pruneOutbox } from './outbox.js';
import { expiryReminders } from '../invitations/expiry.js';
import { registerReminders } from '../regulars/reminders.js';
import { contactEmail, hostSubject, readSettings, roleEmails } from './settings.js';

/** Text from visitors or staff, made fit for one line of a subject or body: no control or line
 *  separator characters (so a name can never start a new header), at most `max` characters. */
export function oneLine(s: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  return [...flat].slice(0, max).join('');
}

export type Notice = { subject: string; body: string; link: string | null; ref: string };

export function consoleLink(db: Db, page: string): string | null {
  const base = readSettings(db).consoleUrl.trim();
  if (!/^https?:\/\//i.test(base)) return null;
  return `${base.replace(/[#/]+$/, '')}/#/${page}`;
}

const clock = (db: Db, iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: hubSite(db).timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const dayName = (db: Db, iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: hubSite(db).timeZone, weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(iso));

/** Where the visitor's phone is, in the words reception uses. */
export function phoneWhere(v: Pick<HubVisitRow, 'phone_custody' | 'phone_out_at'>): string {
  if (v.phone_out_at) return 'collected';
  let c: PhoneCustody | null = null;
  try {
    c = v.phone_custody ? (JSON.parse(v.phone_custody) as PhoneCustody) : null;
  } catch {
    c = null;
  }
  switch (c?.kind) {
    case 'locker':
      return `in ${c.lockerKind === 'pouch' ? 'pouch' : 'locker'} ${oneLine(c.lockerLabel, 40)}`;
    case 'reception':
      return 'handed in at reception';
    case 'none':
      return 'no phone with them';
    case 'exemption':
      return 'kept by them: device use approved';
    case 'exemption_pending':
      return 'kept by them: device use requested, waiting for the head';
    default:
      return 'not recorded yet';
  }
}

/**
 * Queue a notice to everyone its route names: roles (staff accounts with an address), extra
 * addresses, webhook channels, and `also` (e.g. the visit's host). Nothing when the kind is
 * switched off. Email rows only when email is set up. Returns how many rows were queued.
 */
export function queueNotice(db: Db, kind: NoticeKind, n: Notice, at: Date, opts: { also?: string[]; dedupe?: string } = {}): number {
  const s = readSettings(db);
  const route = s.routes[kind];
  if (!route.enabled) return 0;
  const key = `${kind}:${opts.dedupe ?? n.ref}`;
  let queued = 0;
  if (s.smtp.enabled) {
    const to = new Set([...(opts.also ?? []), ...route.roles.flatMap((r) => roleEmails(db, r)), ...route.addresses].map((a) => a.trim().toLowerCase()).filter(Boolean));
    for (const recipient of to) if (enqueue(db, { kind, channel: 'email', recipient, ...n, dedupeKey: `${key}:email:${recipient}` }, at)) queued++;
  }
  for (const id of route.webhooks) {
    if (!s.webhooks.some((w) => w.id === id)) continue;
    if (enqueue(db, { kind, channel: 'webhook', recipient: id, ...n, dedupeKey: `${key}:webhook:${id}` }, at)) queued++;
  }
  return queued;
}

// -- the host, when their visitor signs in

/** Arrivals older than this when they reach the hub (a kiosk that was offline) are not news to
 *  the host any more: no notice. */
export const ARRIVAL_NEWS_MS = 2 * 60 * 60_000;

/** Called by the push (core/office/sync/push.ts) with what it stored and the visits it changed. */
export function notifyArrivals(db: Db, stored: readonly StoredEvent[], visits: readonly HubVisitRow[], at: Date): number {
  const arrived = new Set(stored.filter((e) => e.kind === 'arrived').map((e) => e.visitId));
  if (arrived.size === 0) return 0;
  const s = readSettings(db);
  const route = s.routes.host_arrival;
  // Nothing to send with (or this kind off): no further reads in the push's transaction.
  if (!route.enabled || (!s.smtp.enabled && route.webhooks.length === 0)) return 0;
  let queued = 0;
  for (const v of visits) {
    if (!arrived.has(v.id) || v.departed_at !== null) continue;
    if (at.getTime() - Date.parse(v.arrived_at) > ARRIVAL_NEWS_MS) continue;
    const host = route.toHost ? contactEmail(db, hostSubject(v.host_id)) : null;
    const kiosk = (stmt(db, 'SELECT name FROM kiosks WHERE id = ?').get(v.kiosk_id) as { name: string } | undefined)?.name ?? 'the kiosk';
    const who = oneLine(v.full_name, 80);
    const org = v.organisation ? ` (${oneLine(v.organisation, 80)})` : '';
    queued += queueNotice(
      db,
      'host_arrival',
      {
        subject: `Your visitor has signed in: ${who}`,
        body: [
          `${who}${org} signed in at ${clock(db, v.arrived_at)} on ${dayName(db, v.arrived_at)}, at ${oneLine(kiosk, 60)}, to see ${oneLine(v.host_name, 80)}.`,
          `Their phone: ${phoneWhere(v)}.`,
          `Badge: ${oneLine(v.badge_prefix + String(v.badge_number), 20)}.`,
        ].join('\n'),
        link: null,
        ref: `visit:${v.id}`,
      },
      at,
      { also: host ? [host] : [] },
    );
  }
  return queued;
}

// -- the DSL and deputies, when a breach or concern is logged

/**
 * A breach or concern was logged: the DSL and deputies are told at once that one exists, never
 * what it says. Urgent (images of children, suspected illegal content): the head too, and the
 * notice is repeated every `urgentRepeatMinutes` until a DSL opens it (scheduleNotices).
 */
export function notifyConcernLogged(db: Db, concernId: string, opts: { urgent: boolean; at?: Date }): number {
  const row = stmt(db, 'SELECT id, logged_at FROM breaches WHERE id = ?').get(concernId) as { id: string; logged_at: string } | undefined;
  if (!row) return 0;
  const at = opts.at ?? new Date();
  if (opts.urgent) {
    stmt(db, 'INSERT INTO notify_urgent (breach_id, logged_at) VALUES (?, ?) ON CONFLICT (breach_id) DO NOTHING').run(row.id, row.logged_at);
    return queueNotice(db, 'concern_urgent', concernNotice(db, row, true, 0), at, { dedupe: `${row.id}:0` });
  }
  return queueNotice(db, 'concern_logged', concernNotice(db, row, false, 0), at);
}

function concernNotice(db: Db, row: { id: string; logged_at: string }, urgent: boolean, reminder: number): Notice {
  const link = consoleLink(db, 'breaches');
  const where = link ? `Open it in the office console: ${link}` : 'Open it in the office console, under "Breaches and concerns".';
  return {
    subject: urgent ? (reminder > 0 ? `URGENT (reminder ${reminder}): a concern is waiting for the DSL` : 'URGENT: a concern was logged for the DSL') : 'A concern was logged for the DSL',
    body: [
      `A ${urgent ? 'concern marked urgent' : 'breach or concern'} was logged at ${clock(db, row.logged_at)} on ${dayName(db, row.logged_at)}.`,
      where,
      'This message deliberately says nothing about what happened or who was involved: safeguarding details stay in the console.',
      ...(urgent ? [`It is sent again every ${readSettings(db).urgentRepeatMinutes} minutes until a DSL opens it.`] : []),
    ].join('\n'),
    link,
    ref: `breach:${row.id}`,
  };
}

// -- the head, when a device-use request is made at the kiosk

export function notifyDeviceRequest(db: Db, exemptionId: string, at: Date): number {
  const e = stmt(db, 'SELECT id, full_name, organisation, agency_role, created_at FROM exemptions WHERE id = ?').get(exemptionId) as
    | { id: string; full_name: string; organisation: string; agency_role: string; created_at: string }
    | undefined;
  if (!e) return 0;
  const link = consoleLink(db, `exemptions/${e.id}`);
  const who = oneLine(e.full_name, 80);
  const org = [e.organisation, e.agency_role].filter(Boolean).map((s) => oneLine(s, 80)).join(', ');
  return queueNotice(
    db,
    'device_request',
    {
      subject: `Device-use request to decide: ${who}`,
      body: [
        `${who}${org ? ` (${org})` : ''} asked at the kiosk at ${clock(db, e.created_at)} on ${dayName(db, e.created_at)} to use their device during the visit.`,
        link ? `Approve or refuse it in the office console: ${link}` : 'Approve or refuse it in the office console, under "Device requests".',
      ].join('\n'),
      link,
      ref: `exemption:${e.id}`,
    },
    at,
  );
}

// -- scheduled: reception's end-of-day notice, urgent reminders, and pruning

/** The end-of-day notice, once a day at the review time, if anything is left to review. */
function endOfDayNotice(db: Db, at: Date): number {
  const reviewAt = (stmt(db, 'SELECT value FROM site_settings WHERE key = ?').get(REVIEW_AT_KEY) as { value: string } | undefined)?.value ?? '17:00';
  const local = new Intl.DateTimeFormat('en-GB', { timeZone: hubSite(db).timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  if (local < reviewAt) return 0;
  const today = hubToday(db, at);
  const open = hubOnSite(db);
  const phones = uncollectedPhones(db, today);
  if (open.length === 0 && phones.length === 0) return 0;
  const line = (v: (typeof open)[number]) => `- ${oneLine(v.fullName, 80)}, signed in ${clock(db, v.arrivedAt)}${hubToday(db, new Date(v.arrivedAt)) !== today ? ` on ${dayName(db, v.arrivedAt)}` : ''}`;
  const link = consoleLink(db, 'end-of-day');
  return queueNotice(
    db,
    'end_of_day',
    {
      subject: `End of day: ${open.length} visit${open.length === 1 ? '' : 's'} still open, ${phones.length} phone${phones.length === 1 ? '' : 's'} not collected`,
      body: [
        `At the end-of-day review (${reviewAt}):`,
        ...(open.length ? ['', 'Still signed in:', ...open.slice(0, 30).map(line), ...(open.length > 30 ? [`- and ${open.length - 30} more`] : [])] : []),
        ...(phones.length ? ['', 'Phones not collected:', ...phones.slice(0, 30).map(line), ...(phones.length > 30 ? [`- and ${phones.length - 30} more`] : [])] : []),
        '',
        link ? `Review them in the office console: ${link}` : 'Review them in the office console, under "End of day".',
      ].join('\n'),
      link,
      ref: `endOfDay:${today}`,
    },
    at,
  );
}

/** Urgent concerns no DSL has opened: one reminder per interval since they were logged. */
function urgentReminders(db: Db, at: Date): number {
  // Opened (or closed) ones are done: they leave the list.
  stmt(db, `DELETE FROM notify_urgent WHERE breach_id IN (SELECT id FROM breaches WHERE seen_by_dsl_at IS NOT NULL OR status <> 'open')`).run();
  const every = readSettings(db).urgentRepeatMinutes * 60_000;
  let queued = 0;
  for (const u of stmt(db, 'SELECT breach_id, logged_at FROM notify_urgent ORDER BY logged_at').all() as { breach_id: string; logged_at: string }[]) {
    const n = Math.floor((at.getTime() - Date.parse(u.logged_at)) / every);
    if (n < 1) continue;
    queued += queueNotice(db, 'concern_urgent', concernNotice(db, { id: u.breach_id, logged_at: u.logged_at }, true, n), at, { dedupe: `${u.breach_id}:${n}` });
  }
  return queued;
}

/** The scheduler's tick (any process, any number of times: dedupe keys make each notice once). */
export function scheduleNotices(db: Db, at: Date): { endOfDay: number; urgent: number; expiring: number; register: number; pruned: number } {
  return db
    .transaction(() => ({ endOfDay: endOfDayNotice(db, at), urgent: urgentReminders(db, at), expiring: expiryReminders(db, at), register: registerReminders(db, at), pruned: pruneOutbox(db, at) }))
    .immediate();
}
