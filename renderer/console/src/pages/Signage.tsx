// Signage (issue #15): the rest of the policy (places where devices are never used, the DSL
// directory, complaints and whistleblowing routes), posters made from the live policy, and the
// register of where each poster hangs. A new policy version flags the posters now out of date.
import { useEffect, useId, useState } from 'react';
import { LANGUAGES, type Language } from '../../../../shared/domain';
import { mayCall, type Role } from '../../../../shared/office';
import type { DslEntry, DslRole, PosterFiles, PosterSize, Signage as SignageData } from '../../../../shared/signage';
import { call } from '../api';
import { LANGUAGE_LABELS, dateTime, slugId } from '../format';
import { base64Blob, DataTable, DownloadLinks, Field, FormMessage, LoadError, Loading, Notice, Page, Select, Status, Tag, TextArea, useDownloads, useLoad, useSubmit } from '../ui';
import { ListEditor } from './SiteLists';

const ROLE_LABELS: Record<DslRole, string> = { dsl: 'Designated Safeguarding Lead', deputy: 'Deputy DSL' };

export function Signage({ role }: { role: Role }) {
  const { data, error, loading, reload } = useLoad(() => call('signage.get', {}), []);
  return (
    <Page
      title="Signage and safeguarding contacts"
      lead="Posters are made from the phone policy in force now, with the places below and the DSLs. The kiosks show the never-here places and the DSLs on their help screen; badges print them."
    >
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          {data.outOfDateCount > 0 && (
            <Notice tone="warn">
              {data.outOfDateCount === 1 ? 'One poster shows' : `${data.outOfDateCount} posters show`} an older policy or older places or contacts. Make a new poster for{' '}
              {data.outOfDateCount === 1 ? 'it' : 'each'} and replace it (see the register below).
            </Notice>
          )}
          <PosterMaker policy={data.policy} />
          <Register data={data} onChange={reload} />
          {mayCall(role, 'dsls.save') && <DslEditor items={data.dsls} onSaved={reload} />}
          {mayCall(role, 'neverPlaces.save') && (
            <ListEditor
              title="Places where devices are never used"
              word="place"
              items={data.neverPlaces}
              errorKey="neverPlaces"
              nameKey="name"
              onSave={async (rows) => {
                await call('neverPlaces.save', { neverPlaces: rows.map((r) => ({ id: r.id, name: r.name, active: r.active })) });
                reload();
              }}
            />
          )}
          {mayCall(role, 'signage.settings') && <Routes settings={data.settings} onSaved={reload} />}
        </>
      )}
    </Page>
  );
}

const LANGUAGE_OPTIONS = LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_LABELS[l] }));

function PosterMaker({ policy }: { policy: SignageData['policy'] }) {
  const id = useId();
  const [size, setSize] = useState<PosterSize>('A4');
  const [language, setLanguage] = useState<Language>('en');
  const [second, setSecond] = useState<Language | 'none'>('none');
  const [poster, setPoster] = useState<PosterFiles | null>(null);
  const downloads = useDownloads();
  const form = useSubmit();
  useEffect(() => setPoster(null), [size, language, second]);
  const make = () =>
    void form.submit(async () => {
      const files = await call('signage.poster', { size, language, second: language === 'en' && second !== 'none' ? second : null });
      setPoster(files);
      downloads.set([{ blob: base64Blob(files.pdf, 'application/pdf'), fileName: files.fileName, label: 'Download the poster (PDF)' }]);
    });
  return (
    <section className="panel" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Make a poster</h2>
      <p>
        Policy version {policy.version} in force (English text hash {policy.hashPrefix}…). The poster carries this version and hash, so anyone can check it
        against what the kiosk shows.
      </p>
      <FormMessage message={form.message} />
      <div className="form-grid">
        <Select label="Paper size" value={size} options={[{ value: 'A4', label: 'A4' }, { value: 'A3', label: 'A3' }]} onChange={setSize} size="short" />
        <Select label="Language" value={language} options={LANGUAGE_OPTIONS} onChange={setLanguage} size="medium" />
        {language === 'en' && (
          <Select
            label="Second language (bilingual poster)"
            value={second}
            options={[{ value: 'none' as const, label: 'None: English only' }, ...LANGUAGE_OPTIONS.filter((o) => o.value !== 'en')]}
            onChange={setSecond}
            size="medium"
          />
        )}
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={form.busy} onClick={make}>
          {form.busy ? 'Making the poster…' : 'Make poster'}
        </button>
      </div>
      {poster && (
        <div className="poster-result">
          <p role="status">
            Poster of policy version {poster.policyVersion}:{' '}
            {Object.entries(poster.hashPrefixes)
              .map(([l, h]) => `${LANGUAGE_LABELS[l as Language]} ${h}`)
              .join(', ')}
            .
          </p>
          <DownloadLinks files={downloads.files} />
          <img className="poster-preview" src={poster.png} alt={`Preview of the ${size} poster, policy version ${poster.policyVersion}`} />
        </div>
      )}
    </section>
  );
}

