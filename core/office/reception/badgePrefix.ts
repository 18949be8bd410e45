// Each kiosk's badge letter. Badge numbers count per kiosk per day, so two kiosks would both
// print "Badge 1": the hub gives each kiosk a letter (A, B, C…; no I or O, which read as 1 and
// 0 on a badge; then AA, AB…) the first time it pulls, and sends it in the change feed. A
// letter is never given twice, even after a kiosk is revoked: old badges keep meaning one kiosk.
import type { Db } from '../../db/open.js';
import { stmt } from '../../db/statements.js';
import { appendRefChange } from '../reference/feed.js';

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** The n-th letter (0-based): A … Z, then AA, AB … */
export function badgePrefixAt(n: number): string {
  let out = '';
  let i = n;
  do {
    out = LETTERS[i % LETTERS.length] + out;
    i = Math.floor(i / LETTERS.length) - 1;
  } while (i >= 0);
  return out;
}

/** The kiosk's letter, given now (with its change-feed entry) if it has none. Call inside the pull's transaction. */
export function ensureBadgePrefix(db: Db, kioskId: string, at: Date): string {
  const have = stmt(db, 'SELECT badge_prefix FROM kiosks WHERE id = ?').pluck().get(kioskId) as string | null | undefined;
  if (have) return have;
  const taken = new Set(stmt(db, 'SELECT badge_prefix FROM kiosks WHERE badge_prefix IS NOT NULL').pluck().all() as string[]);
  let n = 0;
  while (taken.has(badgePrefixAt(n))) n++;
  const prefix = badgePrefixAt(n);
  stmt(db, 'UPDATE kiosks SET badge_prefix = ? WHERE id = ?').run(prefix, kioskId);
  appendRefChange(db, 'kiosk', kioskId, { kioskId, badgePrefix: prefix }, at);
  return prefix;
}
