// Subject access requests (the DSL, the headteacher, administrators): find a person's records by
// name and dates, confirm which records really are them (nothing is done to a record nobody
// ticked), then export them (JSON and PDF), correct their name or organisation, or erase them.
// An erasure is all or nothing: when a record must be kept (an open concern, still on site, an
// exemption in force, a card still in use) the hub says which and why, and nothing is erased.
// Besides visits, exemptions and concerns: the regular-visitor register, expected visits with
// their invitations and pre-visit requests, the restricted list and messages sent to the person
// (concerns and the restricted list reach the DSL and head only: the hub leaves them out for
// others). A section can be withheld from the export, with the exemption relied on.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { SubjectCandidate, SubjectExport, SubjectSearchResult } from '../../../../shared/retention';
import { SAR_SECTION_LABELS, type SarSection, type SarWithhold } from '../../../../shared/subjectAccessRecords';
import { ApiError, call } from '../api';
import { CATEGORY_LABELS, date, EXEMPTION_STATUS_LABELS, time } from '../format';
import { Check, FormDialog, DownloadLinks, Field, FormMessage, Name, Notice, Page, Status, TextArea, base64Blob, useDownloads, useSubmit } from '../ui';
import type { ExemptionStatus } from '../../../../shared/office';
import type { VisitorCategory } from '../../../../shared/domain';

type Kind = 'visit' | 'exemption' | 'breach' | 'regular' | 'expected' | 'restricted' | 'notification';
/** "visit:<id>" — one record a person may be confirmed against. */
type Key = `${Kind}:${string}`;
type Query = { name: string; email: string; from: string; to: string };

/** The export section each kind of record goes in. */
const SECTION: Record<Kind, SarSection> = {
  visit: 'visits',
  exemption: 'exemptions',
  breach: 'breaches',
  regular: 'regulars',
  expected: 'invitations',
  restricted: 'restricted',
  notification: 'notifications',
};
/** The erase/rectify input's field for each kind the hub can change. */
const FIELD = { visit: 'visitIds', exemption: 'exemptionIds', regular: 'regularIds', expected: 'expectedIds', notification: 'notificationIds', breach: 'breachIds', restricted: 'restrictedIds' } as const;

const REFUSAL: Record<string, string> = {
  held: 'Under an open breach or concern: kept until the DSL closes it.',
  onSite: 'Not signed out yet: the fire roll call needs it. Sign them out first (End of day).',
  inForce: 'An approved exemption still in force: revoke it first (Device requests), then erase.',
  cardActive: 'Their card still opens the building: revoke it first (Regular visitors), then erase.',
  safeguardingRecord: 'A safeguarding record: kept for its retention period, never erased on request.',
};

function keysOf(p: SubjectCandidate): Key[] {
  return [
    ...p.visits.map((v) => `visit:${v.visitId}` as Key),
    ...p.exemptions.map((e) => `exemption:${e.id}` as Key),
    ...p.breaches.map((b) => `breach:${b.id}` as Key),
    ...p.regulars.map((r) => `regular:${r.id}` as Key),
    ...p.expected.map((e) => `expected:${e.id}` as Key),
    ...p.restricted.map((r) => `restricted:${r.id}` as Key),
    ...p.notifications.map((n) => `notification:${n.id}` as Key),
  ];
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
    if (kind === 'regular' && p.regulars.some((x) => x.id === id)) return `${p.fullName}: regular-visitor register entry`;
    const e = kind === 'expected' ? p.expected.find((x) => x.id === id) : undefined;
    if (e) return `${p.fullName}: expected on ${date(e.expectedOn)}`;
    if (kind === 'restricted' && p.restricted.some((x) => x.id === id)) return `${p.fullName}: restricted-list entry`;
    const n = kind === 'notification' ? p.notifications.find((x) => x.id === id) : undefined;
    if (n) return `${p.fullName}: message of ${date(n.createdAt)}`;
  }
  return 'A chosen record';
}

