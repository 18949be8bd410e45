// Subject access requests (the DSL, the headteacher, administrators): find a person's records by
// name and dates, confirm which records really are them (nothing is done to a record nobody
// ticked), then export them (JSON and PDF), correct their name or organisation, or erase them.
// An erasure is all or nothing: when a record must be kept (an open concern, still on site, an
// exemption in force) the hub says which and why, and nothing is erased.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { SubjectCandidate, SubjectExport, SubjectSearchResult } from '../../../../shared/retention';
import { ApiError, call } from '../api';
import { CATEGORY_LABELS, date, EXEMPTION_STATUS_LABELS, time } from '../format';
import { Check, FormDialog, DownloadLinks, Field, FormMessage, Name, Notice, Page, Status, TextArea, base64Blob, useDownloads, useSubmit } from '../ui';
import type { ExemptionStatus } from '../../../../shared/office';
import type { VisitorCategory } from '../../../../shared/domain';

type Kind = 'visit' | 'exemption' | 'breach';
/** "visit:<id>" — one record a person may be confirmed against. */
type Key = `${Kind}:${string}`;
type Query = { name: string; from: string; to: string };

const REFUSAL: Record<string, string> = {
  held: 'Under an open breach or concern: kept until the DSL closes it.',
  onSite: 'Not signed out yet: the fire roll call needs it. Sign them out first (End of day).',
  inForce: 'An approved exemption still in force: revoke it first (Device requests), then erase.',
};

function keysOf(p: SubjectCandidate): Key[] {
  return [...p.visits.map((v) => `visit:${v.visitId}` as Key), ...p.exemptions.map((e) => `exemption:${e.id}` as Key), ...p.breaches.map((b) => `breach:${b.id}` as Key)];
}

function idsOf(keys: readonly Key[], kind: Kind): string[] {
  return [...new Set(keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1)))];
}

/** Plain words for one record, as in the list (used in refusals too). */
function describe(people: readonly SubjectCandidate[], key: Key): string {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  for (const p of people) {
    if (kind === 'visit') {
      const v = p.visits.find((x) => x.visitId === id);
      if (v) return `${p.fullName}: visit on ${date(v.localDay)} at ${v.kioskName}`;
    }
    if (kind === 'exemption') {
      const e = p.exemptions.find((x) => x.id === id);
      if (e) return `${p.fullName}: device-use request of ${date(e.createdAt)}`;
    }
    if (kind === 'breach') {
      const b = p.breaches.find((x) => x.id === id);
      if (b) return `${p.fullName}: breach or concern of ${date(b.loggedAt)}`;
    }
  }
  return 'A chosen record';
}

