// Regular visitors (issue #13): people who come often, what staff checked about them and until
// when, their card for quick sign-in at the kiosk, the acceptable-use agreement they acknowledge
// each year, and their hours. Reminders come first: a check that runs out within 30 days.
import { useState, type FormEvent } from 'react';
import { VISITOR_CATEGORIES, type VisitorCategory } from '../../../../shared/domain';
import { ASSURANCE_KINDS, ASSURANCE_LABELS, REGULAR_STATUSES, type AssuranceKind, type IssuedCard, type Regular, type RegularStatus, type RegularsView } from '../../../../shared/regulars';
import { call } from '../api';
import { CATEGORY_LABELS, date, dateTime, isoDay, recurrenceText } from '../format';
import { DataTable, FoldedForm, DownloadLinks, Field, FormMessage, LoadError, Loading, Name, Notice, Page, Select, Status, Tag, TextArea, base64Blob, useDownloads, useLoad, useSubmit } from '../ui';

const STATUS_LABELS: Record<RegularStatus, string> = { active: 'Active', suspended: 'Suspended', left: 'Left' };
const DUE_LABELS = { first: 'Not yet agreed', changed: 'Text changed: asked at next visit', renewal: 'Yearly renewal: asked at next visit' } as const;

export function Regulars() {
  const { data, error, loading, reload } = useLoad(() => Promise.all([call('regulars.list', {}), call('reference.get', {})]), []);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const view = data?.[0];
  const hosts = (data?.[1].hosts ?? []).filter((h) => h.active);
  return (
    <Page
      title="Regular visitors"
      lead="People who come often: volunteers, peripatetic teachers, therapists, governors, contractors on long jobs. Record what was checked (never a certificate number), give them a card for quick sign-in, and see who must renew the acceptable-use agreement."
    >
      <Status message={done} />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {view && (
        <>
          <Reminders view={view} onOpen={setOpen} />
          <AddRegular
            hosts={hosts}
            onDone={(name) => {
              setDone(`${name} added.`);
              reload();
            }}
          />
          <h2>Register</h2>
          <DataTable<Regular>
            caption="Regular visitors"
            rows={view.regulars}
            rowKey={(r) => r.id}
            rowClass={(r) => (r.status === 'active' ? '' : 'row-muted')}
            empty="No regular visitors yet."
            columns={[
              {
                label: 'Name',
                primary: true,
                cell: (r) => (
                  <>
                    <Name>{r.fullName}</Name>
                    <span className="sub" dir="auto">
                      {[r.role, r.organisation].filter(Boolean).join(' · ')}
                    </span>
                  </>
                ),
              },
              { label: 'Category', cell: (r) => CATEGORY_LABELS[r.category] },
              { label: 'Status', cell: (r) => <Tag tone={r.status === 'active' ? 'ok' : 'neutral'}>{STATUS_LABELS[r.status]}</Tag> },
              {
                label: 'Assurance',
                cell: (r) => (r.assuranceValidUntil ? <Tag tone="ok">Valid until {date(r.assuranceValidUntil)}</Tag> : <Tag tone="warn">None valid</Tag>),
              },
              { label: 'Agreement', cell: (r) => (r.agreementDue ? <Tag tone="warn">{DUE_LABELS[r.agreementDue]}</Tag> : <Tag tone="ok">Agreed (v{r.agreement?.version})</Tag>) },
              { label: 'Card', cell: (r) => (r.card ? `…${r.card.hint}` : '—') },
              {
                label: 'Details',
                cell: (r) => (
                  <button type="button" className="btn" aria-expanded={open === r.id} onClick={() => setOpen(open === r.id ? null : r.id)} aria-label={`Details of ${r.fullName}`}>
                    {open === r.id ? 'Close' : 'Open'}
                  </button>
                ),
              },
            ]}
          />
          {open && view.regulars.some((r) => r.id === open) && (
            <Details key={open} regular={view.regulars.find((r) => r.id === open)!} hosts={hosts} today={view.today} onChanged={(msg) => (setDone(msg), reload())} />
          )}
          <Agreement view={view} onDone={(msg) => (setDone(msg), reload())} />
          <Hours />
        </>
      )}
    </Page>
  );
}

