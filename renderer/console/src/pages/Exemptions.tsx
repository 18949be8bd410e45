// Device requests and the exemptions register. Anyone may enter a request on a visitor's
// behalf; only the roles the contract allows see Approve / Refuse (the headteacher) and Revoke
// (headteacher, DSL). Approval records the validity, an optional daily window, single or weekly
// days, the places (from the reference data), devices, conditions and an optional risk assessment.
import { useState, type FormEvent } from 'react';
import { mayCall, OFFICE_PATHS, type Exemption, type ExemptionStatus, type OfficeOpInput, type Role } from '../../../../shared/office';
import { RISK_ASSESSMENT_ROLES } from '../../../../shared/invitations';
import { call, hubPath } from '../api';
import { dateTime, date, errorFor, EXEMPTION_STATUS_LABELS, isoDay, recurrenceText, WEEKDAYS, type Tone } from '../format';
import { href } from '../routes';
import { Check, CheckGroup, ConfirmDialog, DataTable, Field, FormMessage, LoadError, Loading, Name, Notice, Page, RadioGroup, Status, Tag, TextArea, useLoad, useSubmit } from '../ui';
import { PhoneTag } from './OnSite';

const STATUS_TONE: Record<ExemptionStatus, Tone> = { requested: 'warn', approved: 'ok', refused: 'info', revoked: 'danger' };

export function StatusTag({ status }: { status: ExemptionStatus }) {
  return <Tag tone={STATUS_TONE[status]}>{EXEMPTION_STATUS_LABELS[status]}</Tag>;
}

export function Exemptions({ role, rest }: { role: Role; rest: string[] }) {
  if (rest[0] === 'new') return <RequestForm />;
  if (rest[0]) return <Detail id={rest[0]} role={role} />;
  return <List role={role} />;
}

const FILTERS: { value: ExemptionStatus | 'all'; label: string }[] = [
  { value: 'requested', label: 'Waiting for a decision' },
  { value: 'approved', label: 'Approved' },
  { value: 'refused', label: 'Refused' },
  { value: 'revoked', label: 'Revoked' },
  { value: 'all', label: 'All' },
];

function validity(e: Exemption): string {
  if (!e.validFrom) return e.requestedWindow ? `Asked for: ${e.requestedWindow}` : '';
  const days = e.validFrom === e.validTo ? date(e.validFrom) : `${date(e.validFrom)} to ${date(e.validTo)}`;
  const hours = e.dailyFrom && e.dailyTo ? `, ${e.dailyFrom}–${e.dailyTo}` : '';
  return `${days}${hours}`;
}

function List({ role }: { role: Role }) {
  const [filter, setFilter] = useState<ExemptionStatus | 'all'>('requested');
  const { data, error, loading, reload } = useLoad(() => call('exemptions.list', filter === 'all' ? {} : { status: filter }), [filter]);
  return (
    <Page
      title="Device requests and exemptions"
      lead={
        mayCall(role, 'exemptions.approve')
          ? 'Requests from the kiosks and from staff wait here for your decision. Approved exemptions form the register.'
          : 'Requests wait here for the headteacher’s decision. Approved exemptions form the register.'
      }
      actions={
        <a className="btn btn-primary" href={href('exemptions', 'new')}>
          New request
        </a>
      }
    >
      <div className="filter-bar" role="group" aria-label="Show">
        {FILTERS.map((f) => (
          <button key={f.value} type="button" className="btn btn-filter" aria-pressed={filter === f.value} onClick={() => setFilter(f.value)}>
            {f.label}
          </button>
        ))}
      </div>
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <DataTable<Exemption>
          caption={`Device requests: ${FILTERS.find((f) => f.value === filter)?.label}`}
          rows={data.exemptions}
          rowKey={(e) => e.id}
          rowClass={(e) => (e.status === 'revoked' ? 'row-danger' : '')}
          empty={filter === 'requested' ? 'No requests are waiting for a decision.' : 'Nothing to show.'}
          columns={[
            {
              label: 'Name',
              primary: true,
              cell: (e) => (
                <>
                  <a href={href('exemptions', e.id)} className="strong-link">
                    <Name>{e.fullName}</Name>
                  </a>
                  <span className="sub" dir="auto">{[e.agencyRole, e.organisation].filter(Boolean).join(', ')}</span>
                </>
              ),
            },
            { label: 'Purpose', cell: (e) => <span className="clamp" dir="auto">{e.purpose}</span> },
            { label: 'When', cell: (e) => validity(e) },
            { label: 'Status', cell: (e) => <StatusTag status={e.status} /> },
            { label: 'Requested', cell: (e) => `${dateTime(e.createdAt)} (${e.source === 'kiosk' ? 'at a kiosk' : 'by staff'})` },
          ]}
        />
      )}
    </Page>
  );
}

