// The privacy notice the kiosks show where visitors' details are collected: a short notice and
// its "read more" sections, per language, published as a new version (each sign-in records the
// version shown). English is required; every language has the same sections as English.
import { useEffect, useState } from 'react';
import { LANGUAGES, type Language } from '../../../../shared/domain';
import type { PrivacyVersion } from '../../../../shared/office';
import { call } from '../api';
import { dateTime } from '../format';
import { Field, FormMessage, LoadError, Loading, Notice, Page, Status, TextArea, useLoad, useSubmit } from '../ui';
import { LanguageLabel, LanguagePicker } from '../languages';

type Wording = { short: string; sections: { heading: string; text: string }[] };
type Texts = Partial<Record<Language, Wording>>;

const isEmpty = (w: Wording | undefined) => !w || (w.short.trim() === '' && w.sections.every((x) => x.heading.trim() === '' && x.text.trim() === ''));

/** Languages with any text; the others fall back to English on the kiosk. */
export function privacyToPublish(texts: Texts): Texts {
  const out: Texts = {};
  for (const l of LANGUAGES) if (!isEmpty(texts[l])) out[l] = texts[l]!;
  return out;
}

export function Privacy() {
  const { data, error, loading, reload } = useLoad(() => call('privacy.get', {}), []);
  return (
    <Page title="Privacy notice" lead="What the kiosks tell visitors about their information, where they type it, in each language. Publishing makes a new version; each sign-in records the version shown.">
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && <Editor notice={data} onPublished={reload} />}
    </Page>
  );
}

function Editor({ notice, onPublished }: { notice: PrivacyVersion; onPublished: () => void }) {
  const [lang, setLang] = useState<Language>('en');
  const [texts, setTexts] = useState<Texts>(notice.texts);
  const [done, setDone] = useState('');
  const form = useSubmit();
  useEffect(() => setTexts(notice.texts), [notice]);
  const english = texts.en ?? { short: '', sections: [{ heading: '', text: '' }] };
  // Other languages follow English's sections, one for one.
  const w: Wording = texts[lang] ?? { short: '', sections: english.sections.map(() => ({ heading: '', text: '' })) };
  const sections = lang === 'en' ? w.sections : english.sections.map((_, i) => w.sections[i] ?? { heading: '', text: '' });
  const put = (next: Wording) => {
    setDone('');
    setTexts((o) => ({ ...o, [lang]: next }));
  };
  const setSection = (i: number, patch: Partial<Wording['sections'][number]>) => put({ ...w, sections: sections.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const hasError = (l: Language) => Object.keys(form.errors).some((k) => k.startsWith(`texts.${l}`));

  const publish = () => {
    const out = privacyToPublish(texts);
    const local: Record<string, string> = {};
    if (!out.en) local['texts.en.short'] = 'English is required: the kiosks fall back to it.';
    void form
      .submit(async () => {
        await call('privacy.publish', { texts: out as Required<Pick<Texts, 'en'>> & Texts });
      }, local)
      .then((ok) => {
        if (ok) {
          setDone('Published. Kiosks show the new notice after their next sync.');
          onPublished();
        } else if (local['texts.en.short']) setLang('en');
      });
  };

  return (
    <>
      <p>{notice.version > 0 ? <>Now showing version <strong>{notice.version}</strong>, published {dateTime(notice.publishedAt)}.</> : 'The kiosks show their own default notice until one is published here.'}</p>
      <Notice tone="info">
        <p>Check the wording with the school&rsquo;s data protection officer. Translations supplied with the product are machine-assisted and must be checked by a fluent speaker.</p>
      </Notice>
      <FormMessage message={form.message} />
      <Status message={done} />
      <LanguagePicker lang={lang} onChoose={setLang} isEmpty={(l) => isEmpty(texts[l])} hasError={hasError} />
      <section className="panel" aria-labelledby="privacy-lang-title">
        <h2 id="privacy-lang-title">
          <LanguageLabel lang={lang} />
          {lang === 'en' ? ' (required)' : ' (optional: kiosks show English where a language has no text)'}
        </h2>
        <TextArea label="Short notice (shown on the screen where details are typed)" lang={lang} rows={4} value={w.short} onChange={(v) => put({ ...w, short: v, sections })} error={form.errors[`texts.${lang}.short`]} />
        <ol className="points">
          {sections.map((x, i) => (
            <li key={i}>
              <Field label={`Section ${i + 1} heading`} lang={lang} value={x.heading} onChange={(v) => setSection(i, { heading: v })} error={form.errors[`texts.${lang}.sections.${i}.heading`]} />
              <TextArea label={`Section ${i + 1} text`} lang={lang} rows={6} value={x.text} onChange={(v) => setSection(i, { text: v })} error={form.errors[`texts.${lang}.sections.${i}.text`]} />
              {lang === 'en' && sections.length > 1 && (
                <button type="button" className="btn btn-small" onClick={() => put({ ...w, sections: sections.filter((_, j) => j !== i) })}>
                  Remove section {i + 1}
                </button>
              )}
            </li>
          ))}
        </ol>
        {form.errors[`texts.${lang}.sections`] && <p className="field-error">{form.errors[`texts.${lang}.sections`]}</p>}
        {form.errors.texts && <p className="field-error">{form.errors.texts}</p>}
        {lang === 'en' && (
          <button type="button" className="btn" onClick={() => put({ ...w, sections: [...sections, { heading: '', text: '' }] })}>
            Add a section
          </button>
        )}
      </section>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={form.busy} onClick={publish}>
          Publish new version
        </button>
        <button type="button" className="btn" onClick={() => setTexts(notice.texts)}>
          Undo my changes
        </button>
      </div>
    </>
  );
}
