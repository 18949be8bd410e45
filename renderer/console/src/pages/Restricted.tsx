// People who must not be admitted (issue #13): name, other spellings (aliases, in any script),
// optional date of birth, the reason (seen by the DSL and head only) and when to review the
// entry. Kiosks receive only keyed hashes of the names. A sign-in that matches is held: the
// visitor is asked to see reception, and the alert shows here and at the top of every page.
import { useState } from 'react';
import type { RestrictedAlert, RestrictedEntry } from '../../../../shared/admission';
import type { Role } from '../../../../shared/office';
import { call } from '../api';
import { date, dateTime } from '../format';
import { ConfirmDialog, DataTable, Field, FormMessage, LoadError, Loading, Name, Notice, Page, Status, Tag, TextArea, useLoad, useSubmit } from '../ui';

const SAFEGUARDING: readonly Role[] = ['dsl', 'head'];

/** Open alerts, on every page of the console: reception and the DSL see a match at once. */
export function RestrictedAlertBanner() {
  const alerts = useLoad(() => call('restricted.alerts', {}), [], { pollMs: 5_000 });
  const open = alerts.data?.alerts.filter((a) => a.acknowledgedAt === null) ?? [];
  const form = useSubmit();
  if (open.length === 0) return null;
  return (
    <div role="alert" className="notice notice-danger restricted-alert">
      <p className="notice-title">Held at the kiosk: a sign-in matched the restricted list. Go to the visitor now; do not let them in.</p>
      <FormMessage message={form.message} />
      <ul>
        {open.map((a) => (
          <li key={a.id}>
            <Name>{a.typedName}</Name> at <bdi dir="auto">{a.kioskName}</bdi>, {dateTime(a.at)} — matched <Name>{a.entryName}</Name>.{' '}
            <button type="button" className="btn btn-small" disabled={form.busy} onClick={() => void form.submit(async () => { await call('restricted.acknowledge', { id: a.id }); }).then(() => alerts.reload())}>
              Dealt with
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

type Draft = { id?: string; fullName: string; aliases: string; dateOfBirth: string; reason: string; reviewOn: string };
const EMPTY: Draft = { fullName: '', aliases: '', dateOfBirth: '', reason: '', reviewOn: '' };

export function Restricted({ role }: { role: Role }) {
  const list = useLoad(() => call('restricted.list', {}), []);
  const alerts = useLoad(() => call('restricted.alerts', {}), [], { pollMs: 10_000 });
  const mayEdit = SAFEGUARDING.includes(role);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [removing, setRemoving] = useState<RestrictedEntry | null>(null);
  const [done, setDone] = useState('');
  const form = useSubmit();

  const save = () => {
    if (!draft) return;
    void form
      .submit(async () => {
        await call('restricted.save', {
          ...(draft.id ? { id: draft.id } : {}),
          fullName: draft.fullName,
          aliases: draft.aliases.split('\n').map((a) => a.trim()).filter(Boolean),
          dateOfBirth: draft.dateOfBirth || null,
          reason: draft.reason,
          reviewOn: draft.reviewOn,
        });
      })
      .then((ok) => {
        if (ok) {
          setDone(`${draft.fullName} saved. Kiosks get the change at their next sync.`);
          setDraft(null);
          list.reload();
        }
      });
  };

  return (
    <Page
      title="Restricted list"
      lead="People who must not be admitted. Kiosks never hold these names: only keyed hashes, to recognise a sign-in. A match is held quietly at the kiosk and shown here."
      actions={
        mayEdit && !draft ? (
          <button type="button" className="btn btn-primary" onClick={() => setDraft(EMPTY)}>
            Add a person
          </button>
        ) : undefined
      }
    >
      <Status message={done} />
      {draft && (
        <section className="panel" aria-labelledby="restricted-form">
          <h2 id="restricted-form">{draft.id ? 'Change the entry' : 'Add a person'}</h2>
          <FormMessage message={form.message} />
          <Field label="Full name" value={draft.fullName} onChange={(v) => setDraft({ ...draft, fullName: v })} required error={form.errors.fullName} />
          <TextArea
            label="Other names and spellings (one a line)"
            hint="Maiden names, nicknames, and the name in any other script it is written in (for example Arabic or Cyrillic)."
            value={draft.aliases}
            onChange={(v) => setDraft({ ...draft, aliases: v })}
            error={form.errors.aliases}
          />
          <Field label="Date of birth" type="date" value={draft.dateOfBirth} onChange={(v) => setDraft({ ...draft, dateOfBirth: v })} required={false} error={form.errors.dateOfBirth} />
          <TextArea label="Reason (seen by the DSL and headteacher only)" value={draft.reason} onChange={(v) => setDraft({ ...draft, reason: v })} required error={form.errors.reason} />
          <Field label="Review on" type="date" value={draft.reviewOn} onChange={(v) => setDraft({ ...draft, reviewOn: v })} required error={form.errors.reviewOn} />
          <div className="actions">
            <button type="button" className="btn btn-primary" disabled={form.busy} onClick={save}>
              Save
            </button>
            <button type="button" className="btn" onClick={() => { setDraft(null); form.clear(); }}>
              Cancel
            </button>
          </div>
        </section>
      )}
      {list.error !== null && <LoadError error={list.error} onRetry={list.reload} />}
      {list.loading && !list.data && <Loading />}
      {list.data && (
        <DataTable<RestrictedEntry>
          caption="People who must not be admitted"
          rows={list.data.entries}
          rowKey={(e) => e.id}
          empty="Nobody is on the restricted list."
          columns={[
            {
              label: 'Name',
              primary: true,
              cell: (e) => (
                <>
                  <Name>{e.fullName}</Name>
                  {e.aliases.length > 0 && <span className="sub" dir="auto">Also: {e.aliases.join(', ')}</span>}
                  {e.dateOfBirth && <span className="sub">Born {date(e.dateOfBirth)}</span>}
                </>
              ),
            },
            ...(mayEdit ? [{ label: 'Reason', cell: (e: RestrictedEntry) => <span dir="auto">{e.reason}</span> }] : []),
            { label: 'Review', cell: (e) => (e.reviewDue ? <Tag tone="warn">Review due {date(e.reviewOn)}</Tag> : date(e.reviewOn)) },
            ...(mayEdit
              ? [
                  {
                    label: 'Actions',
                    cell: (e: RestrictedEntry) => (
                      <>
                        <button type="button" className="btn btn-small" aria-label={`Change the entry for ${e.fullName}`} onClick={() => setDraft({ id: e.id, fullName: e.fullName, aliases: e.aliases.join('\n'), dateOfBirth: e.dateOfBirth ?? '', reason: e.reason ?? '', reviewOn: e.reviewOn })}>
                          Change
                        </button>{' '}
                        <button type="button" className="btn btn-small" aria-label={`Remove ${e.fullName} from the list`} onClick={() => setRemoving(e)}>
                          Remove
                        </button>
                      </>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.fullName} from the restricted list?`}
          confirmLabel="Remove"
          text="Kiosks will no longer hold sign-ins under this name."
          onCancel={() => setRemoving(null)}
          onConfirm={async () => {
            await call('restricted.remove', { id: removing.id });
            setRemoving(null);
            setDone(`${removing.fullName} removed. Kiosks forget the entry at their next sync.`);
            list.reload();
          }}
        />
      )}
      <section className="panel" aria-labelledby="alerts-title">
        <h2 id="alerts-title">Held sign-ins</h2>
        {alerts.data && alerts.data.alerts.length === 0 && <Notice>No sign-in has matched the list.</Notice>}
        {alerts.data && alerts.data.alerts.length > 0 && (
          <DataTable<RestrictedAlert>
            caption="Held sign-ins"
            rows={alerts.data.alerts}
            rowKey={(a) => a.id}
            empty="None."
            columns={[
              { label: 'Typed at the kiosk', primary: true, cell: (a) => <Name>{a.typedName}</Name> },
              { label: 'Matched', cell: (a) => <Name>{a.entryName}</Name> },
              { label: 'Where and when', cell: (a) => <><bdi dir="auto">{a.kioskName}</bdi><span className="sub">{dateTime(a.at)}</span></> },
              { label: 'Dealt with', cell: (a) => (a.acknowledgedAt ? <>{dateTime(a.acknowledgedAt)}<span className="sub">{a.acknowledgedBy}</span></> : <Tag tone="danger">Open</Tag>) },
            ]}
          />
        )}
      </section>
    </Page>
  );
}