function Reminders({ view, onOpen }: { view: RegularsView; onOpen: (id: string) => void }) {
  if (view.expiring.length === 0) return null;
  return (
    <Notice tone="warn">
      <h2>Assurance running out</h2>
      <ul>
        {view.expiring.map((e) => (
          <li key={e.regularId}>
            <button type="button" className="link-button" onClick={() => onOpen(e.regularId)}>
              <Name>{e.fullName}</Name>
            </button>
            : {ASSURANCE_LABELS[e.kind]} {e.daysLeft < 0 ? `ran out on ${date(e.expiresOn)}` : e.daysLeft === 0 ? 'runs out today' : `runs out on ${date(e.expiresOn)} (in ${e.daysLeft} days)`}
          </li>
        ))}
      </ul>
    </Notice>
  );
}

type RegularForm = { fullName: string; organisation: string; role: string; category: VisitorCategory; hostId: string; status: RegularStatus };

function AddRegular({ hosts, onDone }: { hosts: { id: string; name: string }[]; onDone: (name: string) => void }) {
  const blank: RegularForm = { fullName: '', organisation: '', role: '', category: 'volunteer', hostId: hosts[0]?.id ?? '', status: 'active' };
  const [f, setF] = useState(blank);
  const [open, setOpen] = useState(false);
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => void (await call('regulars.save', { ...f, hostId: f.hostId || (hosts[0]?.id ?? '') }))).then((ok) => {
      if (ok) {
        onDone(f.fullName.trim());
        setF(blank);
        setOpen(false);
      }
    });
  };
  return (
    <FoldedForm
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      title="Add a regular visitor"
      headingId="add-regular"
      submitLabel="Add"
      busy={form.busy}
      message={form.message}
      onSubmit={submit}
    >
      <RegularFields f={f} setF={setF} hosts={hosts} errors={form.errors} />
    </FoldedForm>
  );
}

function RegularFields({ f, setF, hosts, errors, withStatus }: { f: RegularForm; setF: (f: RegularForm) => void; hosts: { id: string; name: string }[]; errors: Record<string, string>; withStatus?: boolean }) {
  return (
    <>
      <div className="field-row">
        <Field label="Full name" value={f.fullName} onChange={(v) => setF({ ...f, fullName: v })} error={errors.fullName} required />
        <Field label="Organisation" value={f.organisation} onChange={(v) => setF({ ...f, organisation: v })} error={errors.organisation} required={false} />
        <Field label="Role" hint="As it should show at the kiosk and on the badge, e.g. Reading volunteer." value={f.role} onChange={(v) => setF({ ...f, role: v })} error={errors.role} required />
      </div>
      <div className="field-row">
        <Select label="Category" value={f.category} onChange={(v) => setF({ ...f, category: v })} options={VISITOR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} error={errors.category} />
        <Select label="Usually visiting" value={f.hostId} onChange={(v) => setF({ ...f, hostId: v })} options={hosts.map((h) => ({ value: h.id, label: h.name }))} error={errors.hostId} />
        {withStatus && <Select label="Status" value={f.status} onChange={(v) => setF({ ...f, status: v })} options={REGULAR_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} error={errors.status} />}
      </div>
    </>
  );
}

