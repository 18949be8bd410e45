// Reminders from the regular-visitor register, on the notifier's scheduled tick (like an
// approval's): reception and the DSL hear N days before the last recorded check of an active
// regular runs out, once per check, so it is renewed before the kiosk sends the person to
// reception; and reception hears N days before the acceptable-use agreement's yearly renewal
// day how many card holders will be asked to agree again at their next sign-in.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { ASSURANCE_LABELS, type AssuranceKind } from '../../../shared/regulars.js';
import { addDays, DEFAULT_EXPIRY_REMINDER_DAYS } from '../invitations/expiry.js';
import { dayInLanguage } from '../invitations/compose.js';
import { consoleLink, oneLine, queueNotice } from '../notifications/notices.js';
import { readSettings } from '../notifications/settings.js';
import { hubToday } from '../reference/site.js';
import { renewalDay } from './agreement.js';

const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T12:00:00.000Z`) - Date.parse(`${from}T12:00:00.000Z`)) / 86_400_000);
const when = (left: number) => (left === 0 ? 'today' : left === 1 ? 'tomorrow' : `in ${left} days`);

export function registerReminders(db: Db, at: Date): number {
  // Each reminder is remembered by its outbox row, which is kept 30 days once sent: a window
  // shorter than that cannot send the same reminder twice.
  const days = Math.min(readSettings(db).expiryReminderDays ?? DEFAULT_EXPIRY_REMINDER_DAYS, 28);
  const today = hubToday(db, at);
  const link = consoleLink(db, 'regulars');
  let queued = 0;
  // The check that covers an active regular longest, when it ends within the window (a newer
  // check that runs on past it means nothing needs doing).
  const ending = stmt(
    db,
    `SELECT a.id, a.kind, a.expires_on, r.full_name FROM regular_assurances a JOIN regulars r ON r.id = a.regular_id
      WHERE r.status = 'active' AND a.checked_on <= ? AND a.expires_on >= ? AND a.expires_on <= ?
        AND NOT EXISTS (SELECT 1 FROM regular_assurances b WHERE b.regular_id = a.regular_id AND b.checked_on <= ? AND b.expires_on > a.expires_on)
      ORDER BY a.expires_on, a.id`,
  ).all(today, today, addDays(today, days), today) as { id: string; kind: AssuranceKind; expires_on: string; full_name: string }[];
  for (const a of ending) {
    const who = oneLine(a.full_name, 80);
    queued += queueNotice(
      db,
      'assurance_expiring',
      {
        subject: `A regular visitor's recorded check ends ${when(daysBetween(today, a.expires_on))}: ${who}`,
        body: [
          `${who}'s recorded check (${ASSURANCE_LABELS[a.kind]}) ends on ${dayInLanguage(a.expires_on, 'en')}.`,
          'After that day their card sends them to reception and their badge says they must be escorted. Record the renewed check on the register before then.',
          link ? `The register in the office console: ${link}` : 'The register is in the office console, under "Regular visitors".',
        ].join('\n'),
        link,
        ref: `regular-assurance:${a.id}`,
      },
      at,
      { dedupe: `assurance:${a.id}` },
    );
  }
  // The agreement's renewal day ('MM-DD'): its next date from today.
  const md = renewalDay(db);
  const thisYear = `${today.slice(0, 4)}-${md}`;
  const next = thisYear >= today ? thisYear : `${Number(today.slice(0, 4)) + 1}-${md}`;
  if (daysBetween(today, next) <= days) {
    const row = stmt(db, "SELECT COUNT(*) AS n FROM regulars WHERE status = 'active' AND card_hash IS NOT NULL").get() as { n: number | string } | undefined;
    const holders = Number(row?.n ?? 0);
    if (holders > 0)
      queued += queueNotice(
        db,
        'agreement_renewal',
        {
          subject: `The acceptable-use agreement renews ${when(daysBetween(today, next))}`,
          body: [
            `The acceptable-use agreement for regular visitors renews on ${dayInLanguage(next, 'en')}.`,
            `From that day the ${holders} regular visitor${holders === 1 ? '' : 's'} with a card will be asked to read and agree to it again at their next sign-in; nobody is turned away for it.`,
            'If the text needs changing, publish the new version before then, so they agree to it once.',
            link ? `The agreement in the office console: ${link}` : 'The agreement is in the office console, under "Regular visitors".',
          ].join('\n'),
          link,
          ref: 'agreement',
        },
        at,
        { dedupe: `agreement-renewal:${next}` },
      );
  }
  return queued;
}
