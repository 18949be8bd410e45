// "Expected today? Find your booking": a visitor the office entered in advance types at least
// three letters of a name and picks theirs from masked matches ("Priya S."), as sign-out does;
// their details are then filled in on "About you", to check and change. Nothing of the booking
// is shown before they pick, and staff notes never reach the kiosk.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FIELD_LIMITS, type Client, type ExpectedDetails, type ExpectedMatch } from '../../../shared/contract';
import { ScreenFrame, TextField } from '../components/ui';
import { errorText } from '../i18n';
import { checkText } from '../flow/problems';

const MIN_LETTERS = 3;

export function ExpectedFind(props: { client: Client; onBack: () => void; onFound: (d: ExpectedDetails) => void; onHelp: (text: string) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [matches, setMatches] = useState<ExpectedMatch[] | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async () => {
    const e = checkText(t, query, FIELD_LIMITS.signOutQuery, true) ?? ([...query.trim()].length < MIN_LETTERS ? t('admission.tooShort') : undefined);
    setError(e);
    if (e) return;
    setBusy(true);
    try {
      setMatches((await props.client('expected.find', { query })).matches);
    } catch (err) {
      setError(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };
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
        <TextField label={t('admission.letters')} value={query} onChange={(v) => (setQuery(v), setError(undefined), setMatches(null))} error={error} inputMode="search" />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('admission.find')}
        </button>
      </form>
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
