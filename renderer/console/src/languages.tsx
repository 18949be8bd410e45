// Choosing which language of a site text to edit (the policy, the privacy notice): one button
// per kiosk language, saying which have no text yet and which have a problem to fix.
import { LANGUAGES, type Language } from '../../../shared/domain';
import { LANGUAGE_LABELS } from './format';

export function LanguagePicker(props: { lang: Language; onChoose: (l: Language) => void; isEmpty: (l: Language) => boolean; hasError: (l: Language) => boolean }) {
  return (
    <div className="filter-bar lang-bar" role="group" aria-label="Language to edit">
      {LANGUAGES.map((l) => (
        <button key={l} type="button" className={`btn btn-filter${props.hasError(l) ? ' btn-has-error' : ''}`} aria-pressed={props.lang === l} onClick={() => props.onChoose(l)}>
          <LanguageLabel lang={l} />
          {props.isEmpty(l) ? ' — none' : ''}
          {props.hasError(l) ? ' — check' : ''}
        </button>
      ))}
    </div>
  );
}

/** "Arabic (العربية)": the name in its own language is marked with its language and direction. */
export function LanguageLabel({ lang }: { lang: Language }) {
  const label = LANGUAGE_LABELS[lang];
  const m = /^(.*) \((.*)\)$/.exec(label);
  if (!m) return <>{label}</>;
  // One span: inside a flex button, loose text nodes would each become a spaced-out item.
  return (
    <span>
      {m[1]} (
      <span lang={lang} dir="auto">
        {m[2]}
      </span>
      )
    </span>
  );
}