function Details({ regular: r, hosts, today, onChanged }: { regular: Regular; hosts: { id: string; name: string }[]; today: string; onChanged: (msg: string) => void }) {
  const [f, setF] = useState<RegularForm>({ fullName: r.fullName, organisation: r.organisation, role: r.role, category: r.category, hostId: r.hostId, status: r.status });
  const save = useSubmit();
  const [a, setA] = useState({ kind: 'enhanced_dbs_seen' as AssuranceKind, checkedBy: '', checkedOn: today, expiresOn: '', note: '' });
  const assure = useSubmit();
  const card = useSubmit();
  const [issued, setIssued] = useState<IssuedCard | null>(null);
  const downloads = useDownloads();
  return (
    <section className="panel" aria-labelledby="regular-details">
      <h2 id="regular-details">
        <Name>{r.fullName}</Name>
      </h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save.submit(async () => void (await call('regulars.save', { id: r.id, ...f }))).then((ok) => ok && onChanged('Saved.'));
        }}
      >
        <FormMessage message={save.message} />
        <RegularFields f={f} setF={setF} hosts={hosts} errors={save.errors} withStatus />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={save.busy}>
            Save details
          </button>
        </div>
      </form>

      <h3>Assurance recorded</h3>
      <DataTable
        caption={`Assurance recorded for ${r.fullName}`}
        rows={r.assurances}
        rowKey={(x) => x.id}
        empty="Nothing recorded yet. Until a check is recorded, their card does not sign them in."
        columns={[
          { label: 'What was checked', primary: true, cell: (x) => ASSURANCE_LABELS[x.kind] },
          { label: 'Checked by', cell: (x) => <bdi dir="auto">{x.checkedBy}</bdi> },
          { label: 'On', cell: (x) => date(x.checkedOn) },
          { label: 'Review or expiry', cell: (x) => (x.expiresOn < today ? <Tag tone="warn">{date(x.expiresOn)} (passed)</Tag> : date(x.expiresOn)) },
          { label: 'Note', cell: (x) => x.note || '—' },
          { label: 'Recorded', cell: (x) => `${x.recordedBy}, ${dateTime(x.recordedAt)}` },
        ]}
      />
      <form
        className="form"
        noValidate
        aria-labelledby="add-assurance"
        onSubmit={(e) => {
          e.preventDefault();
          void assure
            .submit(async () => void (await call('regulars.addAssurance', { regularId: r.id, ...a })), a.expiresOn ? {} : { expiresOn: 'Please give the review or expiry date.' })
            .then((ok) => ok && onChanged('Assurance recorded.'));
        }}
      >
        <h4 id="add-assurance">Record a check</h4>
        <p className="hint">Record what you saw, who checked it and when. Never type a DBS certificate number: the register refuses it.</p>
        <FormMessage message={assure.message} />
        <div className="field-row">
          <Select label="What was checked" value={a.kind} onChange={(v) => setA({ ...a, kind: v })} options={ASSURANCE_KINDS.map((k) => ({ value: k, label: ASSURANCE_LABELS[k] }))} error={assure.errors.kind} />
          <Field label="Checked by" value={a.checkedBy} onChange={(v) => setA({ ...a, checkedBy: v })} error={assure.errors.checkedBy} required />
          <Field label="Checked on" type="date" size="short" value={a.checkedOn} onChange={(v) => setA({ ...a, checkedOn: v })} error={assure.errors.checkedOn} required />
          <Field label="Review or expiry date" type="date" size="short" value={a.expiresOn} onChange={(v) => setA({ ...a, expiresOn: v })} error={assure.errors.expiresOn} required />
        </div>
        <TextArea label="Note" value={a.note} onChange={(v) => setA({ ...a, note: v })} error={assure.errors.note} required={false} rows={2} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={assure.busy}>
            Record check
          </button>
        </div>
      </form>

      <h3>Card</h3>
      <FormMessage message={card.message} />
      <p>{r.card ? `Card ending …${r.card.hint}, issued ${dateTime(r.card.issuedAt)} by ${r.card.issuedBy}.` : 'No card.'}</p>
      {issued && (
        <Notice tone="ok">
          <p>
            New card code: <strong className="card-code">{issued.grouped}</strong>. It is shown only now: print the card before you leave this page. Any earlier card stops working when each kiosk next syncs.
          </p>
          <DownloadLinks files={downloads.files} />
        </Notice>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          disabled={card.busy || r.status !== 'active'}
          onClick={() =>
            void card
              .submit(async () => {
                const res = await call('regulars.issueCard', { id: r.id });
                setIssued(res.card);
                const slug = r.fullName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
                downloads.set([
                  { blob: base64Blob(res.card.pdf, 'application/pdf'), fileName: `card-${slug}.pdf`, label: 'Card (PDF)' },
                  { blob: base64Blob(res.card.png, 'image/png'), fileName: `card-${slug}.png`, label: 'Card for the badge printer (PNG)' },
                ]);
              })
              .then((ok) => ok && onChanged(r.card ? 'New card issued; the old one will stop working.' : 'Card issued.'))
          }
        >
          {r.card ? 'Issue a new card' : 'Issue a card'}
        </button>
        {r.card && (
          <button type="button" className="btn btn-danger-outline" disabled={card.busy} onClick={() => void card.submit(async () => void (await call('regulars.revokeCard', { id: r.id }))).then((ok) => ok && onChanged('Card revoked.'))}>
            Revoke card
          </button>
        )}
      </div>
      <Approvals regular={r} />
      {r.agreement && (
        <p className="sub">
          Acceptable-use agreement v{r.agreement.version} acknowledged {dateTime(r.agreement.at)} ({r.agreement.language}){r.agreement.kioskId ? ` at kiosk ${r.agreement.kioskId}` : ''}.
        </p>
      )}
    </section>
  );
}

/** Device-use approvals the head made for this person (same name and organisation), recurring
 *  ones first: what they may use, where, on which days. Decided on the Device requests page. */
