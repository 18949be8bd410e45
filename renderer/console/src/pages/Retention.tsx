// Retention (administrators): how long each kind of record is kept, what each period means and
// its default (core/retention/defaults.ts has the reasons), the last purge and what it removed,
// and "Run the purge now". Changes are audited by the hub.
import { useEffect, useState, type FormEvent } from 'react';
import type { PurgeReport, RetentionPeriods, RetentionView } from '../../../../shared/retention';
import { call } from '../api';
import { dateTime } from '../format';
import { ConfirmDialog, Field, FormMessage, LoadError, Loading, Notice, Page, Status, useLoad, useSubmit } from '../ui';

type Key = keyof RetentionPeriods;

const MAX = 1200;

const KINDS: { key: Key; label: string; min: number; meaning: string }[] = [
  {
    key: 'visitsMonths',
    label: 'Visits',
    min: 0,
    meaning:
      'Months after the end of the school year (31 August) in which the visit took place. A visit goes with everything recorded about it: the phone policy they agreed to, where their phone was, badge printing.',
  },
  {
    key: 'exemptionsMonths',
    label: 'Device-use requests and exemptions',
    min: 0,
    meaning: 'Months after the exemption stopped applying: the end of its validity, the day it was revoked or refused, or the request day if it was never decided.',
  },
  {
    key: 'breachesMonths',
    label: 'Breaches and concerns',
    min: 12,
    meaning: 'Months after the breach or concern was closed. Open ones are never removed. At least 12, so closing a concern does not make it vanish at the next purge.',
  },
  { key: 'photosMonths', label: 'Photos', min: 0, meaning: 'Months after the visit. No photos are taken yet: the setting is ready for them.' },
];

const COUNT_LABELS: Record<string, string> = {
  visits: 'Visits',
  events: 'Visit events (arrivals, phones, sign-outs)',
  rollCallMarks: 'Roll call marks',
  exemptions: 'Device-use requests and exemptions',
  expected: 'Expected visitors',
  breaches: 'Breaches and concerns',
  photos: 'Photos',
  erasedAgain: 'Erased visits a kiosk sent again',
};

function months(n: number): string {
  return `${n} ${n === 1 ? 'month' : 'months'}${n >= 12 && n % 12 === 0 ? ` (${n / 12} ${n === 12 ? 'year' : 'years'})` : ''}`;
}

function rangeText(k: (typeof KINDS)[number]): string {
  return `Enter a whole number of months from ${k.min} to ${MAX}.`;
}

export function Retention() {
  const { data, error, loading, reload } = useLoad(() => call('retention.get', {}), []);
  const [view, setView] = useState<RetentionView | null>(null);
  useEffect(() => setView(data), [data]);
  const [done, setDone] = useState('');
  const [confirmPurge, setConfirmPurge] = useState(false);

  return (
    <Page
      title="Retention"
      lead="How long records are kept before the nightly purge removes them. Agree any change with your data protection officer first."
      actions={
        view && (
          <button type="button" className="btn btn-danger-outline" onClick={() => setConfirmPurge(true)}>
            Run the purge now…
          </button>
        )
      }
    >
      <Status message={done} />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !view && <Loading />}
      {view && (
        <>
          <PeriodsForm
            view={view}
            onSaved={(v) => {
              setView(v);
              setDone('Saved. The next purge uses these periods.');
            }}
          />
          <section className="panel form" aria-labelledby="kept-title">
            <h2 id="kept-title">Always kept</h2>
            <p>
              <strong>Audit log: kept, with no period.</strong> It is the evidence of what staff and the purge did (including erasures). It holds record numbers, counts and staff
              names, never a visitor’s answers.
            </p>
            {view.heldVisits > 0 && (
              <p>
                <strong>
                  {view.heldVisits} {view.heldVisits === 1 ? 'visit is' : 'visits are'} held
                </strong>{' '}
                past their period because an open breach or concern is about them. They go once the concern is closed and its own period ends.
              </p>
            )}
          </section>
          <LastPurge report={view.lastPurge} />
        </>
      )}
      {confirmPurge && (
        <ConfirmDialog
          title="Run the purge now?"
          text={
            <p>
              Everything past its retention period is removed now rather than tonight, from the office and (at their next sync) from the kiosks. It cannot be undone. Records held by an
              open concern are kept.
            </p>
          }
          confirmLabel="Run the purge"
          danger
          onCancel={() => setConfirmPurge(false)}
          onConfirm={async () => {
            const report = await call('retention.runNow', {});
            setConfirmPurge(false);
            setView((v) => (v ? { ...v, lastPurge: report } : v));
            setDone(`Purge finished: ${total(report)} ${total(report) === 1 ? 'record' : 'records'} removed.`);
          }}
        />
      )}
    </Page>
  );
}