export function SubjectAccess() {
  const [q, setQ] = useState<Query>({ name: '', from: '', to: '' });
  const [result, setResult] = useState<SubjectSearchResult | null>(null);
  const [searched, setSearched] = useState<Query | null>(null);
  const [chosen, setChosen] = useState<Key[]>([]);
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [dialog, setDialog] = useState<'rectify' | 'erase' | null>(null);
  const [done, setDone] = useState('');
  const [exported, setExported] = useState<SubjectExport | null>(null);
  const downloads = useDownloads();
  const search = useSubmit();
  const action = useSubmit();

  const runSearch = async (query: Query) => {
    const r = await call('subjectAccess.search', { name: query.name, ...(query.from ? { from: query.from } : {}), ...(query.to ? { to: query.to } : {}) });
    setResult(r);
    setSearched(query);
    setChosen([]);
    setRefused({});
    // Files made for the last search's records are not offered beside another person's.
    downloads.set([]);
    setExported(null);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!q.name.trim()) local.name = 'Type the name, or part of it.';
    if (q.from && q.to && q.to < q.from) local.to = 'The end date must not be before the start date.';
    setDone('');
    void search.submit(() => runSearch(q), local);
  };

  const people = result?.people ?? [];
  const ids = { visitIds: idsOf(chosen, 'visit'), exemptionIds: idsOf(chosen, 'exemption'), breachIds: idsOf(chosen, 'breach') };
  const toggle = (keys: readonly Key[], on: boolean) => setChosen((c) => (on ? [...new Set([...c, ...keys])] : c.filter((k) => !keys.includes(k))));
  const [choiceError, setChoiceError] = useState('');
  /** Every action needs at least one ticked record: say so where the buttons are. */
  const withChoice = (fn: () => void) => () => {
    if (chosen.length === 0) return setChoiceError('Tick at least one record you have confirmed is this person, then choose again.');
    setChoiceError('');
    fn();
  };

  const onExport = withChoice(
    () =>
      void action.submit(async () => {
      const r = await call('subjectAccess.export', ids);
      const json = JSON.stringify(r.document, null, 2);
      downloads.set([
        { blob: new Blob([json], { type: 'application/json' }), fileName: r.fileName.replace(/\.pdf$/, '.json'), label: 'Download the data (JSON)' },
        { blob: base64Blob(r.pdfBase64, 'application/pdf'), fileName: r.fileName, label: 'Download the letter copy (PDF)' },
      ]);
      setExported(r);
      setDone('Export ready: download both files below and send them to the person securely.');
      }),
  );

  const afterChange = async (message: string) => {
    setDialog(null);
    downloads.set([]);
    setExported(null);
    setDone(message);
    if (searched) {
      try {
        await runSearch(searched);
      } catch {
        // The change is done; the list is refreshed on the next search.
      }
    }
  };

  return (
    <Page
      title="Subject access"
      lead="When someone asks for the records held about them, or for them to be corrected or erased. Search, then tick only the records you have confirmed are this person."
    >
      <form className="form filter-form panel" onSubmit={onSearch} noValidate aria-label="Find a person’s records">
        <FormMessage message={search.message} />
        <Field label="Name" hint="Their full name, or part of it." value={q.name} onChange={(v) => setQ((o) => ({ ...o, name: v }))} error={search.errors.name} required size="medium" />
        <Field label="From" type="date" value={q.from} onChange={(v) => setQ((o) => ({ ...o, from: v }))} error={search.errors.from} required={false} />
        <Field label="To" type="date" value={q.to} onChange={(v) => setQ((o) => ({ ...o, to: v }))} error={search.errors.to} required={false} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={search.busy}>
            Search
          </button>
        </div>
      </form>

      <Status message={done} />

      {result && searched && (
        <section aria-labelledby="found-title">
          <h2 id="found-title">
            {people.length === 0 ? `Nothing found for “${searched.name}”` : `${people.length} ${people.length === 1 ? 'name' : 'names'} found for “${searched.name}”`}
          </h2>
          {result.more && <Notice tone="warn">There are more records than shown. Narrow the search with dates.</Notice>}
          {people.length > 0 && (
            <>
              <p className="hint">Records are grouped by the name as written. Check the dates, places and organisations with what the person told you before you tick.</p>
              <div className="sar-people">
                {people.map((p, i) => (
                  <Person key={`${p.fullName}-${i}`} p={p} chosen={chosen} refused={refused} onToggle={(k, on) => {
                      setChoiceError('');
                      // An export is of the records ticked when it was made: a new choice needs a new export.
                      if (exported) {
                        downloads.set([]);
                        setExported(null);
                      }
                      toggle(k, on);
                    }} />
                ))}
              </div>
              <section className="sar-actions panel" aria-labelledby="actions-title">
                <h2 id="actions-title">
                  {chosen.length} {chosen.length === 1 ? 'record' : 'records'} chosen
                </h2>
                <FormMessage message={choiceError || action.message} />
                <div className="form-actions">
                  <button type="button" className="btn btn-primary" disabled={action.busy} onClick={onExport}>
                    Export
                  </button>
                  <button
                    type="button"
                    className="btn"
                    disabled={action.busy}
                    onClick={withChoice(() => setDialog('rectify'))}
                  >
                    Correct name or organisation…
                  </button>
                  <button
                    type="button"
                    className="btn btn-danger-outline"
                    disabled={action.busy}
                    onClick={withChoice(() => setDialog('erase'))}
                  >
                    Erase…
                  </button>
                </div>
                {exported && (
                  <p>
                    {exported.document.visits.length} {exported.document.visits.length === 1 ? 'visit' : 'visits'}, {exported.document.exemptions.length} device-use{' '}
                    {exported.document.exemptions.length === 1 ? 'request' : 'requests'}, {exported.document.breaches.length}{' '}
                    {exported.document.breaches.length === 1 ? 'breach or concern' : 'breaches or concerns'}. Other people’s names are left out.
                  </p>
                )}
                <DownloadLinks files={downloads.files} />
              </section>
            </>
          )}
        </section>
      )}

      {dialog === 'rectify' && (
        <RectifyDialog ids={ids} count={chosen.length} onCancel={() => setDialog(null)} onDone={(m) => void afterChange(m)} />
      )}
      {dialog === 'erase' && (
        <EraseDialog
          ids={ids}
          describe={(k) => describe(people, k)}
          onCancel={() => setDialog(null)}
          onRefused={(r) => setRefused(r)}
          onDone={(m) => void afterChange(m)}
        />
      )}
    </Page>
  );
}

