// Reminders before a device-use approval ends: the head (approvers, the approval_expiring route)
// is told N days before an approval's last day (valid_to), once per approval and end date, so a
// professional who comes every week is not turned away the week after it lapses. Run by the
// notifier's scheduled tick, like the end-of-day notice.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { consoleLink, oneLine, queueNotice } from '../notifications/notices.js';
import { readSettings } from '../notifications/settings.js';
import { hubToday } from '../reference/site.js';
import { dayInLanguage } from './compose.js';

export const DEFAULT_EXPIRY_REMINDER_DAYS = 7;

export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T12:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Queue the reminders now due. Once per (approval, end date): the notify_expiry row is kept
 *  after the outbox has pruned the message, and a changed end date is a new approval to remind. */
export function expiryReminders(db: Db, at: Date): number {
  const days = readSettings(db).expiryReminderDays ?? DEFAULT_EXPIRY_REMINDER_DAYS;
  const today = hubToday(db, at);
  const rows = stmt(
    db,
    `SELECT id, full_name, organisation, devices, valid_to FROM exemptions
     WHERE status = 'approved' AND valid_to >= ? AND valid_to <= ?
       AND NOT EXISTS (SELECT 1 FROM notify_expiry x WHERE x.exemption_id = exemptions.id AND x.valid_to = exemptions.valid_to)
     ORDER BY valid_to, id`,
  ).all(today, addDays(today, days)) as { id: string; full_name: string; organisation: string; devices: string; valid_to: string }[];
  let queued = 0;
  for (const e of rows) {
    if (stmt(db, 'INSERT INTO notify_expiry (exemption_id, valid_to, queued_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(e.id, e.valid_to, at.toISOString()).changes !== 1) continue;
    const link = consoleLink(db, `exemptions/${e.id}`);
    const who = oneLine(e.full_name, 80);
    const left = Math.round((Date.parse(`${e.valid_to}T12:00:00.000Z`) - Date.parse(`${today}T12:00:00.000Z`)) / 86_400_000);
    queued += queueNotice(
      db,
      'approval_expiring',
      {
        subject: `Device-use approval ends ${left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`}: ${who}`,
        body: [
          `The approval for ${who}${e.organisation ? ` (${oneLine(e.organisation, 80)})` : ''} to use ${oneLine(e.devices, 120)} ends on ${dayInLanguage(e.valid_to, 'en')}.`,
          'If they still need it, record a new request and decide it before then; otherwise nothing needs doing.',
          link ? `The approval in the office console: ${link}` : 'The approval is in the office console, under "Device requests".',
        ].join('\n'),
        link,
        ref: `exemption:${e.id}`,
      },
      at,
      { dedupe: `${e.id}:${e.valid_to}` },
    );
  }
  return queued;
}