export function SubjectAccess() {
  const [q, setQ] = useState<Query>({ name: '', email: '', from: '', to: '' });
  const [withhold, setWithhold] = useState<Partial<Record<SarSection, string>>>({});
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
    const r = await call('subjectAccess.search', {
      ...(query.name.trim() ? { name: query.name } : {}),
      ...(query.email.trim() ? { email: query.email.trim() } : {}),
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    });
    setResult(r);
    setSearched(query);
    setChosen([]);
    setWithhold({});
    setRefused({});
    // Files made for the last search's records are not offered beside another person's.
    downloads.set([]);
    setExported(null);
  };
  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!q.name.trim() && !q.email.trim()) local.name = 'Type the name, or part of it, or their email address below.';
    if (q.from && q.to && q.to < q.from) local.to = 'The end date must not be before the start date.';
    setDone('');
    void search.submit(() => runSearch(q), local);
  };

  const people = result?.people ?? [];
  const ids: Ids = {
    visitIds: idsOf(chosen, 'visit'),
    exemptionIds: idsOf(chosen, 'exemption'),
    breachIds: idsOf(chosen, 'breach'),
    regularIds: idsOf(chosen, 'regular'),
    expectedIds: idsOf(chosen, 'expected'),
    restrictedIds: idsOf(chosen, 'restricted'),
    notificationIds: idsOf(chosen, 'notification'),
  };
  /** Sections the chosen records fall in, in the document's order. */
  const sections = (Object.keys(SAR_SECTION_LABELS) as SarSection[]).filter((sec) => chosen.some((k) => SECTION[k.slice(0, k.indexOf(':')) as Kind] === sec));
  const [withholdError, setWithholdError] = useState('');
  const toggle = (keys: readonly Key[], on: boolean) => setChosen((c) => (on ? [...new Set([...c, ...keys])] : c.filter((k) => !keys.includes(k))));
  const [choiceError, setChoiceError] = useState('');
  /** Every action needs at least one ticked record: say so where the buttons are. */
  const withChoice = (fn: () => void) => () => {
    if (chosen.length === 0) return setChoiceError('Tick at least one record you have confirmed is this person, then choose again.');
    setChoiceError('');
    fn();
  };

  const onExport = withChoice(() => {
    const list: SarWithhold[] = sections.filter((sec) => withhold[sec] !== undefined).map((sec) => ({ section: sec, reason: withhold[sec]!.trim() }));
    if (list.some((w) => !w.reason)) return setWithholdError('Say which exemption each withheld section relies on.');
    setWithholdError('');
    void action.submit(async () => {
      const r = await call('subjectAccess.export', { ...ids, withhold: list });
      const json = JSON.stringify(r.document, null, 2);
      downloads.set([
        { blob: new Blob([json], { type: 'application/json' }), fileName: r.fileName.replace(/\.pdf$/, '.json'), label: 'Download the data (JSON)' },
        { blob: base64Blob(r.pdfBase64, 'application/pdf'), fileName: r.fileName, label: 'Download the letter copy (PDF)' },
      ]);
      setExported(r);
      setDone('Export ready: download both files below and send them to the person securely.');
    });
  });

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
        <Field label="Name" hint="Their full name, or part of it." value={q.name} onChange={(v) => setQ((o) => ({ ...o, name: v }))} error={search.errors.name} required={false} size="medium" />
        <Field
          label="Email address"
          hint="The whole address: finds invitations, pre-visit requests and messages sent to it."
          value={q.email}
          onChange={(v) => setQ((o) => ({ ...o, email: v }))}
          error={search.errors.email}
          required={false}
          size="medium"
        />
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
            {people.length === 0 ? `Nothing found for “${shownQuery(searched)}”` : `${people.length} ${people.length === 1 ? 'name' : 'names'} found for “${shownQuery(searched)}”`}
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
                <FormMessage message={choiceError || withholdError || action.message} />
                {sections.length > 0 && (
                  <fieldset className="group sar-withhold">
                    <legend>Sections to send</legend>
                    <p className="hint">Every section is sent unless you withhold it under an exemption. A withheld section appears in the document as “withheld under” the reason you give, and the reason is kept in the audit log.</p>
                    {sections.map((sec) => (
                      <div key={sec}>
                        <Check
                          label={`Withhold “${SAR_SECTION_LABELS[sec]}”`}
                          checked={withhold[sec] !== undefined}
                          onChange={(on) =>
                            setWithhold((w) => {
                              const next = { ...w };
                              if (on) next[sec] = sec === 'restricted' || sec === 'breaches' ? 'the safeguarding exemption: disclosure would put a child at risk' : '';
                              else delete next[sec];
                              return next;
                            })
                          }
                        />
                        {withhold[sec] !== undefined && (
                          <Field label="Exemption relied on" value={withhold[sec]} onChange={(v) => setWithhold((w) => ({ ...w, [sec]: v }))} required size="full" />
                        )}
                      </div>
                    ))}
                  </fieldset>
                )}
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
                    {exported.document.breaches.length === 1 ? 'breach or concern' : 'breaches or concerns'}, {exported.document.regulars.length} register{' '}
                    {exported.document.regulars.length === 1 ? 'entry' : 'entries'}, {exported.document.invitations.length} expected{' '}
                    {exported.document.invitations.length === 1 ? 'visit' : 'visits'}, {exported.document.restricted.length} restricted-list{' '}
                    {exported.document.restricted.length === 1 ? 'entry' : 'entries'}, {exported.document.notifications.length}{' '}
                    {exported.document.notifications.length === 1 ? 'message' : 'messages'}
                    {exported.document.withheldSections.length > 0 ? `; withheld: ${exported.document.withheldSections.map((w) => SAR_SECTION_LABELS[w.section]).join(', ')}` : ''}. Other people’s names are left out.
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
        {[
          p.visits.length && `${p.visits.length} ${p.visits.length === 1 ? 'visit' : 'visits'}`,
          p.exemptions.length && `${p.exemptions.length} device-use ${p.exemptions.length === 1 ? 'request' : 'requests'}`,
          p.breaches.length && `${p.breaches.length} ${p.breaches.length === 1 ? 'breach or concern' : 'breaches or concerns'}`,
          p.regulars.length && `${p.regulars.length} register ${p.regulars.length === 1 ? 'entry' : 'entries'}`,
          p.expected.length && `${p.expected.length} expected ${p.expected.length === 1 ? 'visit' : 'visits'}`,
          p.restricted.length && `${p.restricted.length} restricted-list ${p.restricted.length === 1 ? 'entry' : 'entries'}`,
          p.notifications.length && `${p.notifications.length} ${p.notifications.length === 1 ? 'message' : 'messages'}`,
        ]
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
                {v.idChecks > 0 ? ' · ID checked' : ''}
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
        {p.regulars.map((r) =>
          row(
            `regular:${r.id}`,
            <>
              Regular-visitor register since {date(r.createdAt)} ({r.status})
              <span className="hint-inline">
                {CATEGORY_LABELS[r.category as VisitorCategory] ?? r.category}
                {r.organisation ? (
                  <>
                    , <bdi dir="auto">{r.organisation}</bdi>
                  </>
                ) : ''}
                {' · checks, agreement, card history and hours'}
              </span>
            </>,
          ),
        )}
        {p.expected.map((e) =>
          row(
            `expected:${e.id}`,
            <>
              Expected on {date(e.expectedOn)}
              <span className="hint-inline">
                {e.invitations} {e.invitations === 1 ? 'invitation' : 'invitations'}, {e.previsitRequests} pre-visit {e.previsitRequests === 1 ? 'request' : 'requests'}
                {e.emails.length ? ` · ${e.emails.join(', ')}` : ''}
              </span>
            </>,
          ),
        )}
        {p.restricted.map((r) =>
          row(
            `restricted:${r.id}`,
            <>
              Restricted-list entry of {date(r.createdAt)}
              {r.removedAt ? ` (removed ${date(r.removedAt)})` : ''}
              <span className="sar-marker" role="note">
                {r.marker}
              </span>
            </>,
          ),
        )}
        {p.notifications.map((n) =>
          row(
            `notification:${n.id}`,
            <>
              Message of {date(n.createdAt)}: {n.kind.replace(/_/g, ' ')}
              <span className="hint-inline">
                to {n.recipient} · {n.status}
              </span>
            </>,
          ),
        )}
      </ul>
    </fieldset>
  );
}