function total(r: PurgeReport): number {
  return Object.values(r.counts).reduce((a, b) => a + b, 0);
}

function PeriodsForm({ view, onSaved }: { view: RetentionView; onSaved: (v: RetentionView) => void }) {
  const [f, setF] = useState<Record<Key, string>>(() => {
    const p = view.periods;
    return { visitsMonths: String(p.visitsMonths), exemptionsMonths: String(p.exemptionsMonths), breachesMonths: String(p.breachesMonths), photosMonths: String(p.photosMonths) };
  });
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    const periods = {} as RetentionPeriods;
    for (const k of KINDS) {
      const raw = f[k.key].trim();
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < k.min || n > MAX)
        local[`periods.${k.key}`] = k.min > 0 && /^\d+$/.test(raw) && n < k.min ? `At least ${k.min} months, so a closed concern is not removed at the next purge.` : rangeText(k);
      periods[k.key] = n;
    }
    void form.submit(async () => {
      onSaved(await call('retention.save', { periods }));
    }, local);
  };
  // The hub's refusal names the field; say what it wants in the same words as here.
  const errorOf = (k: (typeof KINDS)[number]) => {
    const e = form.errors[`periods.${k.key}`];
    return e && !e.startsWith('Enter') && !e.startsWith('At least') ? rangeText(k) : e;
  };
  return (
    <form className="form panel retention-form" onSubmit={submit} noValidate aria-labelledby="periods-title">
      <h2 id="periods-title">Retention periods</h2>
      <FormMessage message={form.message} />
      {KINDS.map((k) => (
        <Field
          key={k.key}
          label={`${k.label} (months)`}
          hint={
            <>
              {k.meaning} Default: {months(view.defaults[k.key])}.
            </>
          }
          value={f[k.key]}
          onChange={(v) => setF((o) => ({ ...o, [k.key]: v }))}
          error={errorOf(k)}
          inputMode="numeric"
          required
        />
      ))}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Save periods
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            const d = view.defaults;
            setF({ visitsMonths: String(d.visitsMonths), exemptionsMonths: String(d.exemptionsMonths), breachesMonths: String(d.breachesMonths), photosMonths: String(d.photosMonths) });
            form.clear();
          }}
        >
          Put back the defaults
        </button>
      </div>
    </form>
  );
}

function LastPurge({ report }: { report: PurgeReport | null }) {
  return (
    <section className="panel form" aria-labelledby="purge-title">
      <h2 id="purge-title">Last purge</h2>
      {!report ? (
        <p>The purge has not run yet. It runs every night.</p>
      ) : (
        <>
          <p>
            {dateTime(report.at)}, {report.trigger === 'manual' ? 'run by staff' : 'the nightly run'}: {total(report) === 0 ? 'nothing was due to be removed.' : `${total(report)} removed.`}
          </p>
          {total(report) > 0 && (
            <dl className="summary summary-compact">
              {Object.entries(report.counts)
                .filter(([, n]) => n > 0)
                .map(([k, n]) => (
                  <div key={k} className="summary-row">
                    <dt>{COUNT_LABELS[k] ?? k}</dt>
                    <dd>{n}</dd>
                  </div>
                ))}
            </dl>
          )}
          {report.held > 0 && (
            <Notice tone="info">
              {report.held} {report.held === 1 ? 'visit was' : 'visits were'} kept because an open breach or concern is about them.
            </Notice>
          )}
        </>
      )}
    </section>
  );
}
