// Visitors invited only by letter whose letter gave a policy version no longer in force: the
// expected-visitors page says "rules changed since the letter — give them the new sheet" and
// offers the letter again (same language and time; it carries the version in force, and once
// reprinted the visitor leaves this list). Visitors invited by email are told by email.
import type { OutdatedLetter } from '../../../../shared/invitations';
import type { ExpectedVisitor } from '../../../../shared/office';
import { call } from '../api';
import { LANGUAGE_LABELS, date, dateTime } from '../format';
import { DownloadLinks, FormMessage, Name, Notice, base64Blob, useDownloads, useSubmit } from '../ui';

export const RULES_CHANGED_SINCE_LETTER = 'Rules changed since the letter — give them the new sheet';

export function RulesChangedLetters({ letters, expected, onReprinted }: { letters: readonly OutdatedLetter[]; expected: readonly ExpectedVisitor[]; onReprinted: () => void }) {
  const reprint = useSubmit();
  const downloads = useDownloads();
  const rows = letters.map((l) => ({ l, e: expected.find((x) => x.id === l.expectedId) })).filter((r): r is { l: OutdatedLetter; e: ExpectedVisitor } => r.e !== undefined);
  if (rows.length === 0 && downloads.files.length === 0) return null;
  return (
    <Notice tone="warn">
      <p className="notice-title">{RULES_CHANGED_SINCE_LETTER}</p>
      <p>The phone rules changed after these visitors' letters were made. Print the letter again (it has the rules in force) and give or send it to them before the visit.</p>
      <FormMessage message={reprint.message} />
      <ul className="plain-list">
        {rows.map(({ l, e }) => (
          <li key={l.expectedId} className="list-row">
            <Name>{e.fullName}</Name>, {date(e.expectedOn)}: letter made {dateTime(l.printedAt)} in {LANGUAGE_LABELS[l.language]} gave version {l.letterVersion}; version {l.currentVersion} is in force.{' '}
            <button
              type="button"
              className="btn"
              disabled={reprint.busy}
              aria-label={`Reprint the letter for ${e.fullName}`}
              onClick={() =>
                void reprint.submit(async () => {
                  const r = await call('invitations.letter', { expectedId: l.expectedId, language: l.language, time: l.time });
                  downloads.set([{ blob: base64Blob(r.pdfBase64, 'application/pdf'), fileName: r.fileName, label: `Download the new letter for ${e.fullName} (PDF)` }]);
                  onReprinted();
                })
              }
            >
              Reprint the letter (PDF)
            </button>
          </li>
        ))}
      </ul>
      <DownloadLinks files={downloads.files} />
    </Notice>
  );
}