type Ids = { visitIds: string[]; exemptionIds: string[]; breachIds: string[]; regularIds: string[]; expectedIds: string[]; restrictedIds: string[]; notificationIds: string[] };

const shownQuery = (q: Query) => [q.name.trim(), q.email.trim()].filter(Boolean).join(' / ');

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
      // The restricted list is the DSL's to edit there; messages are not corrected.
      const { restrictedIds: _r, notificationIds: _n, ...ids } = props.ids;
      const r = await call('subjectAccess.rectify', {
        ...ids,
        ...(fullName.trim() ? { fullName: fullName.trim() } : {}),
        ...(clearOrg ? { organisation: '' } : organisation.trim() ? { organisation: organisation.trim() } : {}),
        reason,
      });
      props.onDone(
        `Corrected: ${r.visits} ${r.visits === 1 ? 'visit' : 'visits'}, ${r.exemptions} device-use ${r.exemptions === 1 ? 'request' : 'requests'}, ${r.breaches} ${r.breaches === 1 ? 'breach or concern' : 'breaches or concerns'}, ${r.regulars} register ${r.regulars === 1 ? 'entry' : 'entries'}, ${r.expected} expected ${r.expected === 1 ? 'visit' : 'visits'}.`,
      );
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
  const { visitIds, exemptionIds, breachIds, regularIds, expectedIds, restrictedIds, notificationIds } = props.ids;
  const erasable = visitIds.length + exemptionIds.length + regularIds.length + expectedIds.length + notificationIds.length;
  const kept = breachIds.length + restrictedIds.length;
  const submit = () => {
    const local: Record<string, string> = {};
    if (!reason.trim()) local.reason = 'Give the reason.';
    if (word.trim().toUpperCase() !== CONFIRM_WORD) local.word = `Type ${CONFIRM_WORD} to confirm.`;
    if (erasable === 0) local.reason = 'None of the chosen records can be erased: concerns and the restricted list are kept for their retention period.';
    setRefusals([]);
    void form.submit(async () => {
      try {
        const r = await call('subjectAccess.erase', { visitIds, exemptionIds, regularIds, expectedIds, notificationIds, reason });
        props.onRefused({});
        props.onDone(
          `Erased: ${r.visits} ${r.visits === 1 ? 'visit' : 'visits'}, ${r.exemptions} device-use ${r.exemptions === 1 ? 'request' : 'requests'}, ${r.regulars} register ${r.regulars === 1 ? 'entry' : 'entries'}, ${r.expected} expected ${r.expected === 1 ? 'visit' : 'visits'} and ${r.notifications} ${r.notifications === 1 ? 'message' : 'messages'}. Kiosks delete their copies at their next sync.`,
        );
      } catch (e) {
        if (e instanceof ApiError && e.code === 'CONFLICT' && e.fields.length > 0) {
          const list = e.fields.flatMap((f) => {
            const m = /^(\w+)\.(\d+)$/.exec(f.path);
            const kind = m ? (Object.keys(FIELD) as Kind[]).find((k) => FIELD[k] === m[1]) : undefined;
            const id = kind ? props.ids[FIELD[kind]][Number(m![2])] : undefined;
            return kind && id ? [{ key: `${kind}:${id}` as Key, why: REFUSAL[f.message] ?? 'Must be kept for now.' }] : [];
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
      {kept > 0 && (
        <Notice tone="warn">
          {kept} chosen {kept === 1 ? 'record is' : 'records are'} not erased: concerns and restricted-list entries are the school’s safeguarding records and go at the end of their retention
          period. Correct a wrong name instead.
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