function useLocations() {
  return useLoad(() => call('reference.get', {}).then((r) => r.locations), []);
}

function RequestForm() {
  const [f, setF] = useState({ fullName: '', organisation: '', agencyRole: '', purpose: '', devices: 'Mobile phone', requestedWindow: '' });
  const [locationIds, setLocationIds] = useState<string[]>([]);
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const locations = useLocations();
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => {
      const r = await call('exemptions.request', { ...f, locationIds });
      window.location.hash = href('exemptions', r.exemption.id);
    });
  };
  return (
    <Page title="New device-use request" lead="For a visitor who needs to use a phone or device on site (e.g. a professional recording a meeting). The headteacher decides before any use.">
      <p>
        <a href={href('exemptions')}>Back to device requests</a>
      </p>
      <form className="form" onSubmit={submit} noValidate>
        <FormMessage message={form.message} />
        <Field label="Visitor’s full name" value={f.fullName} onChange={set('fullName')} error={form.errors.fullName} required />
        <div className="field-row">
          <Field label="Organisation" value={f.organisation} onChange={set('organisation')} error={form.errors.organisation} required />
          <Field label="Their role" hint="e.g. Social worker, Speech therapist" value={f.agencyRole} onChange={set('agencyRole')} error={form.errors.agencyRole} required />
        </div>
        <TextArea label="Why they need to use a device" value={f.purpose} onChange={set('purpose')} error={form.errors.purpose} required />
        <Field label="Devices" hint="e.g. Work phone, laptop" value={f.devices} onChange={set('devices')} error={form.errors.devices} required />
        {locations.data && (
          <CheckGroup
            legend="Where they would use it (optional)"
            options={locations.data.filter((l) => l.active).map((l) => ({ value: l.id, label: l.name }))}
            values={locationIds}
            onChange={setLocationIds}
            error={errorFor(form.errors, 'locationIds')}
          />
        )}
        <Field label="When" hint="e.g. Tuesday mornings this term" value={f.requestedWindow} onChange={set('requestedWindow')} error={form.errors.requestedWindow} required={false} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            Send request for a decision
          </button>
          <a className="btn" href={href('exemptions')}>
            Cancel
          </a>
        </div>
      </form>
    </Page>
  );
}

