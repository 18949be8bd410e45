// Breaches of the phone rule and other concerns: anyone logs one (who, where, what, what was
// done, optionally linked to a visit on site); the DSL sees new ones marked, and the DSL or
// headteacher closes them with an outcome and the lessons learnt. Each concern has a kind,
// severity and policy point; the DSL records referrals and can bring the policy review forward
// or start a new policy draft from it (ConcernParts.tsx).
import { useState, type FormEvent } from 'react';
import { mayCall, type Breach, type Role } from '../../../../shared/office';
import type { ConcernKind, PolicyPointKey, Severity } from '../../../../shared/concerns';
import { call } from '../api';
import { dateTime } from '../format';
import { Field, FormMessage, LoadError, Loading, Name, Page, Select, Status, Tag, TextArea, useLoad, useSubmit } from '../ui';
import { ClassifyDialog, ClassifyFields, CloseDialog, ConcernSummary, ReferDialog, ReferralRoute, ReviewForwardDialog, ReviewReminder, SeverityTag } from './ConcernParts';

type Filter = 'open' | 'closed' | 'all';

export function Breaches({ role }: { role: Role }) {
  const [filter, setFilter] = useState<Filter>('open');
  const [logging, setLogging] = useState(false);
  const [closing, setClosing] = useState<Breach | null>(null);
  const [acting, setActing] = useState<{ what: 'classify' | 'refer' | 'review'; b: Breach } | null>(null);
  const [done, setDone] = useState('');
  const { data, error, loading, reload } = useLoad(() => call('breaches.list', filter === 'all' ? {} : { status: filter }), [filter]);
  const isDsl = role === 'dsl';
  const mayClose = mayCall(role, 'breaches.close');
  const newCount = data?.breaches.filter((b) => b.status === 'open' && b.seenByDslAt === null).length ?? 0;

  return (
    <Page
      title="Breaches and concerns"
      lead={
        data
          ? `${data.openCount} open.${isDsl && newCount > 0 ? ` ${newCount} new since you last looked.` : ''} Log any visitor using a phone outside an approved place, and any other concern, straight away.`
          : undefined
      }
      actions={
        !logging && (
          <button type="button" className="btn btn-primary" onClick={() => setLogging(true)}>
            Log a breach or concern
          </button>
        )
      }
    >
      <Status message={done} />
      <ReviewReminder />
      {mayClose && <ReferralRoute />}
      {logging && (
        <LogForm
          onCancel={() => setLogging(false)}
          onDone={() => {
            setLogging(false);
            setDone('Logged. The DSL sees it in their list.');
            reload();
          }}
        />
      )}
      <h2>Logged</h2>
      <div className="filter-bar" role="group" aria-label="Show">
        {(['open', 'closed', 'all'] as const).map((f) => (
          <button key={f} type="button" className="btn btn-filter" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {f === 'open' ? 'Open' : f === 'closed' ? 'Closed' : 'All'}
          </button>
        ))}
      </div>
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data &&
        (data.breaches.length === 0 ? (
          <p className="empty">{filter === 'open' ? 'No open breaches or concerns.' : 'Nothing to show.'}</p>
        ) : (
          <ul className="breach-list" aria-label="Breaches and concerns">
            {data.breaches.map((b) => (
              <li key={b.id} className={`breach breach-${b.status}`}>
                <div className="breach-head">
                  <p className="breach-person">
                    {b.detailsHidden || b.person === null ? <span className="muted">Details for the DSL, headteacher and administrators only</span> : <Name>{b.person}</Name>}
                  </p>
                  <div className="tags">
                    {b.status === 'open' ? <Tag tone="warn">Open</Tag> : <Tag tone="neutral">Closed</Tag>}
                    {b.status === 'open' && b.seenByDslAt === null && (isDsl ? <Tag tone="danger">New</Tag> : <Tag tone="info">Not yet seen by the DSL</Tag>)}
                    {b.visitId && <Tag tone="neutral">Linked to a visit</Tag>}
                    {b.concern && <SeverityTag severity={b.concern.severity} urgent={b.concern.urgent} />}
                  </div>
                </div>
                <dl className="summary summary-compact">
                  <dt>When</dt>
                  <dd>
                    {dateTime(b.loggedAt)}, logged by {b.loggedBy}
                  </dd>
                  {!b.detailsHidden && (
                    <>
                      <dt>Where</dt>
                      <dd>{b.location}</dd>
                      <dt>What happened</dt>
                      <dd className="pre">{b.what}</dd>
                      <dt>Action taken</dt>
                      <dd className="pre">{b.actionTaken}</dd>
                      <ConcernSummary b={b} />
                    </>
                  )}
                  {b.status === 'closed' && b.detailsHidden && (
                    <>
                      <dt>Closed</dt>
                      <dd>
                        {dateTime(b.closedAt)}, {b.closedBy}
                      </dd>
                    </>
                  )}
                  {b.status === 'closed' && !b.detailsHidden && (
                    <>
                      <dt>Outcome</dt>
                      <dd className="pre">
                        {b.outcome} <span className="muted">({dateTime(b.closedAt)}, {b.closedBy})</span>
                      </dd>
                    </>
                  )}
                </dl>
                {mayClose && (
                  <div className="row-actions">
                    {b.status === 'open' && (
                      <button type="button" className="btn" onClick={() => setActing({ what: 'classify', b })}>
                        Classify…
                      </button>
                    )}
                    <button type="button" className="btn" onClick={() => setActing({ what: 'refer', b })}>
                      Record a referral…
                    </button>
                    <button type="button" className="btn" onClick={() => setActing({ what: 'review', b })}>
                      Bring policy review forward…
                    </button>
                    <button
                      type="button"
                      className="btn"
                      onClick={() =>
                        void call('concerns.startPolicyDraft', { concernId: b.id }).then(
                          (r) => setDone(`Policy draft started from this concern (based on version ${r.draft.basedOnVersion}). The headteacher or an administrator finds it on the Phone policy text page to change and publish.`),
                          (e: unknown) => setDone(e instanceof Error ? e.message : 'Could not start a draft.'),
                        )
                      }
                    >
                      Start a new policy draft from this concern
                    </button>
                    {b.status === 'open' && (
                      <button type="button" className="btn" onClick={() => setClosing(b)} aria-label={`Close: ${b.person ?? ''}, ${dateTime(b.loggedAt)}`}>
                        Close with outcome…
                      </button>
                    )}
                  </div>
                )}
              </li>
            ))}
          </ul>
        ))}
      {closing && (
        <CloseDialog
          b={closing}
          onCancel={() => setClosing(null)}
          onDone={() => {
            setClosing(null);
            setDone('Closed.');
            reload();
          }}
        />
      )}
      {acting?.what === 'classify' && <ClassifyDialog b={acting.b} onCancel={() => setActing(null)} onDone={() => (setActing(null), setDone('Classification saved.'), reload())} />}
      {acting?.what === 'refer' && <ReferDialog b={acting.b} onCancel={() => setActing(null)} onDone={() => (setActing(null), setDone('Referral recorded.'), reload())} />}
      {acting?.what === 'review' && (
        <ReviewForwardDialog b={acting.b} onCancel={() => setActing(null)} onDone={(due) => (setActing(null), setDone(`Policy review now due on ${due}.`), reload())} />
      )}
    </Page>
  );
}

