// Concerns that lead somewhere (issue #15 part B), the pieces the Breaches page uses: the
// classification and referrals of a concern, the route the policy sets out, recording a
// referral, closing with the lessons learnt, bringing the policy review forward, starting a
// policy draft from a concern, and the review reminder.
import { useState } from 'react';
import {
  CONCERN_KIND_LABELS,
  CONCERN_KINDS,
  POLICY_POINTS,
  REFERRAL_AGENCIES,
  REFERRAL_AGENCY_LABELS,
  REFERRAL_ROUTE,
  SEVERITIES,
  type ConcernKind,
  type PolicyPointKey,
  type ReferralAgency,
  type Severity,
} from '../../../../shared/concerns';
import type { Breach } from '../../../../shared/office';
import { call } from '../api';
import { dateTime, isoDay } from '../format';
import { FormDialog, Field, FormMessage, Notice, Select, Tag, TextArea, useLoad, useSubmit } from '../ui';

export const KIND_OPTIONS = CONCERN_KINDS.map((k) => ({ value: k, label: CONCERN_KIND_LABELS[k] }));
export const SEVERITY_OPTIONS = SEVERITIES.map((s) => ({ value: s, label: s[0]!.toUpperCase() + s.slice(1) }));
export const POINT_OPTIONS = POLICY_POINTS.map((p) => ({ value: p.key as PolicyPointKey, label: p.section ? `${p.label} (section ${p.section})` : p.label }));
const pointLabel = (k: PolicyPointKey) => POINT_OPTIONS.find((p) => p.value === k)?.label ?? k;

export function SeverityTag({ severity, urgent }: { severity: Severity; urgent: boolean }) {
  return (
    <>
      {urgent && <Tag tone="danger">URGENT</Tag>}
      <Tag tone={severity === 'high' || severity === 'urgent' ? 'danger' : severity === 'medium' ? 'warn' : 'neutral'}>Severity: {severity}</Tag>
    </>
  );
}