function Detail({ id, role }: { id: string; role: Role }) {
  const { data, error, loading, reload } = useLoad(() => call('exemptions.get', { id }), [id]);
  const previsit = useLoad(() => call('previsit.ofExemption', { exemptionId: id }), [id]);
  const [dialog, setDialog] = useState<'refuse' | 'revoke' | null>(null);
  const [done, setDone] = useState('');
  if (error !== null) return <Page title="Device request"><LoadError error={error} onRetry={reload} /></Page>;
  if (loading && !data) return <Page title="Device request"><Loading /></Page>;
  if (!data) return null;
  const e = data.exemption;
  const mayDecide = e.status === 'requested' && mayCall(role, 'exemptions.approve');
  const mayRevoke = e.status === 'approved' && mayCall(role, 'exemptions.revoke');
  const after = (message: string) => {
    setDialog(null);
    setDone(message);
    reload();
  };
  return (
    <Page
      title={`Device request: ${e.fullName}`}
      actions={
        <>
          {mayDecide && (
            <button type="button" className="btn btn-danger-outline" onClick={() => setDialog('refuse')}>
              Refuse…
            </button>
          )}
          {mayRevoke && (
            <button type="button" className="btn btn-danger" onClick={() => setDialog('revoke')}>
              Revoke…
            </button>
          )}
        </>
      }
    >
      <p>
        <a href={href('exemptions')}>Back to device requests</a>
      </p>
      <Status message={done} />
      {e.status === 'revoked' && (
        <Notice tone="danger">
          <p className="notice-title">Revoked {dateTime(e.revokedAt)} by {e.revokedBy}.</p>
          <p>Reason: {e.revokeReason}</p>
        </Notice>
      )}
      <dl className="summary">
        <dt>Status</dt>
        <dd>
          <StatusTag status={e.status} />
        </dd>
        <dt>Name</dt>
        <dd>
          <Name>{e.fullName}</Name>
        </dd>
        <dt>Organisation and role</dt>
        <dd dir="auto">{[e.agencyRole, e.organisation].filter(Boolean).join(', ') || '—'}</dd>
        <dt>Purpose</dt>
        <dd className="pre" dir="auto">{e.purpose}</dd>
        <dt>Devices</dt>
        <dd>{e.devices}</dd>
        <dt>Places</dt>
        <dd>{e.locations.length ? e.locations.join(', ') : '—'}</dd>
        {e.requestedWindow && (
          <>
            <dt>Asked for</dt>
            <dd>{e.requestedWindow}</dd>
          </>
        )}
        <dt>Requested</dt>
        <dd>
          {dateTime(e.createdAt)} by {e.createdBy} ({e.source === 'kiosk' ? 'at a kiosk' : 'staff on their behalf'})
        </dd>
        {e.validFrom && (
          <>
            <dt>Valid</dt>
            <dd>
              {validity(e)}. {recurrenceText(e.recurrence)}.
            </dd>
          </>
        )}
        {e.conditions && (
          <>
            <dt>Conditions</dt>
            <dd className="pre">{e.conditions}</dd>
          </>
        )}
        {e.decidedAt && (
          <>
            <dt>Decision</dt>
            <dd>
              {e.status === 'refused' ? 'Refused' : 'Approved'} {dateTime(e.decidedAt)} by {e.decidedBy}
              {e.decisionReason ? `: ${e.decisionReason}` : ''}
            </dd>
          </>
        )}
        {e.riskAssessment && (
          <>
            <dt>Risk assessment</dt>
            <dd>
              <p className="pre">
                <strong>Hazards:</strong> {e.riskAssessment.hazards}
              </p>
              <p className="pre">
                <strong>Controls:</strong> {e.riskAssessment.controls}
              </p>
              <p>
                Reviewed by {e.riskAssessment.reviewer} on {date(e.riskAssessment.reviewedOn)}
              </p>
            </dd>
          </>
        )}
        {previsit.data?.previsit && <AgencyFile exemptionId={e.id} fileName={previsit.data.previsit.fileName} role={role} />}
      </dl>

      {/* A request made before a visit is approved for the visit's day unless the head says otherwise
          (mounted once that day is known, so the form starts from it). */}
      {mayDecide && !previsit.loading && (
        <ApproveForm exemption={e} visitDay={previsit.data?.expectedOn ?? null} onDone={() => after('Approved. Kiosks receive it at their next sync.')} />
      )}

      {data.usedOnVisits.length > 0 && (
        <>
          <h2>Visits under this exemption</h2>
          <ul className="plain-list">
            {data.usedOnVisits.map((v) => (
              <li key={v.visitId} className="list-row">
                {dateTime(v.arrivedAt)} — badge {v.badgePrefix}{v.badgeNumber} {v.departedAt ? `(left ${dateTime(v.departedAt)})` : '(on site)'} <PhoneTag visit={v} />
              </li>
            ))}
          </ul>
        </>
      )}

      {dialog === 'refuse' && (
        <ConfirmDialog
          title="Refuse this request?"
          text={<p>The visitor must lock their phone away as usual. The reason is kept in the register.</p>}
          confirmLabel="Refuse request"
          danger
          reasonLabel="Reason"
          onCancel={() => setDialog(null)}
          onConfirm={async (reason) => {
            await call('exemptions.refuse', { id: e.id, reason });
            after('Request refused.');
          }}
        />
      )}
      {dialog === 'revoke' && (
        <ConfirmDialog
          title="Revoke this exemption now?"
          text={
            <p>
              <Name>{e.fullName}</Name> will no longer be allowed to use a device. If they are on site, staff see them flagged and must ask them to lock their phone away.
            </p>
          }
          confirmLabel="Revoke exemption"
          danger
          reasonLabel="Reason"
          onCancel={() => setDialog(null)}
          onConfirm={async (reason) => {
            await call('exemptions.revoke', { id: e.id, reason });
            after('Exemption revoked.');
          }}
        />
      )}
    </Page>
  );
}

