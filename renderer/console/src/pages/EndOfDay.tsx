// End of the day: nobody silently left on site, no phone forgotten. Visits still open at every
// kiosk, to sign out as staff (choosing them one by one), and phones still held whose owner has
// gone. A sign-out travels to the kiosk that owns the visit, which records it at its next sync;
// until then the row says so ("sign-out sent — waiting for the kiosk").
import { useState, type FormEvent } from 'react';
import { mayCall, type EndOfDay as EndOfDayData, type HubVisit, type Role } from '../../../../shared/office';
import { call } from '../api';
import { dateTime, time } from '../format';
import { autoSignOutConcern, SCHOOL_HOURS } from '../../../../shared/sync';
import { Check, ConfirmDialog, DataTable, Field, FormMessage, LoadError, Loading, Name, Notice, Page, Status, Tag, useLoad, useSubmit } from '../ui';
import { PhoneTag } from './OnSite';

type Row = HubVisit & { signOutSent: boolean };

const REFRESH_MS = 5_000;

function Sent() {
  return <Tag tone="info">Sign-out sent — waiting for the kiosk</Tag>;
}

export function EndOfDay({ role }: { role: Role }) {
  const { data, error, loading, reload } = useLoad(() => call('endOfDay.list', {}), [], { pollMs: REFRESH_MS });
  const [done, setDone] = useState('');
  return (
    <Page
      title="End of day"
      lead={
        data
          ? `${data.reviewAt ? `Review the site at ${data.reviewAt} each day. ` : ''}Updated ${time(data.at)}; refreshes every 5 seconds.`
          : 'Who is still signed in, and phones not collected, from every kiosk.'
      }
      actions={
        <button type="button" className="btn" onClick={reload}>
          Refresh now
        </button>
      }
    >
      <Status message={done} />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && data.reviewAt !== null && data.localTime >= data.reviewAt && data.open.length + data.uncollected.length > 0 && (
        <Notice tone="warn">
          It is past {data.reviewAt}: {data.open.length} {data.open.length === 1 ? 'visitor is' : 'visitors are'} still signed in and {data.uncollected.length}{' '}
          {data.uncollected.length === 1 ? 'phone has' : 'phones have'} not been collected. Sign them out or keep them, below.
        </Notice>
      )}
      {data && (
        <>
          <OpenVisits data={data} onSent={(m) => { setDone(m); reload(); }} />
          <Uncollected data={data} onSent={(m) => { setDone(m); reload(); }} />
          {mayCall(role, 'endOfDay.configure') && <Times data={data} onSaved={(m) => { setDone(m); reload(); }} />}
        </>
      )}
    </Page>
  );
}