/** The classification, referrals and lessons learnt, as the hub sent them for this role. */
export function ConcernSummary({ b }: { b: Breach }) {
  const c = b.concern;
  if (!c) return null;
  return (
    <>
      <dt>Kind</dt>
      <dd>{CONCERN_KIND_LABELS[c.kind]}</dd>
      <dt>Policy point</dt>
      <dd>{pointLabel(c.policyPoint)}</dd>
      <dt>Happened</dt>
      <dd>{dateTime(c.occurredAt)}</dd>
      {c.referrals !== null && (
        <>
          <dt>Referrals</dt>
          <dd>
            {c.referrals.length === 0 ? (
              <span className="muted">None recorded</span>
            ) : (
              <ul className="plain-list">
                {c.referrals.map((r) => (
                  <li key={r.id}>
                    {REFERRAL_AGENCY_LABELS[r.agency]}: {r.contact}, {dateTime(r.referredAt)}
                    {r.reference && <> (reference {r.reference})</>}
                    {r.note && <> – {r.note}</>} <span className="muted">recorded by {r.recordedBy}</span>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </>
      )}
      {c.lessonsLearnt && (
        <>
          <dt>Lessons learnt</dt>
          <dd className="pre">{c.lessonsLearnt}</dd>
        </>
      )}
    </>
  );
}

/** The route the school's policy sets out, in our words, by section. */
export function ReferralRoute() {
  return (
    <details className="panel">
      <summary>What the policy says to do (the referral route)</summary>
      <ol>
        {REFERRAL_ROUTE.map((s) => (
          <li key={s.step}>
            <strong>{s.when}:</strong> {s.step} <span className="muted">(section {s.section}{s.agency ? `; record it below as "${REFERRAL_AGENCY_LABELS[s.agency]}"` : ''})</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** Days and the time typed in the browser's zone, as an instant for the hub. */
const instant = (day: string, time: string) => new Date(`${day}T${time}`).toISOString();
const nowTime = () => new Date().toTimeString().slice(0, 5);

export function ReferDialog({ b, onCancel, onDone }: { b: Breach; onCancel: () => void; onDone: () => void }) {
  const [agency, setAgency] = useState<ReferralAgency>('county_safeguarding');
  const [f, setF] = useState({ contact: '', day: isoDay(new Date()), time: nowTime(), reference: '', note: '' });
  const set = (k: keyof typeof f) => (v: string) => setF((o) => ({ ...o, [k]: v }));
  const form = useSubmit();
  const submit = () =>
    void form.submit(async () => {
      await call('concerns.refer', { id: b.id, agency, contact: f.contact, referredAt: instant(f.day, f.time), reference: f.reference, note: f.note });
      onDone();
    });
  return (
    <FormDialog title="Record a referral" onCancel={onCancel} onSubmit={submit} submitLabel="Record it" busy={form.busy}>
      <FormMessage message={form.message} />
      <Select label="Referred to" value={agency} onChange={setAgency} options={REFERRAL_AGENCIES.map((a) => ({ value: a, label: REFERRAL_AGENCY_LABELS[a] }))} required />
      <Field label="Who you spoke to" hint="Name, role or team, e.g. Duty LADO" value={f.contact} onChange={set('contact')} error={form.errors.contact} required />
      <Field label="Day" type="date" value={f.day} onChange={set('day')} error={form.errors.referredAt} required size="short" />
      <Field label="Time" type="time" value={f.time} onChange={set('time')} required size="short" />
      <Field label="Their reference" value={f.reference} onChange={set('reference')} error={form.errors.reference} required={false} />
      <TextArea label="Note" value={f.note} onChange={set('note')} error={form.errors.note} required={false} />
    </FormDialog>
  );
}

export function ClassifyDialog({ b, onCancel, onDone }: { b: Breach; onCancel: () => void; onDone: () => void }) {
  const [kind, setKind] = useState<ConcernKind>(b.concern?.kind ?? 'other');
  const [severity, setSeverity] = useState<Severity>(b.concern?.severity ?? 'medium');
  const [policyPoint, setPoint] = useState<PolicyPointKey>(b.concern?.policyPoint ?? 'other');
  const form = useSubmit();
  const submit = () =>
    void form.submit(async () => {
      await call('concerns.classify', { id: b.id, kind, severity, policyPoint });
      onDone();
    });
  return (
    <FormDialog title="Classify this concern" onCancel={onCancel} onSubmit={submit} submitLabel="Save" busy={form.busy}>
      <FormMessage message={form.message} />
      <ClassifyFields kind={kind} severity={severity} policyPoint={policyPoint} onKind={setKind} onSeverity={setSeverity} onPoint={setPoint} />
    </FormDialog>
  );
}

export function ClassifyFields(p: { kind: ConcernKind; severity: Severity; policyPoint: PolicyPointKey; onKind: (k: ConcernKind) => void; onSeverity: (s: Severity) => void; onPoint: (k: PolicyPointKey) => void }) {
  return (
    <>
      <Select label="Kind of concern" hint="An image of a child or suspected illegal content is flagged urgent for the DSL at once." value={p.kind} onChange={p.onKind} options={KIND_OPTIONS} required />
      <Select label="Severity" value={p.severity} onChange={p.onSeverity} options={SEVERITY_OPTIONS} required size="short" />
      <Select label="Policy point" value={p.policyPoint} onChange={p.onPoint} options={POINT_OPTIONS} required />
    </>
  );
}

/** Closing needs an outcome and the lessons learnt (the hub refuses without them). */
export function CloseDialog({ b, onCancel, onDone }: { b: Breach; onCancel: () => void; onDone: () => void }) {
  const [outcome, setOutcome] = useState('');
  const [lessons, setLessons] = useState('');
  const form = useSubmit();
  const local: Record<string, string> = {};
  if (outcome.trim() === '') local.outcome = 'Say what was decided or done.';
  if (lessons.trim() === '') local.lessonsLearnt = 'Write the lessons learnt before closing.';
  const submit = () =>
    void form.submit(async () => {
      await call('breaches.close', { id: b.id, outcome, lessonsLearnt: lessons });
      onDone();
    }, local);
  return (
    <FormDialog title="Close this concern" role="alertdialog" onCancel={onCancel} onSubmit={submit} submitLabel="Close it" busy={form.busy}>
      <p>
        {dateTime(b.loggedAt)}: {b.what}
      </p>
      <FormMessage message={form.message} />
      <TextArea label="Outcome" hint="e.g. Spoke to the visitor; reminded of the policy; no further action." value={outcome} onChange={setOutcome} error={form.errors.outcome} required />
      <TextArea
        label="Lessons learnt"
        hint="What leaders took from the debrief, and any change to the policy or practice (the policy asks for this)."
        value={lessons}
        onChange={setLessons}
        error={form.errors.lessonsLearnt}
        required
      />
    </FormDialog>
  );
}

export function ReviewForwardDialog({ b, onCancel, onDone }: { b: Breach; onCancel: () => void; onDone: (due: string) => void }) {
  const [due, setDue] = useState('');
  const [reason, setReason] = useState('');
  const form = useSubmit();
  const submit = () =>
    void form.submit(async () => {
      const r = await call('concerns.bringReviewForward', { concernId: b.id, due, reason });
      onDone(r.due ?? due);
    });
  return (
    <FormDialog title="Bring the policy review forward" onCancel={onCancel} onSubmit={submit} submitLabel="Bring it forward" busy={form.busy}>
      <FormMessage message={form.message} />
      <Field label="Review due by" type="date" value={due} onChange={setDue} error={form.errors.due} required size="short" />
      <TextArea label="Why" value={reason} onChange={setReason} error={form.errors.reason} required />
    </FormDialog>
  );
}

/** The console's reminder: shown when the review is due within 30 days or overdue. */
export function ReviewReminder() {
  const { data } = useLoad(() => call('concerns.reviewDue', {}), []);
  if (!data || data.due === null || data.state === 'ok') return null;
  return (
    <Notice tone={data.state === 'overdue' ? 'danger' : 'warn'}>
      <p className="notice-title">
        {data.state === 'overdue' ? `The phone policy review is overdue (it was due on ${data.due}).` : `The phone policy review is due on ${data.due} (in ${data.daysLeft} days).`}
      </p>
      <p>
        {data.basis === 'broughtForward' && data.broughtForward ? `Brought forward by ${data.broughtForward.by}: ${data.broughtForward.reason}. ` : ''}
        Publishing the reviewed policy (Phone policy text) starts the next year.
      </p>
    </Notice>
  );
}