function Approvals({ regular: r }: { regular: Regular }) {
  const { data } = useLoad(() => call('exemptions.list', { status: 'approved' }), []);
  const key = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  const mine = (data?.exemptions ?? [])
    .filter((e) => key(e.fullName) === key(r.fullName) && key(e.organisation) === key(r.organisation))
    .sort((a, b) => Number(b.recurrence.kind === 'weekly') - Number(a.recurrence.kind === 'weekly'));
  return (
    <>
      <h3>Device-use approvals</h3>
      {mine.length === 0 ? (
        <p>None for this name and organisation.</p>
      ) : (
        <ul>
          {mine.map((e) => (
            <li key={e.id}>
              {e.devices} in {e.locations.join(', ')}, {date(e.validFrom)} to {date(e.validTo)}
              {e.recurrence.kind === 'weekly' ? ` (${recurrenceText(e.recurrence)})` : ''}
              {e.dailyFrom && e.dailyTo ? `, ${e.dailyFrom}–${e.dailyTo}` : ''}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Agreement({ view, onDone }: { view: RegularsView; onDone: (msg: string) => void }) {
  const en = view.agreement.texts.en ?? { title: '', points: [] };
  const [title, setTitle] = useState(en.title);
  const [points, setPoints] = useState(en.points.join('\n'));
  const [renewal, setRenewal] = useState(view.agreement.renewalDay);
  const form = useSubmit();
  const languages = Object.keys(view.agreement.texts).sort().join(', ');
  return (
    <form
      className="form panel"
      noValidate
      aria-labelledby="agreement-head"
      onSubmit={(e) => {
        e.preventDefault();
        const changed = title !== en.title || points !== en.points.join('\n');
        void form
          .submit(async () => {
            await call('agreement.publish', {
              texts: changed ? { en: { title, points: points.split('\n').map((p) => p.trim()).filter(Boolean) } } : view.agreement.texts,
              renewalDay: renewal,
            });
          })
          .then((ok) => ok && onDone(changed ? 'New agreement version published: regulars will be asked at their next visit.' : 'Saved.'));
      }}
    >
      <h2 id="agreement-head">Acceptable-use agreement</h2>
      <p>
        Version {view.agreement.version}, published {dateTime(view.agreement.publishedAt)}, in: {languages}. Regulars acknowledge it at the kiosk, again when the text changes and each year on the renewal day.
      </p>
      <FormMessage message={form.message} />
      <Field label="Title (English)" value={title} onChange={setTitle} error={form.errors['texts.en.title']} required />
      <TextArea label="Points (English), one per line" value={points} onChange={setPoints} error={form.errors['texts.en.points']} required rows={7} />
      <p className="hint">Changing the English text makes a new version in English only, until translations are added.</p>
      <Field label="Yearly renewal day (MM-DD)" hint="The start of the academic year is 09-01." value={renewal} onChange={setRenewal} error={form.errors.renewalDay} required size="short" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Publish
        </button>
      </div>
    </form>
  );
}

function Hours() {
  const month = isoDay(new Date()).slice(0, 7);
  const [from, setFrom] = useState(month);
  const [to, setTo] = useState(month);
  const [volunteersOnly, setVolunteersOnly] = useState(true);
  const form = useSubmit();
  const downloads = useDownloads();
  return (
    <form
      className="form panel"
      noValidate
      aria-labelledby="hours-head"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit(async () => {
          const r = await call('regulars.hoursCsv', { fromMonth: from, toMonth: to, volunteersOnly });
          downloads.set([{ blob: new Blob([r.csv], { type: 'text/csv' }), fileName: r.fileName, label: `Download hours (${r.rows} rows)` }]);
        });
      }}
    >
      <h2 id="hours-head">Hours per person and month</h2>
      <p>From card sign-ins: arrival to sign-out. A visit not signed out is counted separately, not guessed.</p>
      <FormMessage message={form.message} />
      <div className="field-row">
        <Field label="From month (YYYY-MM)" value={from} onChange={setFrom} error={form.errors.fromMonth} required size="short" />
        <Field label="To month (YYYY-MM)" value={to} onChange={setTo} error={form.errors.toMonth} required size="short" />
        <Select label="Who" value={volunteersOnly ? 'v' : 'all'} onChange={(v) => setVolunteersOnly(v === 'v')} options={[{ value: 'v', label: 'Volunteers' }, { value: 'all', label: 'All regular visitors' }]} />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Make CSV
        </button>
      </div>
      <DownloadLinks files={downloads.files} />
    </form>
  );
}
