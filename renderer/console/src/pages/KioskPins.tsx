// Personal kiosk PINs (issue #12). Each member of staff can set their own PIN for the kiosks:
// it opens the fire roll call (and the staff exit) at every paired kiosk, works with the office
// down, and the roll-call marks made with it carry their name. An administrator can set or
// clear anyone's. The PIN goes to the kiosks only as a slow hash; nobody can read it back.
import { useState, type FormEvent } from 'react';
import type { KioskPins as KioskPinsView, Role, StaffMember } from '../../../../shared/office';
import { call } from '../api';
import { dateTime } from '../format';
import { DataTable, Field, FormMessage, LoadError, Loading, Page, Select, Status, useLoad, useSubmit } from '../ui';

const PIN_RE = /^[0-9]{4,8}$/;

export function KioskPins({ role }: { role: Role }) {
  const { data, error, loading, reload } = useLoad(() => call('staff.kioskPins', {}), []);
  const [done, setDone] = useState('');
  return (
    <Page
      title="Kiosk PINs"
      lead="Your own PIN for the kiosks opens the fire roll call at any kiosk, even with the office computer off, and every mark you make there carries your name. Choose 4 to 8 digits that you do not use elsewhere."
    >
      <Status message={done} />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <OwnPin view={data} onDone={(m) => (setDone(m), reload())} />
          {role === 'admin' && <StaffPins view={data} onDone={(m) => (setDone(m), reload())} />}
        </>
      )}
    </Page>
  );
}

function OwnPin({ view, onDone }: { view: KioskPinsView; onDone: (m: string) => void }) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!PIN_RE.test(pin)) local.pin = 'A PIN is 4 to 8 digits.';
    else if (pin !== again) local.again = 'The two PINs are not the same.';
    void form
      .submit(async () => {
        await call('staff.setKioskPin', { pin });
      }, local)
      .then((ok) => {
        if (!ok) return;
        setPin('');
        setAgain('');
        onDone('Your kiosk PIN is set. The kiosks have it within a minute.');
      });
  };
  return (
    <section className="panel" aria-labelledby="own-pin">
      <h2 id="own-pin">Your kiosk PIN</h2>
      <p>{view.mine ? `Set ${dateTime(view.mine.setAt)}.` : 'You have no kiosk PIN.'}</p>
      <form className="form inline-form" onSubmit={submit} noValidate>
        <FormMessage message={form.message} />
        <Field label={view.mine ? 'New PIN' : 'PIN'} type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={pin} onChange={setPin} error={form.errors.pin} required size="short" />
        <Field label="Type it again" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={again} onChange={setAgain} error={form.errors.again} required size="short" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            Set my kiosk PIN
          </button>
          {view.mine && (
            <button
              type="button"
              className="btn btn-secondary"
              disabled={form.busy}
              onClick={() => void form.submit(async () => (await call('staff.clearKioskPin', {}), onDone('Your kiosk PIN is cleared from every kiosk.')))}
            >
              Clear my kiosk PIN
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function StaffPins({ view, onDone }: { view: KioskPinsView; onDone: (m: string) => void }) {
  const staff = useLoad(() => call('staff.list', {}), []);
  const [staffId, setStaffId] = useState('');
  const [pin, setPin] = useState('');
  const form = useSubmit();
  const active = (staff.data?.staff ?? []).filter((s: StaffMember) => s.active);
  const chosen = staffId || active[0]?.id || '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = PIN_RE.test(pin) ? {} : { pin: 'A PIN is 4 to 8 digits.' };
    const who = active.find((s) => s.id === chosen)?.displayName ?? '';
    void form
      .submit(async () => {
        await call('staff.setKioskPin', { staffId: chosen, pin });
      }, local)
      .then((ok) => {
        if (!ok) return;
        setPin('');
        onDone(`Kiosk PIN set for ${who}. Tell them the PIN in person.`);
      });
  };
  return (
    <section className="panel" aria-labelledby="staff-pins">
      <h2 id="staff-pins">Staff kiosk PINs</h2>
      <DataTable
        caption="Who has a kiosk PIN"
        rows={view.staff}
        rowKey={(r) => r.staffId}
        empty="Nobody has a kiosk PIN yet."
        columns={[
          { label: 'Name', primary: true, cell: (r) => <bdi dir="auto">{r.displayName}</bdi> },
          { label: 'Set', cell: (r) => dateTime(r.setAt) },
          {
            label: 'Actions',
            cell: (r) => (
              <button
                type="button"
                className="btn btn-danger-outline"
                aria-label={`Clear the kiosk PIN of ${r.displayName}`}
                onClick={() => void form.submit(async () => (await call('staff.clearKioskPin', { staffId: r.staffId }), onDone(`Kiosk PIN of ${r.displayName} cleared from every kiosk.`)))}
              >
                Clear
              </button>
            ),
          },
        ]}
      />
      {active.length > 0 && (
        <form className="form inline-form" onSubmit={submit} noValidate>
          <h3>Set a PIN for someone</h3>
          <FormMessage message={form.message} />
          <Select label="Member of staff" value={chosen} options={active.map((s) => ({ value: s.id, label: `${s.displayName} (${s.username})` }))} onChange={setStaffId} size="medium" />
          <Field label="Their PIN" type="password" inputMode="numeric" autoComplete="off" maxLength={8} value={pin} onChange={setPin} error={form.errors.pin} required size="short" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={form.busy}>
              Set their kiosk PIN
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
