// The DSL's evidence view (issue #15 part B): for a day, a term or a person, who was on site
// with a device, under which approval, approved by whom, with which conditions, what they
// acknowledged (version, text hash, time), where their phone was otherwise, and any concern;
// as CSV or PDF. Below it, the governors' annual review pack (PDF). Every read is audited.
import { useState, type FormEvent } from 'react';
import { CONCERN_KIND_LABELS, type Evidence as EvidenceResult, type EvidenceRow } from '../../../../shared/concerns';
import { call } from '../api';
import { dateTime, isoDay } from '../format';
import { base64Blob, Check, DataTable, DownloadLinks, Field, FormMessage, Name, Page, RadioGroup, Status, useDownloads, useSubmit, type Column } from '../ui';
import { ReviewReminder } from './ConcernParts';

type Scope = 'day' | 'term' | 'person';

const columns: Column<EvidenceRow>[] = [
  { label: 'Visitor', primary: true, cell: (r) => <><Name>{r.fullName}</Name>{r.organisation && <span className="sub"> {r.organisation}</span>}</> },
  { label: 'On site', cell: (r) => <>{dateTime(r.arrivedAt)} – {r.departedAt ? dateTime(r.departedAt) : 'not signed out'}<span className="sub"> {r.kioskName}</span></> },
  {
    label: 'Approval',
    cell: (r) =>
      r.approval ? (
        <>
          {r.approval.devices} in {r.approval.locations.join(', ') || '—'}; approved by {r.approval.approvedBy ?? '—'}
          <span className="sub"> Conditions: {r.approval.conditions}</span>
          {r.approval.revokedAt && <strong className="sub"> Revoked {dateTime(r.approval.revokedAt)} by {r.approval.revokedBy}: {r.approval.revokeReason}</strong>}
        </>
      ) : (
        <span className="muted">None</span>
      ),
  },
  { label: 'Phone', cell: (r) => r.custody },
  {
    label: 'Acknowledged',
    cell: (r) => (r.acknowledgedAt ? <>Version {r.policyVersion} at {dateTime(r.acknowledgedAt)} ({r.language})<span className="sub mono"> {r.policyTextHash?.slice(0, 16)}…</span></> : 'Not recorded'),
  },
  { label: 'Concerns', cell: (r) => (r.concerns.length === 0 ? '—' : r.concerns.map((c) => `${CONCERN_KIND_LABELS[c.kind]} (${c.severity}, ${c.status})`).join('; ')) },
];

export function Evidence() {
  const today = isoDay(new Date());
  const [scope, setScope] = useState<Scope>('term');
  const [f, setF] = useState({ day: today, from: today, to: today, name: '' });
  const [devicesOnly, setDevicesOnly] = useState(true);
  const [result, setResult] = useState<EvidenceResult | null>(null);
  const [done, setDone] = useState('');
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const form = useSubmit();
  const files = useDownloads();
  const query = () =>
    scope === 'day'
      ? { scope, day: f.day, devicesOnly }
      : scope === 'term'
        ? { scope, from: f.from, to: f.to, devicesOnly }
        : { scope, name: f.name, devicesOnly, ...(f.from && f.to ? { from: f.from, to: f.to } : {}) };

  const show = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => {
      files.set([]);
      setResult(await call('evidence.view', query()));
    });
  };
  const exportAs = (kind: 'csv' | 'pdf') =>
    void form.submit(async () => {
      if (kind === 'csv') {
        const r = await call('evidence.csv', query());
        files.set([{ blob: new Blob([r.csv], { type: 'text/csv;charset=utf-8' }), fileName: r.fileName, label: 'Download CSV' }]);
      } else {
        const r = await call('evidence.pdf', query());
        files.set([{ blob: base64Blob(r.pdf, 'application/pdf'), fileName: r.fileName, label: 'Download PDF' }]);
      }
      setDone('File ready to download.');
    });

  return (
    <Page title="Evidence and review pack" lead="Who was on site with a device, under which approval, and what they agreed to. Every look is recorded in the audit log.">
      <Status message={done} />
      <ReviewReminder />
      <form className="form panel" onSubmit={show} noValidate aria-labelledby="ev-title">
        <h2 id="ev-title">Evidence view</h2>
        <FormMessage message={form.message} />
        <RadioGroup
          legend="For"
          value={scope}
          onChange={(s) => {
            setScope(s);
            setDevicesOnly(s === 'term');
          }}
          options={[
            { value: 'day', label: 'A day' },
            { value: 'term', label: 'A term (dates)' },
            { value: 'person', label: 'A person' },
          ]}
        />
        {scope === 'day' && <Field label="Day" type="date" value={f.day} onChange={set('day')} error={form.errors.day} required size="short" />}
        {scope === 'person' && <Field label="Name" hint="As they signed in; case and spacing do not matter." value={f.name} onChange={set('name')} error={form.errors.name} required />}
        {scope !== 'day' && (
          <>
            <Field label="From" type="date" value={f.from} onChange={set('from')} error={form.errors.from} required={scope === 'term'} size="short" />
            <Field label="To" type="date" value={f.to} onChange={set('to')} error={form.errors.to} required={scope === 'term'} size="short" />
          </>
        )}
        <Check label="Only visitors on site with a device under an approval" checked={devicesOnly} onChange={setDevicesOnly} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            Show
          </button>
          <button type="button" className="btn" disabled={form.busy} onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" className="btn" disabled={form.busy} onClick={() => exportAs('pdf')}>
            Export PDF
          </button>
        </div>
        <DownloadLinks files={files.files} />
      </form>
      {result && (
        <>
          <p>
            {result.rows.length} visit(s){result.more ? ': more than can be shown; narrow the dates or export' : ''}.
          </p>
          <DataTable caption="Visits" columns={columns} rows={result.rows} rowKey={(r) => r.visitId} empty="No visits found." />
        </>
      )}
      <ReviewPackForm onReady={() => setDone('Review pack ready to download.')} />
    </Page>
  );
}

function ReviewPackForm({ onReady }: { onReady: () => void }) {
  const now = new Date();
  const year = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  const [from, setFrom] = useState(`${year - 1}-09-01`);
  const [to, setTo] = useState(`${year}-08-31`);
  const form = useSubmit();
  const files = useDownloads();
  const make = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => {
      const r = await call('evidence.reviewPack', { from, to });
      files.set([{ blob: base64Blob(r.pdf, 'application/pdf'), fileName: r.fileName, label: 'Download review pack (PDF)' }]);
      onReady();
    });
  };
  return (
    <form className="form panel" onSubmit={make} noValidate aria-labelledby="pack-title">
      <h2 id="pack-title">Annual review pack for governors</h2>
      <p>Policy versions in force, acknowledgements by language, concerns by policy point and severity, approvals granted and revoked, phones not collected. Figures only.</p>
      <FormMessage message={form.message} />
      <Field label="From" type="date" value={from} onChange={setFrom} error={form.errors.from} required size="short" />
      <Field label="To" type="date" value={to} onChange={setTo} error={form.errors.to} required size="short" />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Make the review pack
        </button>
      </div>
      <DownloadLinks files={files.files} />
    </form>
  );
}
