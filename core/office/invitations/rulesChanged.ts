// When a new version of the phone policy is published before an invited visitor comes, they hear
// of it: by email when they were invited by email (once per invitation, in the invitation's
// language, with the new version's text and its hash recorded), or, when they were only sent a
// letter, the console's expected-visitors list says so and offers the letter again (it carries
// the version in force). The kiosk says the same on the day (the expected feed's
// invitedPolicyVersionId); this is so that nobody learns of new rules only at the door.
import { v7 as uuidv7 } from 'uuid';
import type { Language } from '../../../shared/domain.js';
import type { OutdatedLetter } from '../../../shared/invitations.js';
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { oneLine } from '../notifications/notices.js';
import { enqueue } from '../notifications/outbox.js';
import { readSettings } from '../notifications/settings.js';
import { hubSite, hubToday } from '../reference/site.js';
import { dayInLanguage, policyForInvitation, type PolicySent } from './compose.js';
import { RULES_CHANGED_WORDS } from './rulesChangedWords.js';
import { WORDS } from './words.js';

/** The letter just made, with the policy version it carried (its row is what the list compares). */
export function recordLetter(db: Db, l: { expectedId: string; language: Language; time: string; policy: PolicySent; by: string; at: Date }): void {
  stmt(
    db,
    `INSERT INTO invitation_letters (id, expected_id, language, visit_time, policy_version_id, policy_version, printed_by, printed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(uuidv7(), l.expectedId, l.language, l.time, l.policy.versionId, l.policy.version, l.by, l.at.toISOString());
}

type Pending = { id: string; expected_id: string; email: string; language: Language; full_name: string; expected_on: string };

/** Visits still to come (not cancelled, not arrived, today or later). */
const UPCOMING = `e.cancelled = 0 AND e.arrived_at IS NULL AND e.expected_on >= ?`;

/**
 * Emails every visitor whose latest invitation carried another version than the one now in force,
 * whose visit is still to come, and who has not had this email for that invitation. Runs in the
 * publishing transaction; nothing when email is off (the kiosk still tells them on the day).
 * Returns how many were queued.
 */
export function noticeRulesChanged(db: Db, at: Date): number {
  if (!readSettings(db).smtp.enabled) return 0;
  const current = stmt(db, 'SELECT id FROM policy_versions ORDER BY version DESC LIMIT 1').pluck().get() as string | undefined;
  if (!current) return 0;
  const pending = stmt(
    db,
    `SELECT i.id, i.expected_id, i.email, i.language, e.full_name, e.expected_on
       FROM invitations i JOIN expected_visitors e ON e.id = i.expected_id
      WHERE ${UPCOMING} AND i.policy_version_id <> ?
        AND NOT EXISTS (SELECT 1 FROM invitations j WHERE j.expected_id = i.expected_id AND (j.sent_at > i.sent_at OR (j.sent_at = i.sent_at AND j.id > i.id)))
        AND NOT EXISTS (SELECT 1 FROM invitation_rule_notices n WHERE n.invitation_id = i.id)
      ORDER BY i.sent_at, i.id`,
  ).all(hubToday(db, at), current) as Pending[];
  const school = oneLine(hubSite(db).siteName, 120);
  const record = stmt(
    db,
    `INSERT INTO invitation_rule_notices (invitation_id, policy_version_id, policy_version, policy_language, policy_text_hash, message_id, queued_at)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (invitation_id) DO NOTHING`,
  );
  let n = 0;
  for (const p of pending) {
    const policy = policyForInvitation(db, p.language);
    const w = RULES_CHANGED_WORDS[p.language];
    const body = [
      WORDS[p.language].hello(oneLine(p.full_name, 120)),
      '',
      w.changed(school, dayInLanguage(p.expected_on, p.language)),
      '',
      `${w.newRules(policy.version)}:`,
      policy.title,
      ...policy.points.map((x) => `- ${x}`),
      `${WORDS[p.language].fingerprint}: ${policy.textHash}`,
      '',
      w.kiosk,
      '',
      school,
    ].join('\n');
    // ref: the invitation's, so the message goes with it (retention/remove.ts deleteExpected).
    const messageId = enqueue(
      db,
      { kind: 'rules_changed', channel: 'email', recipient: p.email, subject: oneLine(w.subject(school), 200), body, ref: `invitation:${p.id}`, dedupeKey: `rules_changed:${p.id}` },
      at,
    );
    if (record.run(p.id, policy.versionId, policy.version, policy.language, policy.textHash, messageId, at.toISOString()).changes === 1) n++;
  }
  return n;
}

/** Upcoming visitors invited only by letter (no email invitation) whose latest letter carried a
 *  version no longer in force. */
export function outdatedLetters(db: Db, at: Date): OutdatedLetter[] {
  const current = stmt(db, 'SELECT id, version FROM policy_versions ORDER BY version DESC LIMIT 1').get() as { id: string; version: number } | undefined;
  if (!current) return [];
  const rows = stmt(
    db,
    `SELECT l.expected_id, l.language, l.visit_time, l.policy_version, l.printed_at
       FROM invitation_letters l JOIN expected_visitors e ON e.id = l.expected_id
      WHERE ${UPCOMING} AND l.policy_version_id <> ?
        AND NOT EXISTS (SELECT 1 FROM invitation_letters m WHERE m.expected_id = l.expected_id AND (m.printed_at > l.printed_at OR (m.printed_at = l.printed_at AND m.id > l.id)))
        AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.expected_id = l.expected_id)
      ORDER BY e.expected_on, l.expected_id`,
  ).all(hubToday(db, at), current.id) as { expected_id: string; language: Language; visit_time: string; policy_version: number; printed_at: string }[];
  return rows.map((r) => ({ expectedId: r.expected_id, language: r.language, time: r.visit_time, letterVersion: Number(r.policy_version), currentVersion: Number(current.version), printedAt: r.printed_at }));
}
