// The site's own lists, which the kiosks fetch: lockers and pouches, the places where an
// approved device may be used, and the people visitors come to see. Rows are renamed,
// deactivated (never deleted: old visits still name them) or added, then saved as a whole.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { ReferenceData } from '../../../../shared/office';
import { call } from '../api';
import { lockerName, slugId } from '../format';
import { FormMessage, LoadError, Loading, Page, Status, Tag, useLoad, useSubmit } from '../ui';

type Row = { id: string; name: string; active: boolean; kind?: 'locker' | 'pouch'; isNew?: boolean };

export function SiteLists() {
  const { data, error, loading, reload } = useLoad(() => call('reference.get', {}), []);
  return (
    <Page title="Lockers, places and hosts" lead="The kiosks show these lists and fetch changes at their next sync. Deactivate what is no longer used: past visits keep its name.">
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <ListEditor
            title="Lockers and pouches"
            word="locker"
            withKind
            items={data.lockers.map((l) => ({ id: l.id, name: l.label, active: l.active, kind: l.kind }))}
            errorKey="lockers"
            nameKey="label"
            onSave={async (rows) => {
              await call('lockers.save', { lockers: rows.map((r) => ({ id: r.id, label: r.name, kind: r.kind ?? 'locker', active: r.active })) });
              reload();
            }}
          />
          <ListEditor
            title="Places where approved devices may be used"
            word="place"
            items={data.locations}
            errorKey="locations"
            nameKey="name"
            onSave={async (rows) => {
              await call('locations.save', { locations: rows.map((r) => ({ id: r.id, name: r.name, active: r.active })) });
              reload();
            }}
          />
          <ListEditor
            title="Hosts (who visitors come to see)"
            word="host"
            items={data.hosts}
            errorKey="hosts"
            nameKey="name"
            onSave={async (rows) => {
              await call('hosts.save', { hosts: rows.map((r) => ({ id: r.id, name: r.name, active: r.active })) });
              reload();
            }}
          />
        </>
      )}
    </Page>
  );
}

export function ListEditor(props: {
  title: string;
  word: string;
  items: Row[];
  withKind?: boolean;
  errorKey: keyof Pick<ReferenceData, 'lockers' | 'locations' | 'hosts'> | 'neverPlaces';
  nameKey: string;
  onSave: (rows: Row[]) => Promise<void>;
}) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(props.items);
  const [newName, setNewName] = useState('');
  const [newKind, setNewKind] = useState<'locker' | 'pouch'>('locker');
  const [addError, setAddError] = useState('');
  const [saved, setSaved] = useState('');
  const form = useSubmit();
  useEffect(() => setRows(props.items), [props.items]);
  const dirty = JSON.stringify(rows) !== JSON.stringify(props.items);
  const update = (i: number, patch: Partial<Row>) => {
    setSaved('');
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };
  const label = (r: Row) => (props.withKind ? lockerName(r.name || '?', r.kind ?? 'locker') : r.name);

  const add = (e: FormEvent) => {
    e.preventDefault();
    const name = newName.trim();
    if (!name) return setAddError(`Type the new ${props.word}’s name first.`);
    if (rows.some((r) => r.name.trim().toLowerCase() === name.toLowerCase())) return setAddError(`There is already a ${props.word} called “${name}”.`);
    setAddError('');
    setSaved('');
    const row: Row = { id: slugId(name, new Set(rows.map((r) => r.id))), name, active: true, isNew: true };
    if (props.withKind) row.kind = newKind;
    setRows((rs) => [...rs, row]);
    setNewName('');
  };
  const save = () =>
    void form
      .submit(() => props.onSave(rows.map(({ isNew: _n, ...r }) => ({ ...r, name: r.name.trim() }))))
      .then((ok) => ok && setSaved('Saved. Kiosks get the change at their next sync.'));

  const rowError = (i: number) => form.errors[`${props.errorKey}.${i}.${props.nameKey}`] ?? form.errors[`${props.errorKey}.${i}.id`];

  return (
    <section className="panel" aria-labelledby={`${id}-t`}>
      <h2 id={`${id}-t`}>{props.title}</h2>
      <FormMessage message={form.message} />
      <Status message={saved} />
      {rows.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <ul className="edit-list">
          {rows.map((r, i) => {
            const err = rowError(i);
            return (
              <li key={r.id} className={`edit-row${r.active ? '' : ' inactive'}`}>
                <label className="visually-hidden" htmlFor={`${id}-${i}`}>
                  Name of {props.word} {i + 1}
                </label>
                <input
                  id={`${id}-${i}`}
                  type="text"
                  dir="auto"
                  value={r.name}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={err ? `${id}-${i}-err` : undefined}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
                {props.withKind && (
                  <>
                    <label className="visually-hidden" htmlFor={`${id}-${i}-kind`}>
                      Kind of {props.word} {i + 1}
                    </label>
                    <select id={`${id}-${i}-kind`} value={r.kind} onChange={(e) => update(i, { kind: e.target.value as 'locker' | 'pouch' })}>
                      <option value="locker">Locker</option>
                      <option value="pouch">Pouch</option>
                    </select>
                  </>
                )}
                <span className="edit-state">{r.active ? r.isNew ? <Tag tone="info">New</Tag> : <Tag tone="ok">In use</Tag> : <Tag tone="neutral">Not in use</Tag>}</span>
                <button type="button" className="btn" onClick={() => update(i, { active: !r.active })} aria-label={`${r.active ? 'Deactivate' : 'Reactivate'} ${label(r)}`}>
                  {r.active ? 'Deactivate' : 'Reactivate'}
                </button>
                {err && (
                  <p id={`${id}-${i}-err`} className="field-error edit-error">
                    {err}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <form className="add-row" onSubmit={add} noValidate>
        <div className={`field${addError ? ' has-error' : ''}`}>
          <label htmlFor={`${id}-new`}>New {props.word}</label>
          <input
            id={`${id}-new`}
            type="text"
            dir="auto"
            value={newName}
            onChange={(e) => setNewName(e.target.value)}
            aria-invalid={addError ? true : undefined}
            aria-describedby={addError ? `${id}-new-err` : undefined}
          />
          {addError && (
            <p id={`${id}-new-err`} className="field-error">
              {addError}
            </p>
          )}
        </div>
        {props.withKind && (
          <div className="field field-short">
            <label htmlFor={`${id}-new-kind`}>Kind</label>
            <select id={`${id}-new-kind`} value={newKind} onChange={(e) => setNewKind(e.target.value as 'locker' | 'pouch')}>
              <option value="locker">Locker</option>
              <option value="pouch">Pouch</option>
            </select>
          </div>
        )}
        <button type="submit" className="btn">
          Add {props.word}
        </button>
      </form>
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={form.busy || !dirty} onClick={save}>
          Save {props.title.split(' (')[0]!.toLowerCase()}
        </button>
        {dirty && <span className="muted">Changes not saved yet.</span>}
      </div>
    </section>
  );
}
