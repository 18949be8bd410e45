// The outbox worker: claims due messages (outbox.ts), sends them by SMTP (nodemailer) or an
// incoming webhook, and records what happened. It runs beside the HTTP server and never inside a
// request: a sign-in or a breach log has committed its message long before any network talk, so
// a mail server that is down, slow or hangs costs them nothing.
//
// Duplicates. Each message is claimed by one process at a time, so two hub processes never both
// send it. What SMTP itself still allows: the server accepts the message (answers 250 to the end
// of DATA) and the hub dies, or the connection drops, before it records "sent". The claim then
// expires and the message is sent again: the reader gets it twice. Both copies carry the same
// Message-ID (<outbox id@hub>), so mail clients and servers that deduplicate show it once. No
// protocol fixes this without the server's help; the alternative (never retry after a send
// started) would lose messages instead, and a host missing their visitor or a DSL missing a
// concern is the worse failure. A webhook has the same window (the receiver answered 2xx, the
// hub died before recording it).
import nodemailer from 'nodemailer';
import type { Db } from '../../db/open.js';
import { readPassword, readSettings } from './settings.js';
import { claimDue, recordOutcome, type Outcome, type OutboxRow } from './outbox.js';
import { scheduleNotices } from './notices.js';
import { processLabel } from '../jobs/slots.js';
import { invitationAttachments } from '../invitations/handlers.js';
import type { NotificationSettings } from '../../../shared/notifications.js';

export const MESSAGE_ID_DOMAIN = 'phone-safe-hub';

/** Longest a claimed message is held: longer than the slowest try (the timeouts below). */
export const CLAIM_HOLD_MS = 2 * 60_000;
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 15_000, socketTimeout: 30_000 };
const WEBHOOK_TIMEOUT_MS = 15_000;

export type DeliverDeps = {
  db: Db;
  dataDir: string;
  now: () => Date;
  log: (m: string, e?: unknown) => void;
  /** This process's name in claimed_by. */
  by: string;
  holdMs?: number;
  /** Messages claimed at a time (default 20); a run claims again until nothing is due. */
  batch?: number;
  /** Tests: the SMTP timeouts, to keep a hung-server case short. */
  smtpTimeouts?: Partial<typeof SMTP_TIMEOUTS>;
};

/** Why nodemailer failed, and whether trying again could help: an SMTP 5xx answer is the
 *  server's final word (550 no such mailbox); a 4xx, a refused or dropped connection pass. */
export function smtpOutcome(e: unknown): Outcome {
  const err = e as { responseCode?: number; response?: string; message?: string; code?: string };
  const code = typeof err.responseCode === 'number' ? err.responseCode : undefined;
  const reason = (err.response ?? err.message ?? String(e)).replace(/\s+/g, ' ').trim();
  return { ok: false, permanent: code !== undefined && code >= 500 && code < 600, reason: code !== undefined && !reason.startsWith(String(code)) ? `${code} ${reason}` : reason };
}