function Register({ data, onChange }: { data: SignageData; onChange: () => void }) {
  const id = useId();
  const [place, setPlace] = useState('');
  const [size, setSize] = useState<PosterSize>('A4');
  const [language, setLanguage] = useState<Language>('en');
  const [saved, setSaved] = useState('');
  const form = useSubmit();
  const hang = () =>
    void form
      .submit(async () => {
        await call('signage.hang', { place, size, language, second: null });
        setPlace('');
        onChange();
      }, place.trim() ? {} : { place: 'Say where the poster hangs.' })
      .then((ok) => ok && setSaved('Recorded in the register.'));
  const takeDown = (posterId: string) =>
    void form.submit(async () => {
      await call('signage.takeDown', { id: posterId });
      onChange();
    });
  return (
    <section className="panel" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Signage register</h2>
      <FormMessage message={form.message} />
      <Status message={saved} />
      <DataTable
        caption="Posters up now"
        rowKey={(p) => p.id}
        empty="No posters recorded yet."
        rows={data.posters}
        columns={[
          { label: 'Where', cell: (p) => p.place, primary: true },
          { label: 'Poster', cell: (p) => `${p.size}, ${LANGUAGE_LABELS[p.language]}${p.second ? ` + ${LANGUAGE_LABELS[p.second]}` : ''}` },
          { label: 'Shows', cell: (p) => `v${p.policyVersion} (${p.hashPrefix})` },
          {
            label: 'State',
            cell: (p) =>
              p.outOfDate ? <Tag tone="warn">{p.why === 'policy' ? 'Out of date: new policy version' : 'Out of date: places or contacts changed'}</Tag> : <Tag tone="ok">Up to date</Tag>,
          },
          { label: 'Hung', cell: (p) => `${dateTime(p.hungAt)} by ${p.hungBy}` },
          {
            label: 'Action',
            cell: (p) => (
              <button type="button" className="btn btn-nowrap" onClick={() => takeDown(p.id)} aria-label={`Take down the poster at ${p.place}`}>
                Take down
              </button>
            ),
          },
        ]}
      />
      <h3>Record a poster put up</h3>
      <p className="muted">It is recorded as showing the policy in force now (version {data.policy.version}).</p>
      <div className="form-grid">
        <Field label="Where it hangs" value={place} onChange={(v) => (setPlace(v), setSaved(''))} error={form.errors.place} required maxLength={120} size="medium" />
        <Select label="Paper size" value={size} options={[{ value: 'A4', label: 'A4' }, { value: 'A3', label: 'A3' }]} onChange={setSize} size="short" />
        <Select label="Language" value={language} options={LANGUAGE_OPTIONS} onChange={setLanguage} size="medium" />
      </div>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={form.busy} onClick={hang}>
          Record poster
        </button>
      </div>
    </section>
  );
}

