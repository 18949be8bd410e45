// Other people's names in text written about the subject (a purpose, what a breach record
// says happened, an exemption's conditions) are replaced before the text leaves the school.
// Known names only: every other visitor, person named in a register or breach, host and member
// of staff the hub knows. Staff still read the export before it is sent (see `withheld`).
import type { Db } from '../../db/open.js';
import { nameKey } from '../../../shared/text.js';

export const REDACTED = '[another person]';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function thirdPartyNames(db: Db, subjectKeys: ReadonlySet<string>): string[] {
  const rows = db
    .prepare(
      `SELECT full_name AS n FROM visits UNION SELECT host_name FROM visits UNION SELECT full_name FROM exemptions
       UNION SELECT person FROM breaches UNION SELECT display_name FROM staff UNION SELECT name FROM hosts
       UNION SELECT full_name FROM expected_visitors UNION SELECT full_name FROM regulars UNION SELECT full_name FROM restricted_people`,
    )
    .pluck()
    .all() as string[];
  const subjectNames = [...subjectKeys];
  return rows.filter((n) => {
    const k = nameKey(n);
    // Too short to tell from an ordinary word, the subject's own name, or part of it ("Jane" of "Jane Smith").
    return [...k].length >= 3 && !subjectKeys.has(k) && !subjectNames.some((s) => ` ${s} `.includes(` ${k} `));
  });
}

export type Redactor = (text: string) => string;

export function redactor(names: readonly string[]): Redactor {
  if (names.length === 0) return (t) => t;
  const alternatives = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length).map((n) => escape(n).replace(/\s+/g, '\\s+'));
  const re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (t) => t.replace(re, REDACTED);
}
