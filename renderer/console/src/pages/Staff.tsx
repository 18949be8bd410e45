// Staff accounts (administrators only): create an account with a role, change a role, disable
// or enable, unlock after too many wrong passwords, and set a new password.
import { useState, type FormEvent } from 'react';
import { OFFICE_LIMITS, ROLE_LABELS, ROLES, type Role, type StaffMember } from '../../../../shared/office';
import { call } from '../api';
import { dateTime } from '../format';
import { DataTable, FoldedForm, Dialog, Field, FormMessage, LoadError, Loading, Page, Select, Status, Tag, useLoad, useSubmit } from '../ui';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const ROLE_HINT = 'Office staff: the day-to-day screens. DSL: also closes breaches and can revoke device use. Headteacher: also decides device requests and edits the policy. Administrator: accounts, kiosks and site lists.';

type Editing = { kind: 'role' | 'password'; staff: StaffMember } | null;

export function Staff({ me }: { me: StaffMember }) {
  const { data, error, loading, reload } = useLoad(() => call('staff.list', {}), []);
  const [editing, setEditing] = useState<Editing>(null);
  const [done, setDone] = useState('');
  const [busyId, setBusyId] = useState('');
  const quick = async (s: StaffMember, patch: { active?: boolean; unlock?: boolean }, message: string) => {
    setBusyId(s.id);
    setDone('');
    try {
      await call('staff.update', { id: s.id, ...patch });
      setDone(message);
      reload();
    } catch (e) {
      setDone(e instanceof Error ? e.message : 'That did not work.');
    } finally {
      setBusyId('');
    }
  };
  const now = new Date();
  return (
    <Page title="Staff accounts" lead="Everyone who uses this console has their own account; what they do is recorded under their name.">
      <Status message={done} />
      <CreateForm
        onDone={(s) => {
          setDone(`Account ${s.username} created.`);
          reload();
        }}
      />
      <h2>Accounts</h2>
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <DataTable<StaffMember>
          caption="Staff accounts"
          rows={data.staff}
          rowKey={(s) => s.id}
          rowClass={(s) => (s.active ? '' : 'row-muted')}
          empty="No accounts."
          columns={[
            {
              label: 'Name',
              primary: true,
              cell: (s) => (
                <>
                  <bdi dir="auto" className="strong">
                    {s.displayName}
                  </bdi>
                  <span className="sub">
                    {s.username}
                    {s.id === me.id ? ' (you)' : ''}
                  </span>
                </>
              ),
            },
            { label: 'Role', cell: (s) => ROLE_LABELS[s.role] },
            {
              label: 'Status',
              cell: (s) => (
                <span className="tags">
                  {s.active ? <Tag tone="ok">Active</Tag> : <Tag tone="neutral">Disabled</Tag>}
                  {s.lockedUntil && new Date(s.lockedUntil) > now && <Tag tone="danger">Locked until {dateTime(s.lockedUntil)}</Tag>}
                </span>
              ),
            },
            {
              label: 'Actions',
              cell: (s) => (
                <span className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'role', staff: s })} aria-label={`Change role of ${s.displayName}`}>
                    Change role
                  </button>
                  <button type="button" className="btn btn-small" onClick={() => setEditing({ kind: 'password', staff: s })} aria-label={`Reset password of ${s.displayName}`}>
                    Reset password
                  </button>
                  {s.lockedUntil && new Date(s.lockedUntil) > now && (
                    <button type="button" className="btn btn-small" disabled={busyId === s.id} onClick={() => void quick(s, { unlock: true }, `${s.displayName} unlocked.`)} aria-label={`Unlock ${s.displayName}`}>
                      Unlock
                    </button>
                  )}
                  {s.id !== me.id && (
                    <button
                      type="button"
                      className={`btn btn-small${s.active ? ' btn-danger-outline' : ''}`}
                      disabled={busyId === s.id}
                      onClick={() => void quick(s, { active: !s.active }, `${s.displayName} ${s.active ? 'disabled' : 'enabled'}.`)}
                      aria-label={`${s.active ? 'Disable' : 'Enable'} ${s.displayName}`}
                    >
                      {s.active ? 'Disable' : 'Enable'}
                    </button>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
      {editing?.kind === 'role' && (
        <RoleDialog
          staff={editing.staff}
          onCancel={() => setEditing(null)}
          onDone={(s) => {
            setEditing(null);
            setDone(`${s.displayName} is now: ${ROLE_LABELS[s.role]}.`);
            reload();
          }}
        />
      )}
      {editing?.kind === 'password' && (
        <PasswordDialog
          staff={editing.staff}
          onCancel={() => setEditing(null)}
          onDone={() => {
            setEditing(null);
            setDone(`New password set for ${editing.staff.displayName}. Give it to them in person.`);
          }}
        />
      )}
    </Page>
  );
}

function CreateForm({ onDone }: { onDone: (s: StaffMember) => void }) {
  const blank = { username: '', displayName: '', role: 'office' as Role, password: '' };
  const [f, setF] = useState(blank);
  const [open, setOpen] = useState(false);
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => {
      const r = await call('staff.create', f);
      setF(blank);
      setOpen(false);
      onDone(r.staff);
    });
  };
  return (
    <FoldedForm
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      title="Create an account"
      headingId="create-staff"
      submitLabel="Create account"
      busy={form.busy}
      message={form.message}
      onSubmit={submit}
    >
      <div className="field-row">
        <Field label="Name" hint="e.g. Jane Smith" value={f.displayName} onChange={(v) => setF({ ...f, displayName: v })} error={form.errors.displayName} required />
        <Field
          label="Username"
          hint="Lower-case letters, numbers, dots or dashes."
          value={f.username}
          onChange={(v) => setF({ ...f, username: v })}
          error={form.errors.username === 'This is not valid.' ? 'Use 2 to 40 lower-case letters, numbers, dots, dashes or underscores.' : form.errors.username}
          required
        />
      </div>
      <Select label="Role" hint={ROLE_HINT} value={f.role} onChange={(v) => setF({ ...f, role: v })} options={ROLE_OPTIONS} error={form.errors.role} />
      <Field
        label="First password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${OFFICE_LIMITS.password.min} characters. Give it to them in person.`}
        value={f.password}
        onChange={(v) => setF({ ...f, password: v })}
        error={form.errors.password}
        required
      />
    </FoldedForm>
  );
}

function RoleDialog({ staff, onCancel, onDone }: { staff: StaffMember; onCancel: () => void; onDone: (s: StaffMember) => void }) {
  const [role, setRole] = useState<Role>(staff.role);
  const form = useSubmit();
  return (
    <Dialog
      title={`Change role: ${staff.displayName}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={form.busy}
            onClick={() => void form.submit(async () => onDone((await call('staff.update', { id: staff.id, role })).staff))}
          >
            Save role
          </button>
        </>
      }
    >
      <FormMessage message={form.message} />
      <Select label="Role" hint={ROLE_HINT} value={role} onChange={setRole} options={ROLE_OPTIONS} error={form.errors.role} />
    </Dialog>
  );
}

function PasswordDialog({ staff, onCancel, onDone }: { staff: StaffMember; onCancel: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const form = useSubmit();
  const min = OFFICE_LIMITS.password.min;
  return (
    <Dialog
      title={`New password for ${staff.displayName}`}
      onCancel={onCancel}
      actions={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={form.busy}
            onClick={() =>
              void form.submit(
                async () => {
                  await call('staff.update', { id: staff.id, password });
                  onDone();
                },
                password.length < min ? { password: `Use at least ${min} characters.` } : {},
              )
            }
          >
            Set password
          </button>
        </>
      }
    >
      <FormMessage message={form.message} />
      <Field label="New password" type="password" autoComplete="new-password" hint={`At least ${min} characters.`} value={password} onChange={setPassword} error={form.errors.password} required />
    </Dialog>
  );
}
