// Backups (administrators): the backup files of a hub on SQLite with their time and size, how
// many are kept, the last backup's check, and "Back up now". A hub on PostgreSQL is backed up
// with pg_dump by the database server's operators: the page says so and offers no button.
// Every backup and change is audited by the hub.
import { useEffect, useState, type FormEvent } from 'react';
import type { BackupFile, BackupResult, BackupView } from '../../../../shared/backup';
import { call } from '../api';
import { dateTime } from '../format';
import { DataTable, Field, FormMessage, LoadError, Loading, Notice, Page, Status, useLoad, useSubmit } from '../ui';

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function checkText(r: BackupResult): string {
  if (r.ok) return `Checked: the copy is intact and its audit log verifies (${r.check.audit.entries} entries).`;
  const problems = [r.check.integrity !== 'ok' ? `the database check found: ${r.check.integrity}` : '', r.check.audit.ok ? '' : `the audit log does not verify: ${r.check.audit.problem ?? ''}`].filter(Boolean);
  return `The check FAILED — ${problems.join('; ')}. Older backups were kept. Tell whoever looks after this computer.`;
}

export function Backups() {
  const { data, error, loading, reload } = useLoad(() => call('backups.get', {}), []);
  const [view, setView] = useState<BackupView | null>(null);
  useEffect(() => setView(data), [data]);
  const [done, setDone] = useState('');
  const now = useSubmit();

  const backUp = () =>
    void now.submit(async () => {
      const r = await call('backups.runNow', {});
      setView(await call('backups.get', {}));
      setDone(r.ok ? `Backup ${r.name} written and checked.` : `Backup ${r.name} written, but its check failed.`);
    });

  return (
    <Page
      title="Backups"
      lead="Copies of the office database, taken every night and whenever you ask. Keep a copy of the backups folder somewhere else too (an encrypted drive, the school's backup system)."
      actions={
        view?.engine === 'sqlite' && (
          <button type="button" className="btn btn-primary" onClick={backUp} disabled={now.busy}>
            {now.busy ? 'Backing up…' : 'Back up now'}
          </button>
        )
      }
    >
      <Status message={done} />
      <FormMessage message={now.message} />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !view && <Loading />}
      {view?.engine === 'postgres' && (
        <Notice tone="info">
          This hub keeps its records on a PostgreSQL database server. Backups are taken there with <code>pg_dump</code> by the server’s operators, not from this console: ask them how
          often, where the copies are kept and when a restore was last tried.
        </Notice>
      )}
      {view?.engine === 'sqlite' && (
        <>
          <section className="panel form" aria-labelledby="last-backup-title">
            <h2 id="last-backup-title">Last backup</h2>
            {view.last ? (
              <>
                <p>
                  {dateTime(view.last.at)}, {view.last.trigger === 'manual' ? 'taken by staff' : view.last.trigger === 'command' ? 'taken on the hub computer' : 'the nightly backup'}:{' '}
                  {view.last.name} ({size(view.last.size)}).
                </p>
                <Notice tone={view.last.ok ? 'ok' : 'danger'}>{checkText(view.last)}</Notice>
              </>
            ) : (
              <p>No backup yet. One is taken every night while the hub runs.</p>
            )}
            {view.folder && (
              <p className="hint">
                Files are in <code>{view.folder}</code> on the hub computer. To restore one, stop the hub and run <code>npm run office -- restore FILE</code>.
              </p>
            )}
          </section>
          <section className="panel" aria-labelledby="files-title">
            <h2 id="files-title">Backup files</h2>
            <DataTable<BackupFile>
              caption="Backup files, newest first"
              columns={[
                { label: 'Taken', cell: (f) => dateTime(f.at), primary: true },
                { label: 'File', cell: (f) => <code>{f.name}</code> },
                { label: 'Size', cell: (f) => size(f.size) },
              ]}
              rows={view.files}
              rowKey={(f) => f.name}
              empty="No backup files yet."
            />
          </section>
          <KeepForm
            view={view}
            onSaved={(v) => {
              setView(v);
              setDone(`Saved. The newest ${v.keep} backups are kept.`);
            }}
          />
        </>
      )}
    </Page>
  );
}

function KeepForm({ view, onSaved }: { view: BackupView; onSaved: (v: BackupView) => void }) {
  const [keep, setKeep] = useState(String(view.keep));
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const raw = keep.trim();
    const n = Number(raw);
    const local: Record<string, string> = /^\d+$/.test(raw) && n >= 1 && n <= 365 ? {} : { keep: 'Enter a whole number from 1 to 365.' };
    void form.submit(async () => onSaved(await call('backups.save', { keep: n })), local);
  };
  return (
    <form className="form panel" onSubmit={submit} noValidate aria-labelledby="keep-title">
      <h2 id="keep-title">How many to keep</h2>
      <FormMessage message={form.message} />
      <Field
        label="Backups kept"
        hint={`After each backup that checks out, older files beyond this number are deleted. Default: ${view.defaultKeep} (two weeks of nightly backups).`}
        value={keep}
        onChange={setKeep}
        error={form.errors.keep && 'Enter a whole number from 1 to 365.'}
        inputMode="numeric"
        required
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Save
        </button>
      </div>
    </form>
  );
}