function LogForm({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const onSite = useLoad(() => call('onSite.list', {}), []);
  const [visitId, setVisitId] = useState('');
  const [f, setF] = useState({ person: '', location: '', what: '', actionTaken: '' });
  // When it happened, if not just now (the browser's time zone, as staff read the clock).
  const [when, setWhen] = useState({ day: '', time: '' });
  const [kind, setKind] = useState<ConcernKind>('phone_use_seen');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [policyPoint, setPoint] = useState<PolicyPointKey>('visitor_phone_locked_away');
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const form = useSubmit();
  const visits = onSite.data?.visits ?? [];
  const chooseVisit = (id: string) => {
    setVisitId(id);
    const v = visits.find((x) => x.visitId === id);
    if (v) setF((o) => ({ ...o, person: v.fullName }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => {
      const occurredAt = when.day && when.time ? new Date(`${when.day}T${when.time}`).toISOString() : undefined;
      await call('breaches.log', { visitId: visitId || null, ...f, kind, severity, policyPoint, ...(occurredAt ? { occurredAt } : {}) });
      onDone();
    });
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="log-title">
      <h2 id="log-title">Log a breach or concern</h2>
      <FormMessage message={form.message} />
      <Select
        label="Visitor on site"
        hint="Choose them if they are signed in: the record is linked to their visit."
        value={visitId}
        onChange={chooseVisit}
        required={false}
        options={[{ value: '', label: 'Not linked to a visit' }, ...visits.map((v) => ({ value: v.visitId, label: `${v.fullName} (badge ${v.badgePrefix}${v.badgeNumber})` }))]}
        error={form.errors.visitId}
      />
      <Field label="Who" hint="Their name, or a description if you do not know it." value={f.person} onChange={set('person')} error={form.errors.person} required />
      <Field label="Where" hint="e.g. Year 2 corridor" value={f.location} onChange={set('location')} error={form.errors.location} required />
      <Field label="Day it happened" hint="Leave both empty if it was just now." type="date" value={when.day} onChange={(day) => setWhen((w) => ({ ...w, day }))} error={form.errors.occurredAt} required={false} size="short" />
      <Field label="Time it happened" type="time" value={when.time} onChange={(time) => setWhen((w) => ({ ...w, time }))} required={false} size="short" />
      <TextArea label="What happened" value={f.what} onChange={set('what')} error={form.errors.what} required />
      <TextArea label="Action taken" hint="e.g. Asked them to put the phone away; phone taken to the office." value={f.actionTaken} onChange={set('actionTaken')} error={form.errors.actionTaken} required />
      <ClassifyFields kind={kind} severity={severity} policyPoint={policyPoint} onKind={setKind} onSeverity={setSeverity} onPoint={setPoint} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Log it
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