function Person(props: { p: SubjectCandidate; chosen: readonly Key[]; refused: Record<string, string>; onToggle: (keys: readonly Key[], on: boolean) => void }) {
  const { p, chosen, refused } = props;
  const keys = keysOf(p);
  const all = keys.every((k) => chosen.includes(k));
  const errId = useId();
  const row = (key: Key, label: ReactNode) => (
    <li key={key} className={refused[key] ? 'sar-refused' : undefined}>
      <Check label={label} checked={chosen.includes(key)} onChange={(on) => props.onToggle([key], on)} describedBy={refused[key] ? `${errId}-${key}` : undefined} />
      {refused[key] && (
        <p id={`${errId}-${key}`} className="field-error">
          Must be kept: {refused[key]}
        </p>
      )}
    </li>
  );
  return (
    <fieldset className="group sar-person">
      <legend>
        <Name>{p.fullName}</Name>
      </legend>
      <p className="sub">
        {[p.visits.length && `${p.visits.length} ${p.visits.length === 1 ? 'visit' : 'visits'}`, p.exemptions.length && `${p.exemptions.length} device-use ${p.exemptions.length === 1 ? 'request' : 'requests'}`, p.breaches.length && `${p.breaches.length} ${p.breaches.length === 1 ? 'breach or concern' : 'breaches or concerns'}`]
          .filter(Boolean)
          .join(', ')}
      </p>
      {keys.length > 1 && <Check label={`All ${keys.length} records under this name`} checked={all} onChange={(on) => props.onToggle(keys, on)} />}
      <ul className="sar-records">
        {p.visits.map((v) =>
          row(
            `visit:${v.visitId}`,
            <>
              Visit on {date(v.localDay)}, arrived {time(v.arrivedAt)} at {v.kioskName}
              <span className="hint-inline">
                {CATEGORY_LABELS[v.category as VisitorCategory] ?? v.category}
                {v.organisation ? (
                  <>
                    , <bdi dir="auto">{v.organisation}</bdi>
                  </>
                ) : ''}
              </span>
            </>,
          ),
        )}
        {p.exemptions.map((e) =>
          row(
            `exemption:${e.id}`,
            <>
              Device-use request of {date(e.createdAt)}: {EXEMPTION_STATUS_LABELS[e.status as ExemptionStatus] ?? e.status}
              <span className="hint-inline">
                <bdi dir="auto">{e.organisation}</bdi>
                {e.validFrom ? ` · valid ${date(e.validFrom)}${e.validTo && e.validTo !== e.validFrom ? ` to ${date(e.validTo)}` : ''}` : ''}
              </span>
            </>,
          ),
        )}
        {p.breaches.map((b) =>
          row(
            `breach:${b.id}`,
            <>
              Breach or concern of {date(b.loggedAt)} ({b.status === 'open' ? 'open' : 'closed'})
              <span className="hint-inline">{b.location}</span>
            </>,
          ),
        )}
      </ul>
    </fieldset>
  );
}

type Ids = { visitIds: string[]; exemptionIds: string[]; breachIds: string[] };

function RectifyDialog(props: { ids: Ids; count: number; onCancel: () => void; onDone: (message: string) => void }) {
  const [fullName, setFullName] = useState('');
  const [organisation, setOrganisation] = useState('');
  const [clearOrg, setClearOrg] = useState(false);
  const [reason, setReason] = useState('');
  const form = useSubmit();
  const submit = () => {
    const local: Record<string, string> = {};
    if (!fullName.trim() && !organisation.trim() && !clearOrg) local.fullName = 'Type the corrected name, or the corrected organisation below.';
    if (!reason.trim()) local.reason = 'Give the reason.';
    void form.submit(async () => {
      const r = await call('subjectAccess.rectify', {
        ...props.ids,
        ...(fullName.trim() ? { fullName: fullName.trim() } : {}),
        ...(clearOrg ? { organisation: '' } : organisation.trim() ? { organisation: organisation.trim() } : {}),
        reason,
      });
      props.onDone(`Corrected: ${r.visits} ${r.visits === 1 ? 'visit' : 'visits'}, ${r.exemptions} device-use ${r.exemptions === 1 ? 'request' : 'requests'}, ${r.breaches} ${r.breaches === 1 ? 'breach or concern' : 'breaches or concerns'}.`);
    }, local);
  };
  return (
    <FormDialog title="Correct name or organisation" onCancel={props.onCancel} onSubmit={submit} submitLabel={<>Correct {props.count} {props.count === 1 ? 'record' : 'records'}</>} busy={form.busy}>
      <p>The change applies to the {props.count} chosen {props.count === 1 ? 'record' : 'records'} only. Leave a field empty to keep it as it is.</p>
      <FormMessage message={form.message} />
      <Field label="Corrected full name" value={fullName} onChange={setFullName} error={form.errors.fullName} required={false} />
      <Field label="Corrected organisation" value={organisation} onChange={setOrganisation} error={form.errors.organisation} required={false} />
      <Check label="Remove the organisation (given by mistake)" checked={clearOrg} onChange={setClearOrg} />
      <TextArea
        label="Reason"
        hint="Describe the request, e.g. “SAR 2026-14: surname misspelt”. It is kept in the audit log for good: do not write the person’s details."
        value={reason}
        onChange={setReason}
        error={form.errors.reason}
        required
      />
    </FormDialog>
  );
}

