// The phone policy the kiosks show, edited per language and published as a new version.
// English is required; the other languages are optional (a kiosk falls back to English).
import { useEffect, useState } from 'react';
import { LANGUAGES, type Language } from '../../../../shared/domain';
import type { ReferenceData } from '../../../../shared/office';
import { call } from '../api';
import { LanguageLabel, LanguagePicker } from '../languages';
import { dateTime, errorFor } from '../format';
import { Field, FormMessage, LoadError, Loading, Notice, Page, Status, TextArea, useLoad, useSubmit } from '../ui';
import type { PolicyDraft } from '../../../../shared/concerns';

type Text = { title: string; points: string[] };
type Texts = Partial<Record<Language, Text>>;

function isEmpty(t: Text | undefined): boolean {
  return !t || (t.title.trim() === '' && t.points.every((p) => p.trim() === ''));
}

/** What is sent: languages with any text, points trimmed of empty ones. */
export function textsToPublish(texts: Texts): Texts {
  const out: Texts = {};
  for (const l of LANGUAGES) {
    const t = texts[l];
    if (!isEmpty(t)) out[l] = { title: t!.title, points: t!.points.filter((p) => p.trim() !== '') };
  }
  return out;
}

export function Policy() {
  const { data, error, loading, reload } = useLoad(() => call('reference.get', {}).then((r) => r.policy), []);
  return (
    <Page title="Phone policy text" lead="What visitors read and agree to at the kiosk, in each language. Publishing makes a new version; visitors agree to the version shown to them.">
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && <Editor policy={data} onPublished={reload} />}
    </Page>
  );
}

function Editor({ policy, onPublished }: { policy: ReferenceData['policy']; onPublished: () => void }) {
  const [lang, setLang] = useState<Language>('en');
  const [texts, setTexts] = useState<Texts>(policy.texts);
  const [done, setDone] = useState('');
  const form = useSubmit();
  useEffect(() => setTexts(policy.texts), [policy]);
  const t: Text = texts[lang] ?? { title: '', points: [''] };
  const put = (next: Text) => {
    setDone('');
    setTexts((o) => ({ ...o, [lang]: next }));
  };
  const langHasError = (l: Language) => Object.keys(form.errors).some((k) => k.startsWith(`texts.${l}`)) || (l === 'en' && form.errors.texts !== undefined);

  const publish = () => {
    const out = textsToPublish(texts);
    const local: Record<string, string> = {};
    if (!out.en) local['texts.en.title'] = 'English is required: the kiosks fall back to it.';
    void form
      .submit(async () => {
        await call('policy.publish', { texts: out as Required<Pick<Texts, 'en'>> & Texts });
      }, local)
      .then((ok) => {
        if (ok) {
          setDone('Published. Kiosks show the new version after their next sync.');
          onPublished();
        } else if (local['texts.en.title']) setLang('en');
      });
  };

  return (
    <>
      <p>
        Now showing version <strong>{policy.version}</strong>, published {dateTime(policy.publishedAt)}.
      </p>
      <Notice tone="info">
        <p>
          Translations supplied with the product are machine-assisted and must be checked by the school. Ask a fluent speaker to read each language before relying on it. Write
          <code> {'{locations}'} </code>
          where the list of approved places should appear.
        </p>
      </Notice>
      <FormMessage message={form.message} />
      <Status message={done} />
      <PolicyDrafts onLoad={(d) => (setTexts(d.texts as Texts), setDone('Draft loaded into the editor: review it and publish.'))} />
      <LanguagePicker lang={lang} onChoose={setLang} isEmpty={(l) => isEmpty(texts[l])} hasError={langHasError} />
      <section className="panel" aria-labelledby="lang-title">
        <h2 id="lang-title">
          <LanguageLabel lang={lang} />
          {lang === 'en' ? ' (required)' : ' (optional: kiosks show English where a language has no text)'}
        </h2>
        <Field label="Title" lang={lang} value={t.title} onChange={(v) => put({ ...t, title: v })} error={errorFor(form.errors, `texts.${lang}.title`, lang === 'en' ? 'texts' : '__')} />
        <ul className="points">
          {t.points.map((p, i) => (
            <li key={i}>
              <TextArea
                label={`Point ${i + 1}`}
                lang={lang}
                value={p}
                rows={2}
                onChange={(v) => put({ ...t, points: t.points.map((x, j) => (j === i ? v : x)) })}
                error={form.errors[`texts.${lang}.points.${i}`]}
              />
              {t.points.length > 1 && (
                <button type="button" className="btn btn-small" onClick={() => put({ ...t, points: t.points.filter((_, j) => j !== i) })}>
                  Remove point {i + 1}
                </button>
              )}
            </li>
          ))}
        </ul>
        {form.errors[`texts.${lang}.points`] && <p className="field-error">{form.errors[`texts.${lang}.points`]}</p>}
        <button type="button" className="btn" onClick={() => put({ ...t, points: [...t.points, ''] })}>
          Add a point
        </button>
      </section>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={form.busy} onClick={publish}>
          Publish new version
        </button>
        <button type="button" className="btn" onClick={() => setTexts(policy.texts)}>
          Undo my changes
        </button>
      </div>
    </>
  );
}

/** Drafts the DSL or head started from a concern (issue #15): the texts in force when it was
 *  started, with why; loading one puts its texts into the editor above to change and publish. */
function PolicyDrafts({ onLoad }: { onLoad: (d: PolicyDraft) => void }) {
  const { data } = useLoad(() => call('concerns.policyDrafts', {}), []);
  const open = data?.drafts.filter((d) => !d.superseded) ?? [];
  if (open.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="drafts-title">
      <h2 id="drafts-title">Drafts started from concerns</h2>
      <ul className="plain-list">
        {open.map((d) => (
          <li key={d.id}>
            {dateTime(d.createdAt)}, {d.createdBy} (from version {d.basedOnVersion}){d.note && <>: {d.note}</>}{' '}
            <button type="button" className="btn btn-small" onClick={() => onLoad(d)}>
              Load into the editor
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