type DslRow = DslEntry & { isNew?: boolean };

function DslEditor({ items, onSaved }: { items: DslEntry[]; onSaved: () => void }) {
  const id = useId();
  const [rows, setRows] = useState<DslRow[]>(items);
  const [saved, setSaved] = useState('');
  const form = useSubmit();
  useEffect(() => setRows(items), [items]);
  const update = (i: number, patch: Partial<DslRow>) => {
    setSaved('');
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const add = () => setRows((rs) => [...rs, { id: slugId(`dsl ${rs.length + 1}`, new Set(rs.map((r) => r.id))), name: '', role: 'deputy', contact: '', active: true, isNew: true }]);
  const save = () =>
    void form
      .submit(async () => {
        await call('dsls.save', { dsls: rows.map(({ isNew: _n, ...r }) => ({ ...r, name: r.name.trim(), contact: r.contact.trim() })) });
        onSaved();
      })
      .then((ok) => ok && setSaved('Saved. Kiosks get the change at their next sync; posters up now are flagged.'));
  return (
    <section className="panel" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Designated safeguarding leads</h2>
      <p className="muted">Shown on the kiosk’s help screen, on posters and at the foot of every badge.</p>
      <FormMessage message={form.message} />
      <Status message={saved} />
      {rows.length === 0 && <p className="empty">None yet.</p>}
      {rows.map((r, i) => (
        <fieldset key={r.id} className={`dsl-row${r.active ? '' : ' inactive'}`}>
          <legend>{r.name || `New contact ${i + 1}`}</legend>
          <div className="form-grid">
            <Field label="Name" value={r.name} onChange={(v) => update(i, { name: v })} error={form.errors[`dsls.${i}.name`]} required maxLength={120} size="medium" />
            <Select label="Role" value={r.role} options={(['dsl', 'deputy'] as const).map((v) => ({ value: v, label: ROLE_LABELS[v] }))} onChange={(v) => update(i, { role: v })} size="medium" />
            <Field label="How to reach them" hint="For example: ext 201, main office" value={r.contact} onChange={(v) => update(i, { contact: v })} error={form.errors[`dsls.${i}.contact`]} required={false} maxLength={120} size="medium" />
          </div>
          <button type="button" className="btn" onClick={() => update(i, { active: !r.active })}>
            {r.active ? 'Remove from the directory' : 'Put back'}
          </button>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="button" className="btn" onClick={add}>
          Add a person
        </button>
        <button type="button" className="btn btn-primary" disabled={form.busy} onClick={save}>
          Save the directory
        </button>
      </div>
    </section>
  );
}

function Routes({ settings, onSaved }: { settings: SignageData['settings']; onSaved: () => void }) {
  const id = useId();
  const [complaints, setComplaints] = useState(settings.complaints);
  const [whistleblowing, setWhistleblowing] = useState(settings.whistleblowing);
  const [saved, setSaved] = useState('');
  const form = useSubmit();
  const save = () =>
    void form
      .submit(async () => {
        await call('signage.settings', { complaints, whistleblowing });
        onSaved();
      })
      .then((ok) => ok && setSaved('Saved. New posters use this wording.'));
  return (
    <section className="panel" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>Complaints and whistleblowing</h2>
      <p className="muted">Leave empty to use the standard wording (translated on each poster). Your own wording is printed as you write it.</p>
      <FormMessage message={form.message} />
      <Status message={saved} />
      <TextArea label="How to make a complaint" value={complaints} onChange={(v) => (setComplaints(v), setSaved(''))} error={form.errors.complaints} maxLength={400} />
      <TextArea label="Whistleblowing route" value={whistleblowing} onChange={(v) => (setWhistleblowing(v), setSaved(''))} error={form.errors.whistleblowing} maxLength={400} />
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={form.busy} onClick={save}>
          Save wording
        </button>
      </div>
    </section>
  );
}