const CONFIRM_WORD = 'ERASE';

function EraseDialog(props: { ids: Ids; describe: (k: Key) => string; onCancel: () => void; onRefused: (r: Record<string, string>) => void; onDone: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const [word, setWord] = useState('');
  const [refusals, setRefusals] = useState<{ key: Key; why: string }[]>([]);
  const form = useSubmit();
  const { visitIds, exemptionIds, breachIds } = props.ids;
  const erasable = visitIds.length + exemptionIds.length;
  const submit = () => {
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = 'Give the reason.';
    if (word.trim().toUpperCase() !== CONFIRM_WORD) local.word = `Type ${CONFIRM_WORD} to confirm.`;
    if (erasable === 0) local.reason = 'None of the chosen records can be erased: breaches and concerns are kept for their retention period.';
    setRefusals([]);
    void form.submit(async () => {
      try {
        const r = await call('subjectAccess.erase', { visitIds, exemptionIds, reason });
        props.onRefused({});
        props.onDone(`Erased: ${r.visits} ${r.visits === 1 ? 'visit' : 'visits'} and ${r.exemptions} device-use ${r.exemptions === 1 ? 'request' : 'requests'}. Kiosks delete their copies at their next sync.`);
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CONFLICT' && e.fields.length > 0) {
          const list = e.fields.flatMap((f) => {
            const m = /^(visitIds|exemptionIds)\.(\d+)$/.exec(f.path);
            const id = m ? (m[1] === 'visitIds' ? visitIds : exemptionIds)[Number(m[2])] : undefined;
            return id ? [{ key: `${m![1] === 'visitIds' ? 'visit' : 'exemption'}:${id}` as Key, why: REFUSAL[f.message] ?? 'Must be kept for now.' }] : [];
          });
          setRefusals(list);
          props.onRefused(Object.fromEntries(list.map((r) => [r.key, r.why])));
          throw new ApiError('CONFLICT', 'Nothing was erased: the records listed below must be kept for now.');
        }
        throw e;
      }
    }, local);
  };
  return (
    <FormDialog title="Erase these records?" role="alertdialog" onCancel={props.onCancel} onSubmit={submit} submitLabel="Erase for good" busy={form.busy} danger>
      <p>
        <strong>
          {erasable} {erasable === 1 ? 'record is' : 'records are'} deleted from the office and every kiosk. This cannot be undone.
        </strong>{' '}
        If any of them must be kept, nothing is erased and you are told which and why.
      </p>
      {breachIds.length > 0 && (
        <Notice tone="warn">
          {breachIds.length} chosen {breachIds.length === 1 ? 'breach or concern is' : 'breaches or concerns are'} not erased: they are the school’s safeguarding record and go at the end of their
          retention period. Correct a wrong name instead.
        </Notice>
      )}
      <FormMessage message={form.message} />
      {refusals.length > 0 && (
        <div className="notice notice-danger">
          <p className="notice-title">These records must be kept for now:</p>
          <ul>
            {refusals.map((r) => (
              <li key={r.key}>
                {props.describe(r.key)} — {r.why}
              </li>
            ))}
          </ul>
        </div>
      )}
      <TextArea
        label="Reason"
        hint="Describe the request, e.g. “Erasure request 2026-03, by email”. It is kept in the audit log for good: do not write the person’s details."
        value={reason}
        onChange={setReason}
        error={form.errors.reason}
        required
      />
      <Field label={`Type ${CONFIRM_WORD} to confirm`} value={word} onChange={setWord} error={form.errors.word} required size="short" />
    </FormDialog>
  );
}