export async function sendEmail(
  row: Pick<OutboxRow, 'id' | 'recipient' | 'subject' | 'body'>,
  s: NotificationSettings,
  password: string | null,
  timeouts: typeof SMTP_TIMEOUTS,
  attachments: { filename: string; content: Buffer; contentType: string }[] = [],
): Promise<Outcome> {
  if (!s.smtp.enabled || !s.smtp.host) return { ok: false, permanent: false, reason: 'Email is not set up (console: Notifications).' };
  const transport = nodemailer.createTransport({
    host: s.smtp.host,
    port: s.smtp.port,
    secure: s.smtp.security === 'tls',
    requireTLS: s.smtp.security === 'starttls',
    ignoreTLS: s.smtp.security === 'none',
    ...(s.smtp.username ? { auth: { user: s.smtp.username, pass: password ?? '' } } : {}),
    ...timeouts,
  });
  try {
    // One recipient per message, given as the envelope too: nothing in a subject or body (a
    // visitor's name) can add a recipient. nodemailer encodes headers; the text is one line
    // already (notices.ts oneLine).
    await transport.sendMail({
      from: s.smtp.from,
      to: row.recipient,
      envelope: { from: s.smtp.from, to: [row.recipient] },
      subject: row.subject,
      text: row.body,
      messageId: `<${row.id}@${MESSAGE_ID_DOMAIN}>`,
      ...(attachments.length ? { attachments } : {}),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return { ok: true };
  } catch (e) {
    return smtpOutcome(e);
  } finally {
    transport.close();
  }
}

/** A JSON POST that Microsoft Teams' incoming webhooks (MessageCard) and generic receivers take. */
export async function postWebhook(row: Pick<OutboxRow, 'id' | 'kind' | 'recipient' | 'subject' | 'body' | 'link'>, s: NotificationSettings): Promise<Outcome> {
  const channel = s.webhooks.find((w) => w.id === row.recipient);
  if (!channel) return { ok: false, permanent: true, reason: `The webhook channel "${row.recipient}" is no longer configured.` };
  const payload = {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: row.subject,
    title: row.subject,
    text: row.body.replace(/\n/g, '\n\n'), // Teams renders markdown: a blank line per line break
    ...(row.link ? { potentialAction: [{ '@type': 'OpenUri', name: 'Open the console', targets: [{ os: 'default', uri: row.link }] }] } : {}),
    kind: row.kind,
    id: row.id,
    body: row.body,
    link: row.link,
  };
  try {
    const res = await fetch(channel.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload), signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS), redirect: 'error' });
    if (res.ok) return { ok: true };
    const text = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
    // 5xx and 429: the receiver's trouble, for now. Other 4xx: the URL or payload is wrong.
    return { ok: false, permanent: res.status < 500 && res.status !== 429 && res.status !== 408, reason: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
  } catch (e) {
    return { ok: false, permanent: false, reason: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export type DeliveryReport = { tried: number; sent: number; failed: number; retrying: number; givenUp: number };

/** Claim what is due and send it, one message after another. */
export async function deliverDue(deps: DeliverDeps): Promise<DeliveryReport> {
  const report: DeliveryReport = { tried: 0, sent: 0, failed: 0, retrying: 0, givenUp: 0 };
  // A bounded number of rounds: a queue that keeps growing is left for the next tick.
  for (let round = 0; round < 10 && deps.db.open; round++) {
    const rows = claimDue(deps.db, deps.by, deps.now(), deps.holdMs ?? CLAIM_HOLD_MS, deps.batch ?? 20);
    if (rows.length === 0) break;
    await deliverRows(deps, rows, report);
  }
  return report;
}

async function deliverRows(deps: DeliverDeps, rows: readonly OutboxRow[], report: DeliveryReport): Promise<void> {
  const s = readSettings(deps.db);
  const password = readPassword(deps.dataDir);
  for (const row of rows) {
    const attachments = row.kind === 'invitation' ? await invitationAttachments(deps.db, row.ref, deps.now()).catch((e: unknown) => (deps.log(`notifications: invitation ${row.id} goes without its attachments`, e), [])) : [];
    const outcome = row.channel === 'email' ? await sendEmail(row, s, password, { ...SMTP_TIMEOUTS, ...deps.smtpTimeouts }, attachments) : await postWebhook(row, s);
    if (!deps.db.open) break;
    const status = recordOutcome(deps.db, row, deps.by, outcome, deps.now());
    report.tried++;
    if (status === 'sent') report.sent++;
    else if (status === 'failed') report.failed++;
    else if (status === 'given_up') report.givenUp++;
    else if (status === 'queued') report.retrying++;
    if (!outcome.ok) deps.log(`notifications: ${row.kind} ${row.channel} message ${row.id} ${status === 'queued' ? 'will be retried' : status ?? 'was taken over'}: ${outcome.reason}`);
  }
}

export type Notifier = { tick(): Promise<DeliveryReport>; stop(): Promise<void> };

/**
 * Every `everyMs`: queue the scheduled notices (end of day, urgent reminders) and deliver what is
 * due. Never overlaps itself; timers are unref'd; stop() waits for a tick in progress so the
 * database can be closed after it.
 */
export function startNotifier(deps: Omit<DeliverDeps, 'by'> & { by?: string; everyMs?: number }): Notifier {
  const full: DeliverDeps = { ...deps, by: deps.by ?? processLabel() };
  let running: Promise<DeliveryReport> | null = null;
  let stopped = false;
  const work = async (): Promise<DeliveryReport> => {
    try {
      if (stopped || !full.db.open) return { tried: 0, sent: 0, failed: 0, retrying: 0, givenUp: 0 };
      scheduleNotices(full.db, full.now());
      return await deliverDue(full);
    } catch (e) {
      full.log('notifications: the outbox worker failed; it tries again at its next tick', e);
      return { tried: 0, sent: 0, failed: 0, retrying: 0, givenUp: 0 };
    }
  };
  const tick = (): Promise<DeliveryReport> => {
    if (running) return running;
    const p = work();
    running = p;
    void p.finally(() => {
      if (running === p) running = null;
    });
    return p;
  };
  const timer = setInterval(() => void tick(), deps.everyMs ?? 5_000);
  timer.unref?.();
  const first = setTimeout(() => void tick(), 500);
  first.unref?.();
  return {
    tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearTimeout(first);
      if (running) await running;
    },
  };
}