function OpenVisits({ data, onSent }: { data: EndOfDayData; onSent: (message: string) => void }) {
  const [chosen, setChosen] = useState<string[]>([]);
  const [phoneReturned, setPhoneReturned] = useState(false);
  const form = useSubmit();
  const choosable = data.open.filter((v) => !v.signOutSent);
  // Only rows still in the list and not yet sent count as chosen.
  const selected = chosen.filter((id) => choosable.some((v) => v.visitId === id));
  const allChosen = choosable.length > 0 && selected.length === choosable.length;
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c.filter((x) => x !== id), id] : c.filter((x) => x !== id)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local = selected.length === 0 ? { visitIds: 'Choose at least one visitor to sign out.' } : {};
    void form.submit(async () => {
      await call('endOfDay.signOut', { visitIds: selected, phoneReturned });
      setChosen([]);
      setPhoneReturned(false);
      onSent(
        `Sign-out sent for ${selected.length} ${selected.length === 1 ? 'visitor' : 'visitors'}. Each kiosk records it at its next sync, and they then leave this list.`,
      );
    }, local);
  };

  const error = form.errors.visitIds ?? Object.entries(form.errors).find(([k]) => k.startsWith('visitIds'))?.[1];
  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="open-title">
      <h2 id="open-title">Still signed in ({data.open.length})</h2>
      {data.open.length === 0 ? (
        <p className="empty">Nobody is signed in at any kiosk.</p>
      ) : (
        <>
          <p className="hint">Check each person has really left (ask at reception, look at the car park) before signing them out. They are recorded as signed out by staff, with your name.</p>
          <FormMessage message={form.message} />
          <fieldset className={`group${error ? ' has-error' : ''}`} aria-describedby={error ? 'open-err' : undefined}>
            <legend>Choose who to sign out</legend>
            {choosable.length > 1 && (
              <Check label="Choose everyone not yet sent" checked={allChosen} onChange={(on) => setChosen(on ? choosable.map((v) => v.visitId) : [])} />
            )}
            <DataTable<Row>
              caption="Visits still open"
              rows={data.open}
              rowKey={(v) => v.visitId}
              rowClass={(v) => (v.signOutSent ? 'row-muted' : '')}
              empty=""
              columns={[
                {
                  label: 'Visitor',
                  primary: true,
                  cell: (v) =>
                    v.signOutSent ? (
                      <>
                        <Name>{v.fullName}</Name> <Sent />
                      </>
                    ) : (
                      <Check
                        label={
                          <>
                            <Name>{v.fullName}</Name>
                            <span className="sub">Badge {v.badgePrefix}{v.badgeNumber}</span>
                          </>
                        }
                        checked={selected.includes(v.visitId)}
                        onChange={(on) => toggle(v.visitId, on)}
                        describedBy={error ? 'open-err' : undefined}
                      />
                    ),
                },
                { label: 'Visiting', cell: (v) => <bdi dir="auto">{v.hostName}</bdi> },
                { label: 'Arrived', cell: (v) => dateTime(v.arrivedAt, new Date(data.at)) },
                { label: 'Kiosk', cell: (v) => v.kioskName },
                { label: 'Phone', cell: (v) => <PhoneTag visit={v} /> },
              ]}
            />
            {error && (
              <p id="open-err" className="field-error">
                {error}
              </p>
            )}
          </fieldset>
          {choosable.length > 0 && (
            <>
              <Check label="Their phone has been handed back to them" checked={phoneReturned} onChange={setPhoneReturned} />
              <p className="hint">Tick only if every chosen visitor has their phone back, or had none held.</p>
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={form.busy}>
                  {selected.length > 0 ? `Sign out as staff (${selected.length})` : 'Sign out as staff'}
                </button>
              </div>
            </>
          )}
        </>
      )}
    </form>
  );
}

function Uncollected({ data, onSent }: { data: EndOfDayData; onSent: (message: string) => void }) {
  const [handedBack, setHandedBack] = useState<string[]>([]);
  const form = useSubmit();
  const back = (v: Row) =>
    void form.submit(async () => {
      await call('endOfDay.signOut', { visitIds: [v.visitId], phoneReturned: true });
      setHandedBack((h) => [...h, v.visitId]);
      onSent(`${v.fullName}: phone handed back. The kiosk records it at its next sync.`);
    });
  const today = data.at.slice(0, 10);
  return (
    <section className="panel" aria-labelledby="phones-title">
      <h2 id="phones-title">Phones not collected ({data.uncollected.length})</h2>
      <FormMessage message={form.message} />
      <DataTable<Row>
        caption="Phones not collected"
        rows={data.uncollected}
        rowKey={(v) => v.visitId}
        rowClass={(v) => (handedBack.includes(v.visitId) ? 'row-muted' : 'row-danger')}
        empty="No phones are waiting to be collected."
        columns={[
          {
            label: 'Owner',
            primary: true,
            cell: (v) => (
              <>
                <Name>{v.fullName}</Name>
                <span className="sub">Badge {v.badgePrefix}{v.badgeNumber}</span>
              </>
            ),
          },
          { label: 'Phone', cell: (v) => <PhoneTag visit={v} /> },
          {
            label: 'Owner left',
            cell: (v) =>
              v.departedAt
                ? `${dateTime(v.departedAt, new Date(data.at))}${v.departedBy === 'staff' ? ' (signed out by staff)' : ''}`
                : `Still signed in from ${v.arrivedAt.slice(0, 10) < today ? 'an earlier day' : 'today'}`,
          },
          { label: 'Kiosk', cell: (v) => v.kioskName },
          {
            label: 'Action',
            cell: (v) =>
              handedBack.includes(v.visitId) ? (
                <Sent />
              ) : (
                <button type="button" className="btn btn-small" disabled={form.busy} aria-label={`Phone handed back: ${v.fullName}, badge ${v.badgePrefix}${v.badgeNumber}`} onClick={() => back(v)}>
                  Phone handed back
                </button>
              ),
          },
        ]}
      />
    </section>
  );
}

