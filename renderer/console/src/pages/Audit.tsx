// The audit log (administrators): every change made in the console, newest first, each entry
// chained to the one before by its hash. "Verify chain" asks the hub to check the whole chain.
import { useState } from 'react';
import type { AuditEntry, AuditVerdict } from '../../../../shared/office';
import { call, messageOf } from '../api';
import { dateTime } from '../format';
import { DataTable, LoadError, Loading, Notice, Page, useLoad } from '../ui';

const PAGE_SIZE = 100;

function detailText(d: unknown): string {
  if (d === null || d === undefined) return '';
  if (typeof d === 'string') return d;
  try {
    return JSON.stringify(d);
  } catch {
    return '';
  }
}

export function Audit() {
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useLoad(() => call('audit.list', before ? { limit: PAGE_SIZE, before } : { limit: PAGE_SIZE }), [before]);
  const [verdict, setVerdict] = useState<AuditVerdict | null>(null);
  const [verifyError, setVerifyError] = useState('');
  const [verifying, setVerifying] = useState(false);
  const verify = async () => {
    setVerifying(true);
    setVerdict(null);
    setVerifyError('');
    try {
      setVerdict(await call('audit.verify', {}));
    } catch (e) {
      setVerifyError(messageOf(e));
    } finally {
      setVerifying(false);
    }
  };
  const entries = data?.entries ?? [];
  return (
    <Page
      title="Audit log"
      lead="Every change made through the console, with who made it. Entries cannot be changed without breaking the chain."
      actions={
        <button type="button" className="btn btn-primary" onClick={() => void verify()} disabled={verifying}>
          {verifying ? 'Checking…' : 'Verify chain'}
        </button>
      }
    >
      <div role="status" className="alert-slot-block">
        {verdict?.ok === true && (
          <Notice tone="ok">
            <p className="notice-title">The chain is intact: all {verdict.entries} entries check out.</p>
          </Notice>
        )}
        {verdict?.ok === false && (
          <Notice tone="danger">
            <p className="notice-title">The chain is broken at entry {verdict.firstBadSeq} (of {verdict.entries}).</p>
            <p>{verdict.problem}</p>
            <p>Someone may have changed the records outside the console. Keep a copy of the office data folder and tell the headteacher.</p>
          </Notice>
        )}
        {verifyError && <Notice tone="danger">{verifyError}</Notice>}
      </div>
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <>
          <DataTable<AuditEntry>
            caption="Audit entries"
            rows={entries}
            rowKey={(e) => String(e.seq)}
            empty="No entries yet."
            columns={[
              { label: 'No.', cell: (e) => e.seq, className: 'col-num' },
              { label: 'When', cell: (e) => dateTime(e.at) },
              { label: 'Who', cell: (e) => <bdi dir="auto">{e.actor}</bdi> },
              { label: 'Action', primary: true, cell: (e) => <span className="strong">{e.action}</span> },
              { label: 'Record', cell: (e) => <span className="break">{e.target}</span> },
              { label: 'Detail', cell: (e) => <span className="break small">{detailText(e.detail)}</span> },
            ]}
          />
          <nav className="pager" aria-label="Pages of entries">
            <button type="button" className="btn" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer entries
            </button>
            <span className="muted">Page {cursors.length + 1}</span>
            <button type="button" className="btn" disabled={!data.more || entries.length === 0} onClick={() => setCursors((c) => [...c, String(entries[entries.length - 1]!.seq)])}>
              Older entries
            </button>
          </nav>
        </>
      )}
    </Page>
  );
}
