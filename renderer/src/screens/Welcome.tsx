import { useTranslation } from 'react-i18next';
import type { Language } from '../../../shared/domain';

const LANGUAGE_NAMES: Record<Language, string> = { en: 'English' };

export function Welcome(props: {
  siteName: string;
  languages: Language[];
  language: Language;
  onLanguage: (l: Language) => void;
  largeText: boolean;
  highContrast: boolean;
  onLargeText: (v: boolean) => void;
  onHighContrast: (v: boolean) => void;
  onSignIn: () => void;
  onSignOut: () => void;
  onHelp: (text: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <main className="screen welcome">
      <header className="screen-head">
        <h1 tabIndex={-1}>{t('welcome.heading', { site: props.siteName })}</h1>
        <button type="button" className="btn btn-help" onClick={() => props.onHelp(t('welcome.help'))}>
          {t('app.help')}
        </button>
      </header>
      <div className="screen-body">
        <p className="lead">{t('welcome.lead')}</p>
        <div className="big-actions">
          <button type="button" className="btn btn-primary btn-huge" onClick={props.onSignIn}>
            {t('welcome.signIn')}
          </button>
          <button type="button" className="btn btn-secondary btn-huge" onClick={props.onSignOut}>
            {t('welcome.signOut')}
          </button>
        </div>
        <section className="prefs">
          <fieldset>
            <legend>{t('welcome.language')}</legend>
            <div className="lang-row">
              {props.languages.map((l) => (
                <button
                  key={l}
                  type="button"
                  lang={l}
                  className={`btn btn-lang${props.language === l ? ' selected' : ''}`}
                  aria-pressed={props.language === l}
                  onClick={() => props.onLanguage(l)}
                >
                  {LANGUAGE_NAMES[l]}
                </button>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('welcome.display')}</legend>
            <label className="switch">
              <input type="checkbox" role="switch" checked={props.largeText} onChange={(e) => props.onLargeText(e.target.checked)} />
              <span>{t('welcome.largeText')}</span>
            </label>
            <label className="switch">
              <input type="checkbox" role="switch" checked={props.highContrast} onChange={(e) => props.onHighContrast(e.target.checked)} />
              <span>{t('welcome.highContrast')}</span>
            </label>
          </fieldset>
        </section>
      </div>
    </main>
  );
}
