// Expected visitors (pre-registration): who is coming, when, to see whom. The kiosks fetch the
// list so an expected visitor's details are ready; a cancelled one stays listed, struck out.
import { useState, type FormEvent } from 'react';
import { VISITOR_CATEGORIES, type VisitorCategory } from '../../../../shared/domain';
import type { ExpectedVisitor } from '../../../../shared/office';
import { call } from '../api';
import { CATEGORY_LABELS, date, isoDay, time } from '../format';
import { ExpectedInvite } from './ExpectedInvite';
import { RULES_CHANGED_SINCE_LETTER, RulesChangedLetters } from './ExpectedRulesChanged';
import { ConfirmDialog, DataTable, Field, FormMessage, LoadError, Loading, Name, Page, Select, Status, Tag, TextArea, useLoad, useSubmit } from '../ui';

export function Expected() {
  const { data, error, loading, reload } = useLoad(() => call('reference.get', {}), []);
  const outdated = useLoad(() => call('invitations.outdatedLetters', {}), []);
  const letterOutdated = new Set((outdated.data?.letters ?? []).map((l) => l.expectedId));
  const [showPast, setShowPast] = useState(false);
  const [cancelling, setCancelling] = useState<ExpectedVisitor | null>(null);
  const [inviting, setInviting] = useState<ExpectedVisitor | null>(null);
  const [done, setDone] = useState('');
  const today = isoDay(new Date());
  const hosts = data?.hosts ?? [];
  const hostName = (id: string) => hosts.find((h) => h.id === id)?.name ?? id;
  const rows = (data?.expected ?? []).filter((e) => showPast || e.expectedOn >= today).sort((a, b) => a.expectedOn.localeCompare(b.expectedOn) || a.fullName.localeCompare(b.fullName));
  return (
    <Page title="Expected visitors" lead="Visitors you are expecting. On the day, they find themselves at the kiosk by typing a few letters of their name (shown masked) and their details are filled in; notes stay in this office.">
      <Status message={done} />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <AddForm
            hosts={hosts.filter((h) => h.active)}
            onDone={(name) => {
              setDone(`${name} added.`);
              reload();
            }}
          />
          <RulesChangedLetters letters={outdated.data?.letters ?? []} expected={data.expected ?? []} onReprinted={outdated.reload} />
          <h2>Coming</h2>
          <div className="filter-bar" role="group" aria-label="Show">
            <button type="button" className="btn btn-filter" aria-pressed={!showPast} onClick={() => setShowPast(false)}>
              From today
            </button>
            <button type="button" className="btn btn-filter" aria-pressed={showPast} onClick={() => setShowPast(true)}>
              Include past days
            </button>
          </div>
          <DataTable<ExpectedVisitor>
            caption="Expected visitors"
            rows={rows}
            rowKey={(e) => e.id}
            rowClass={(e) => (e.cancelled ? 'row-muted' : '')}
            empty="Nobody is expected."
            columns={[
              {
                label: 'Name',
                primary: true,
                cell: (e) => (
                  <>
                    <Name>{e.fullName}</Name>
                    {e.organisation && <span className="sub" dir="auto">{e.organisation}</span>}
                  </>
                ),
              },
              { label: 'Date', cell: (e) => (e.expectedOn === today ? `Today (${date(e.expectedOn)})` : date(e.expectedOn)) },
              { label: 'Category', cell: (e) => CATEGORY_LABELS[e.category] },
              { label: 'Visiting', cell: (e) => <bdi dir="auto">{hostName(e.hostId)}</bdi> },
              { label: 'Note', cell: (e) => e.note || '—' },
              {
                label: 'Status',
                cell: (e) =>
                  e.cancelled ? (
                    <Tag tone="neutral">Cancelled</Tag>
                  ) : e.arrivedAt ? (
                    <Tag tone="ok">Arrived {time(e.arrivedAt)}</Tag>
                  ) : (
                    <>
                      {letterOutdated.has(e.id) && (
                        <>
                          <Tag tone="warn">{RULES_CHANGED_SINCE_LETTER}</Tag>{' '}
                        </>
                      )}
                      <button type="button" className="btn" onClick={() => setInviting(e)} aria-label={`Invite ${e.fullName} (before the visit)`}>
                        Invite…
                      </button>{' '}
                      <button type="button" className="btn btn-danger-outline" onClick={() => setCancelling(e)} aria-label={`Cancel visit of ${e.fullName} on ${date(e.expectedOn)}`}>
                        Cancel visit…
                      </button>
                    </>
                  ),
              },
            ]}
          />
          {inviting && (
            <ExpectedInvite
              key={inviting.id}
              expected={inviting}
              places={(data.locations ?? []).filter((l) => l.active)}
              onClose={() => {
                setInviting(null);
                outdated.reload(); // a letter made there may have brought someone up to date
              }}
            />
          )}
        </>
      )}
      {cancelling && (
        <ConfirmDialog
          title="Cancel this expected visit?"
          text={
            <p>
              <Name>{cancelling.fullName}</Name>, {date(cancelling.expectedOn)}.
            </p>
          }
          confirmLabel="Cancel the visit"
          danger
          onCancel={() => setCancelling(null)}
          onConfirm={async () => {
            const { cancelled: _c, ...rest } = cancelling;
            await call('expected.save', { ...rest, cancelled: true });
            setCancelling(null);
            setDone('Visit cancelled.');
            reload();
          }}
        />
      )}
    </Page>
  );
}

function AddForm({ hosts, onDone }: { hosts: { id: string; name: string }[]; onDone: (name: string) => void }) {
  const blank = { fullName: '', organisation: '', category: 'visitor' as VisitorCategory, hostId: hosts[0]?.id ?? '', expectedOn: isoDay(new Date()), note: '' };
  const [f, setF] = useState(blank);
  const [open, setOpen] = useState(false);
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form
      .submit(async () => {
        await call('expected.save', { ...f, hostId: f.hostId || (hosts[0]?.id ?? '') });
      }, hosts.length === 0 ? { hostId: 'Add hosts first (Lockers, places, hosts).' } : {})
      .then((ok) => {
        if (ok) {
          onDone(f.fullName.trim());
          setF(blank);
          setOpen(false);
        }
      });
  };
  if (!open)
    return (
      <p>
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
          Add an expected visitor
        </button>
      </p>
    );
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="add-expected">
      <h2 id="add-expected">Add an expected visitor</h2>
      <FormMessage message={form.message} />
      <div className="field-row">
        <Field label="Full name" value={f.fullName} onChange={(v) => setF({ ...f, fullName: v })} error={form.errors.fullName} required />
        <Field label="Organisation" value={f.organisation} onChange={(v) => setF({ ...f, organisation: v })} error={form.errors.organisation} required={false} />
      </div>
      <div className="field-row">
        <Select
          label="Category"
          value={f.category}
          onChange={(v) => setF({ ...f, category: v })}
          options={VISITOR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))}
          error={form.errors.category}
        />
        <Select label="Visiting" value={f.hostId} onChange={(v) => setF({ ...f, hostId: v })} options={hosts.map((h) => ({ value: h.id, label: h.name }))} error={form.errors.hostId} />
        <Field label="Date" type="date" value={f.expectedOn} onChange={(v) => setF({ ...f, expectedOn: v })} error={form.errors.expectedOn} required size="short" />
      </div>
      <TextArea label="Note for reception" value={f.note} onChange={(v) => setF({ ...f, note: v })} error={form.errors.note} required={false} rows={2} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Add visitor
        </button>
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