/** The agency's risk assessment sent with a request made before the visit: the head and the DSL
 *  open it (a download the hub audits); others see only that it is there. */
function AgencyFile({ exemptionId, fileName, role }: { exemptionId: string; fileName: string; role: Role }) {
  return (
    <>
      <dt>Agency's risk assessment</dt>
      <dd>
        {RISK_ASSESSMENT_ROLES.includes(role) ? (
          <a className="btn" href={hubPath(OFFICE_PATHS.riskAssessment(exemptionId))} download>
            Download the risk assessment (PDF)
          </a>
        ) : (
          <span>
            <span dir="auto">{fileName}</span> is attached. Only the headteacher and the DSL can open it.
          </span>
        )}
      </dd>
    </>
  );
}

function ApproveForm({ exemption, visitDay, onDone }: { exemption: Exemption; visitDay: string | null; onDone: () => void }) {
  const today = isoDay(new Date());
  const first = visitDay && visitDay > today ? visitDay : today;
  const locations = useLocations();
  const [f, setF] = useState({ validFrom: first, validTo: first, dailyFrom: '09:00', dailyTo: '15:00', devices: exemption.devices, conditions: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const [daily, setDaily] = useState(false);
  const [kind, setKind] = useState<'single' | 'weekly'>('single');
  const [weekdays, setWeekdays] = useState<number[]>([]);
  const [locationIds, setLocationIds] = useState<string[] | null>(null);
  const [withRisk, setWithRisk] = useState(false);
  const [risk, setRisk] = useState({ hazards: '', controls: '', reviewer: '', reviewedOn: today });
  const setR = (k: keyof typeof risk) => (v: string) => setRisk((o) => ({ ...o, [k]: v }));
  const form = useSubmit();

  // The places asked for, preselected (the request holds their names).
  const active = (locations.data ?? []).filter((l) => l.active);
  const chosen = locationIds ?? active.filter((l) => exemption.locations.includes(l.name)).map((l) => l.id);

  const submit = (ev: FormEvent) => {
    ev.preventDefault();
    const local: Record<string, string> = {};
    if (chosen.length === 0) local.locationIds = 'Choose at least one place.';
    if (kind === 'weekly' && weekdays.length === 0) local['recurrence.weekdays'] = 'Choose at least one day.';
    if (!f.validFrom) local.validFrom = 'Enter the first day.';
    if (!f.validTo) local.validTo = 'Enter the last day.';
    if (f.validTo && f.validFrom && f.validTo < f.validFrom) local.validTo = 'The end date must not be before the start date.';
    if (daily && !(f.dailyFrom && f.dailyTo && f.dailyFrom < f.dailyTo)) local.dailyTo = 'Enter both times; the end after the start.';
    if (!f.devices.trim()) local.devices = 'Say which devices.';
    if (!f.conditions.trim()) local.conditions = 'Write the conditions, e.g. no photographs of pupils.';
    if (withRisk) {
      if (!risk.hazards.trim()) local['riskAssessment.hazards'] = 'This is required.';
      if (!risk.controls.trim()) local['riskAssessment.controls'] = 'This is required.';
      if (!risk.reviewer.trim()) local['riskAssessment.reviewer'] = 'This is required.';
      if (!risk.reviewedOn) local['riskAssessment.reviewedOn'] = 'This is required.';
    }
    const input: OfficeOpInput<'exemptions.approve'> = {
      id: exemption.id,
      validFrom: f.validFrom,
      validTo: f.validTo,
      dailyFrom: daily ? f.dailyFrom : null,
      dailyTo: daily ? f.dailyTo : null,
      recurrence: kind === 'single' ? { kind: 'single' } : { kind: 'weekly', weekdays: [...weekdays].sort() },
      locationIds: chosen,
      devices: f.devices,
      conditions: f.conditions,
      riskAssessment: withRisk ? risk : null,
    };
    void form.submit(async () => {
      await call('exemptions.approve', input);
      onDone();
    }, local);
  };

  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="approve-title">
      <h2 id="approve-title">Approve device use</h2>
      <FormMessage message={form.message} />
      <div className="field-row">
        <Field label="Valid from" type="date" value={f.validFrom} onChange={set('validFrom')} error={form.errors.validFrom} required size="short" />
        <Field label="Valid until" type="date" value={f.validTo} onChange={set('validTo')} error={form.errors.validTo} required size="short" />
      </div>
      <RadioGroup
        legend="Which days"
        value={kind}
        onChange={setKind}
        options={[
          { value: 'single', label: 'Every day in this period' },
          { value: 'weekly', label: 'Only on certain weekdays' },
        ]}
      />
      {kind === 'weekly' && (
        <CheckGroup
          legend="Weekdays"
          columns="narrow"
          options={WEEKDAYS.map((d) => ({ value: d.n, label: d.long }))}
          values={weekdays}
          onChange={setWeekdays}
          error={errorFor(form.errors, 'recurrence.weekdays', 'recurrence')}
        />
      )}
      <Check label="Only between certain times of day" checked={daily} onChange={setDaily} />
      {daily && (
        <div className="field-row">
          <Field label="From" type="time" value={f.dailyFrom} onChange={set('dailyFrom')} error={form.errors.dailyFrom} size="short" />
          <Field label="Until" type="time" value={f.dailyTo} onChange={set('dailyTo')} error={form.errors.dailyTo} size="short" />
        </div>
      )}
      {locations.error !== null && <LoadError error={locations.error} onRetry={locations.reload} />}
      <CheckGroup
        legend="Places where the device may be used"
        hint="Printed on the visitor’s badge."
        options={active.map((l) => ({ value: l.id, label: l.name }))}
        values={chosen}
        onChange={setLocationIds}
        error={errorFor(form.errors, 'locationIds')}
      />
      <Field label="Devices" value={f.devices} onChange={set('devices')} error={form.errors.devices} required />
      <TextArea
        label="Conditions"
        hint="e.g. No photographs of pupils. Calls only in the meeting room with the door closed."
        value={f.conditions}
        onChange={set('conditions')}
        error={form.errors.conditions}
        required
      />
      <Check label="Add a risk assessment" checked={withRisk} onChange={setWithRisk} />
      {withRisk && (
        <fieldset className="group">
          <legend>Risk assessment</legend>
          <TextArea label="Hazards" value={risk.hazards} onChange={setR('hazards')} error={form.errors['riskAssessment.hazards']} required />
          <TextArea label="Controls" value={risk.controls} onChange={setR('controls')} error={form.errors['riskAssessment.controls']} required />
          <div className="field-row">
            <Field label="Reviewed by" value={risk.reviewer} onChange={setR('reviewer')} error={form.errors['riskAssessment.reviewer']} required />
            <Field label="Reviewed on" type="date" value={risk.reviewedOn} onChange={setR('reviewedOn')} error={form.errors['riskAssessment.reviewedOn']} required size="short" />
          </div>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Approve device use
        </button>
      </div>
    </form>
  );
}

