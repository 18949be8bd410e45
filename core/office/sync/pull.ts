// Pull: one page of the reference-data change feed after the kiosk's cursor. The page covers
// (from, to]: every change in that range is in it, so a kiosk whose cursor is at least `from`
// can apply it whole, whatever order pages arrive in.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { PULL_PAGE_MAX, PullRequest, type PullResponse } from '../../../shared/sync.js';
import { refChangesAfter } from '../reference/feed.js';
import { ensureBadgePrefix } from '../reception/badgePrefix.js';
import { recordDeskStatus } from '../reception/desk.js';
import type { KioskRow } from './auth.js';
import { parseBody } from './push.js';

export function handlePull(db: Db, kiosk: KioskRow, rawBody: string, at: Date): PullResponse {
  const req = parseBody(rawBody, PullRequest);
  // Before reading the page, so a kiosk's first pull already brings its badge letter.
  ensureBadgePrefix(db, kiosk.id, at);
  if (req.desk) recordDeskStatus(db, kiosk.id, req.desk, at);
  const page = refChangesAfter(db, req.cursor, req.limit ?? PULL_PAGE_MAX);
  const to = page.changes.length > 0 ? page.changes[page.changes.length - 1]!.seq : Math.max(req.cursor, 0);
  const iso = at.toISOString();
  // The cursor the kiosk asks from is what it already holds: the console shows how far behind it is.
  stmt(db, 'UPDATE kiosks SET last_pull_at = ?, last_seen_at = ?, pull_cursor = ? WHERE id = ?').run(iso, iso, req.cursor, kiosk.id);
  // Whether the kiosk's fire roll call can be opened there (issue #12); older kiosks do not say.
  if (req.rollCall)
    stmt(db, 'UPDATE kiosks SET rollcall_local_pin = ?, rollcall_personal_pins = ?, rollcall_reported_at = ? WHERE id = ?').run(
      req.rollCall.localPin ? 1 : 0, req.rollCall.personalPins, iso, kiosk.id,
    );
  return { from: req.cursor, to, changes: page.changes, more: page.more, serverTime: iso };
}
