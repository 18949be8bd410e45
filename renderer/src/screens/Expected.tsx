// "Expected today? Find your booking": a visitor the office entered in advance types at least
// three letters of a name and picks theirs from masked matches ("Priya S."), as sign-out does;
// their details are then filled in on "About you", to check and change. Nothing of the booking
// is shown before they pick, and staff notes never reach the kiosk.
// An invitation's sign-in code finds the booking too (issue #14): typed into the same field (any
// case, spaces or dashes) or scanned from the QR by a USB scanner, which types it and presses
// Enter: into the field when it has focus, else caught by the card scanner's listener.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_LIMITS, type Client, type ExpectedDetails, type ExpectedMatch } from '../../../shared/contract';
import { ScreenFrame, TextField } from '../components/ui';
import { errorText } from '../i18n';
import { checkText } from '../flow/problems';
import { useCardScanner } from '../flow/cardScanner';
import { normaliseSigninCode } from '../../../shared/signinCode';

const MIN_LETTERS = 3;

/** Today's booking whose invitation gave this code (also tried for a code scanned on the welcome
 *  screen that is no card: see App), or null. */
export async function bookingByCode(client: Client, code: string): Promise<ExpectedDetails | null> {
  return (await client('expected.byCode', { code })).details;
}

export function ExpectedFind(props: { client: Client; onBack: () => void; onFound: (d: ExpectedDetails) => void; onHelp: (text: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [matches, setMatches] = useState<ExpectedMatch[] | null>(null);
  const [busy, setBusy] = useState(false);

  const [codeNotFound, setCodeNotFound] = useState(false);

  const byCode = async (code: string): Promise<boolean> => {
    const details = await bookingByCode(props.client, code);
    if (details) props.onFound(details);
    return details !== null;
  };
  const find = async () => {
    const e = checkText(t, query, FIELD_LIMITS.signOutQuery, true) ?? ([...query.trim()].length < MIN_LETTERS ? t('admission.tooShort') : undefined);
    setError(e);
    setCodeNotFound(false);
    if (e) return;
    setBusy(true);
    try {
      // Text that reads as a code is tried as one first; a name that happens to (16 letters of
      // the code alphabet) still finds its matches below.
      const looksLikeCode = normaliseSigninCode(query) !== null;
      if (looksLikeCode && (await byCode(query))) return;
      const found = (await props.client('expected.find', { query })).matches;
      if (looksLikeCode && found.length === 0) setCodeNotFound(true);
      else setMatches(found);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
  // A scan while the field does not have focus (the field takes a scan like typing).
  useCardScanner(!busy, (code) => {
    setQuery(code);
    setMatches(null);
    setError(undefined);
    setBusy(true);
    byCode(code)
      .then((ok) => setCodeNotFound(!ok))
      .catch((err: unknown) => setError(errorText(t, err)))
      .finally(() => setBusy(false));
  });
  const choose = async (m: ExpectedMatch) => {
    setBusy(true);
    try {
      props.onFound(await props.client('expected.details', { expectedId: m.expectedId }));
    } catch (err) {
      setError(errorText(t, err));
      setMatches(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <ScreenFrame title={t('admission.heading')} onBack={props.onBack} help={t('admission.help')} onHelp={props.onHelp}>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void find();
        }}
      >
        <TextField label={t('admission.letters')} value={query} onChange={(v) => (setQuery(v), setError(undefined), setMatches(null), setCodeNotFound(false))} error={error} hint={t('signinCode.hint')} inputMode="search" />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('admission.find')}
        </button>
      </form>
      {codeNotFound && (
        <p className="notice" role="status">
          {t('signinCode.notFound')}
        </p>
      )}
      {matches && (
        <section aria-live="polite">
          {matches.length === 0 ? (
            <p className="notice">{t('admission.noMatches')}</p>
          ) : (
            <>
              <h2>{t('admission.results')}</h2>
              <ul className="match-list">
                {matches.map((m) => (
                  <li key={m.expectedId}>
                    <button type="button" className="btn btn-choice" disabled={busy} onClick={() => void choose(m)}>
                      <bdi dir="auto">{m.maskedName}</bdi>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
    </ScreenFrame>
  );
}
