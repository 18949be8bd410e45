// The trust's own accounts (trust administrators only): add a trust safeguarding lead or
// administrator (who chooses their own password at first use), switch role, disable or
// enable, unlock, and give a new password. Each change is recorded in the trust's log.
import { useState, type FormEvent } from 'react';
import { OFFICE_LIMITS } from '../../../../shared/office';
import { TRUST_ROLE_LABELS, TRUST_ROLES, type TrustRole, type TrustStaffMember } from '../../../../shared/trust';
import { dateTime } from '../format';
import { DataTable, Dialog, Field, FormMessage, LoadError, Loading, Page, Select, Status, Tag, useLoad, useSubmit } from '../ui';
import { trustApi } from './api';

const ROLE_OPTIONS = TRUST_ROLES.map((r) => ({ value: r, label: TRUST_ROLE_LABELS[r] }));

export function TrustStaffPage({ me }: { me: string }) {
  const { data, error, loading, reload } = useLoad(() => trustApi.staff(), []);
  const [said, setSaid] = useState('');
  const [newPasswordFor, setNewPasswordFor] = useState<TrustStaffMember | null>(null);
  const change = async (s: TrustStaffMember, patch: Record<string, unknown>, message: string) => {
    setSaid('');
    try {
      await trustApi.updateStaff(s.id, patch);
      setSaid(message);
      reload();
    } catch (e) {
      setSaid(e instanceof Error ? e.message : 'That did not work.');
    }
  };
  const now = new Date();
  return (
    <Page title="Trust staff" lead="The trust's safeguarding leads and administrators. Each has their own account; what they do, and every school they open, is recorded under their name.">
      <Status message={said} />
      <AddTrustAccount onDone={(s) => (setSaid(`Account ${s.username} added. They choose their own password when they first log in.`), reload())} />
      <h2>Accounts</h2>
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <DataTable<TrustStaffMember>
          caption="Trust accounts"
          rows={data.staff}
          rowKey={(s) => s.id}
          rowClass={(s) => (s.active ? '' : 'row-muted')}
          empty="No accounts."
          columns={[
            { label: 'Name', primary: true, cell: (s) => <><bdi dir="auto" className="strong">{s.displayName}</bdi><span className="sub">{s.username}{s.id === me ? ' (you)' : ''}</span></> },
            { label: 'Role', cell: (s) => TRUST_ROLE_LABELS[s.role] },
            {
              label: 'Status',
              cell: (s) => (
                <span className="tags">
                  <Tag tone={s.active ? 'ok' : 'neutral'}>{s.active ? 'Active' : 'Disabled'}</Tag>
                  {s.mustChangePassword && <Tag tone="info">Must choose a password</Tag>}
                  {s.lockedUntil && new Date(s.lockedUntil) > now && <Tag tone="danger">Locked until {dateTime(s.lockedUntil)}</Tag>}
                </span>
              ),
            },
            {
              label: 'Actions',
              cell: (s) => {
                const other: TrustRole = s.role === 'trust_admin' ? 'trust_dsl' : 'trust_admin';
                return (
                  <span className="row-actions">
                    {s.id !== me && (
                      <button type="button" className="btn btn-small" onClick={() => void change(s, { role: other }, `${s.username} is now ${TRUST_ROLE_LABELS[other].toLowerCase()}.`)}>
                        Make {TRUST_ROLE_LABELS[other].toLowerCase()}
                      </button>
                    )}
                    <button type="button" className="btn btn-small" onClick={() => setNewPasswordFor(s)}>
                      New password
                    </button>
                    {s.lockedUntil && (
                      <button type="button" className="btn btn-small" onClick={() => void change(s, { unlock: true }, `${s.username} unlocked.`)}>
                        Unlock
                      </button>
                    )}
                    {s.id !== me && (
                      <button type="button" className="btn btn-small btn-danger-outline" onClick={() => void change(s, { active: !s.active }, `${s.username} ${s.active ? 'disabled and signed out' : 'enabled'}.`)}>
                        {s.active ? 'Disable' : 'Enable'}
                      </button>
                    )}
                  </span>
                );
              },
            },
          ]}
        />
      )}
      {newPasswordFor && (
        <GivePassword
          staff={newPasswordFor}
          onCancel={() => setNewPasswordFor(null)}
          onDone={() => {
            setSaid(`New password given to ${newPasswordFor.username}; they choose their own at their next log in.`);
            setNewPasswordFor(null);
            reload();
          }}
        />
      )}
    </Page>
  );
}

function AddTrustAccount({ onDone }: { onDone: (s: TrustStaffMember) => void }) {
  const blank = { displayName: '', username: '', role: 'trust_dsl' as TrustRole, password: '' };
  const [f, setF] = useState(blank);
  const { busy, errors, message, submit } = useSubmit();
  const min = OFFICE_LIMITS.password.min;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!f.displayName.trim()) local.displayName = 'Enter their name.';
    if (!f.username.trim()) local.username = 'Choose a username.';
    if (f.password.length < min) local.password = `Use at least ${min} characters.`;
    await submit(async () => {
      const { staff } = await trustApi.createStaff(f);
      setF(blank);
      onDone(staff);
    }, local);
  };
  return (
    <form className="form panel" onSubmit={(e) => void onSubmit(e)} noValidate>
      <h2>Add a trust account</h2>
      <FormMessage message={message} />
      <Field label="Name" value={f.displayName} onChange={(displayName) => setF({ ...f, displayName })} error={errors.displayName} required size="medium" />
      <Field label="Username" value={f.username} onChange={(username) => setF({ ...f, username })} error={errors.username} required size="medium" autoComplete="off" />
      <Select label="Role" value={f.role} options={ROLE_OPTIONS} onChange={(role) => setF({ ...f, role })} size="medium" hint="A trust safeguarding lead sees each school as its DSL does and changes nothing. A trust administrator sees it as its administrator does, and can only recover staff accounts and take a lost kiosk off." />
      <Field label="First password" type="password" value={f.password} onChange={(password) => setF({ ...f, password })} error={errors.password} required size="medium" autoComplete="new-password" hint="Tell them in person; they choose their own at first log in." />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add account'}
        </button>
      </div>
    </form>
  );
}

function GivePassword({ staff, onCancel, onDone }: { staff: TrustStaffMember; onCancel: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const { busy, errors, message, submit } = useSubmit();
  const save = () => void submit(async () => (await trustApi.updateStaff(staff.id, { password }), onDone()), password.length < OFFICE_LIMITS.password.min ? { password: `Use at least ${OFFICE_LIMITS.password.min} characters.` } : {});
  return (
    <Dialog
      title={`New password for ${staff.displayName}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>Cancel</button>
          <button type="button" className="btn btn-primary" disabled={busy} onClick={save}>{busy ? 'Saving…' : 'Give password'}</button>
        </>
      }
    >
      <FormMessage message={message} />
      <Field label="New password" type="password" value={password} onChange={setPassword} error={errors.password} required autoComplete="new-password" />
    </Dialog>
  );
}