const CLOCK = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;

/** Administrators: when the office reviews, and the hour kiosks sign out whoever is left. */
function Times({ data, onSaved }: { data: EndOfDayData; onSaved: (message: string) => void }) {
  const [reviewAt, setReviewAt] = useState(data.reviewAt ?? '17:00');
  const [auto, setAuto] = useState(data.autoSignOutAt !== null);
  const [autoAt, setAutoAt] = useState(data.autoSignOutAt ?? '23:00');
  const { busy, errors, message, submit } = useSubmit();
  // A time inside school hours or already past today signs out people still on site: ask first.
  const [confirming, setConfirming] = useState<'school_hours' | 'past' | null>(null);
  const save = async (e: FormEvent | null, confirmed = false) => {
    e?.preventDefault();
    const local: Record<string, string> = {};
    if (!CLOCK.test(reviewAt)) local.reviewAt = 'Enter a time like 17:00.';
    if (auto && !CLOCK.test(autoAt)) local.autoSignOutAt = 'Enter a time like 23:00.';
    if (auto && CLOCK.test(autoAt) && CLOCK.test(reviewAt) && autoAt <= reviewAt) local.autoSignOutAt = 'Make it later than the review time.';
    const concern = auto && CLOCK.test(autoAt) ? autoSignOutConcern(autoAt, data.localTime) : null;
    if (concern && !confirmed && Object.keys(local).length === 0) {
      setConfirming(concern);
      return;
    }
    const ok = await submit(async () => {
      await call('endOfDay.configure', { reviewAt, autoSignOutAt: auto ? autoAt : null, confirmed });
    }, local);
    if (ok) onSaved(auto ? `Saved. Kiosks will sign out whoever is left at ${autoAt}, marked as automatic.` : 'Saved. No automatic sign-out.');
  };
  return (
    <section aria-labelledby="times-title" className="panel">
      <h2 id="times-title">Times (administrators)</h2>
      <form onSubmit={(e) => void save(e)} noValidate>
        <FormMessage message={message} />
        <Field label="Review the site at" type="time" size="short" value={reviewAt} onChange={setReviewAt} error={errors.reviewAt} required />
        <Check
          label="Sign out whoever is still signed in at a set time"
          checked={auto}
          onChange={setAuto}
          hint="Recorded as an automatic sign-out, never as the visitor. Phones are not marked as handed back: they stay on this page until someone does."
        />
        {auto && <Field label="Automatic sign-out at" type="time" size="short" value={autoAt} onChange={setAutoAt} error={errors.autoSignOutAt} required />}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Save times
        </button>
      </form>
      {confirming && (
        <ConfirmDialog
          title={`Sign out everyone at ${autoAt}?`}
          text={
            <p>
              {confirming === 'school_hours'
                ? `${autoAt} is inside school hours (${SCHOOL_HOURS.from}–${SCHOOL_HOURS.to}). Every kiosk will sign out whoever is still signed in at that time each day, including visitors who are still on site.`
                : `${autoAt} has already passed today (it is ${data.localTime} now). Kiosks will sign out everyone on site straight away.`}
            </p>
          }
          confirmLabel={`Sign out at ${autoAt}`}
          danger
          onCancel={() => setConfirming(null)}
          onConfirm={async () => {
            setConfirming(null);
            await save(null, true);
          }}
        />
      )}
    </section>
  );
}
