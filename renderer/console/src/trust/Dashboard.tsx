// Every school of the trust on one page: who is on site, phones not collected, open concerns
// (and how many the school's DSL has not yet seen), device-use requests waiting for a decision,
// kiosks silent for over an hour. Counts only; "Open" goes into the school's own console,
// read-mostly and recorded in both the trust's and the school's logs.
import { useMemo, useState, type ReactNode } from 'react';
import { type DashboardSchool, type SchoolFigures, type TrustRole } from '../../../../shared/trust';
import { SORTS, sortSchools, type SortKey } from './sort';
import { messageOf } from '../api';
import { DataTable, FormMessage, LoadError, Loading, Page, Select, Tag, useLoad, type Column } from '../ui';
import { trustApi } from './api';

const AS_WHOM: Record<TrustRole, string> = { trust_dsl: 'designated safeguarding lead', trust_admin: 'administrator' };

function Figure({ n, tone, note }: { n: number; tone?: 'danger' | 'warn' | 'info' | undefined; note?: string | undefined }) {
  return (
    <span className="trust-figure">
      <span className={`trust-number${n > 0 && tone ? ` trust-number-${tone}` : ''}`}>{n}</span>
      {note && (n > 0 ? <Tag tone={tone ?? 'neutral'}>{note}</Tag> : <span className="muted small">{note}</span>)}
    </span>
  );
}

/** "1 high, 2 medium": the open concerns that are not urgent, by severity (urgent has its own tag). */
function severityLine(s: SchoolFigures['openBySeverity']): string {
  const parts = (['high', 'medium', 'low'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  return parts.length ? parts.join(', ') : '';
}

export function TrustDashboardPage({ role }: { role: TrustRole }) {
  const { data, error, loading, reload } = useLoad(() => trustApi.dashboard(), [], { pollMs: 60_000 });
  const [sort, setSort] = useState<SortKey>('urgent');
  const [opening, setOpening] = useState<string | null>(null);
  const [problem, setProblem] = useState('');
  const rows = useMemo(() => sortSchools(data?.schools ?? [], sort), [data, sort]);

  const open = async (slug: string) => {
    setOpening(slug);
    setProblem('');
    try {
      const { url } = await trustApi.openSchool(slug);
      window.location.assign(url);
    } catch (e) {
      setProblem(messageOf(e));
      setOpening(null);
    }
  };

  const figures = (r: DashboardSchool, cell: (f: SchoolFigures) => ReactNode) => (r.figures ? cell(r.figures) : <Tag tone="warn">Not available</Tag>);
  const columns: Column<DashboardSchool>[] = [
    {
      label: 'School',
      primary: true,
      cell: (r) => (
        <span className="trust-school">
          <strong>{r.name}</strong>
          {r.problem && <span className="muted small">{r.problem}</span>}
        </span>
      ),
    },
    { label: 'On site now', className: 'num', cell: (r) => figures(r, (f) => <Figure n={f.onSite} />) },
    { label: 'Phones not collected', className: 'num', cell: (r) => figures(r, (f) => <Figure n={f.phonesHeld} tone="info" />) },
    {
      label: 'Open concerns',
      className: 'num',
      cell: (r) =>
        figures(r, (f) => (
          <span className="trust-figure">
            <Figure n={f.openConcerns} tone="danger" note={f.unseenConcerns > 0 ? `${f.unseenConcerns} not yet seen by the DSL` : undefined} />
            {f.openBySeverity.urgent > 0 && <Tag tone="danger">{`${f.openBySeverity.urgent} urgent`}</Tag>}
            {f.openConcerns > 0 && <span className="muted small">{severityLine(f.openBySeverity)}</span>}
          </span>
        )),
    },
    { label: 'Device-use requests waiting', className: 'num', cell: (r) => figures(r, (f) => <Figure n={f.pendingRequests} tone="warn" />) },
    {
      label: 'Kiosks not synced for 1 hour',
      className: 'num',
      cell: (r) => figures(r, (f) => <Figure n={f.kiosksStale} tone="danger" note={`of ${f.kiosks} kiosk${f.kiosks === 1 ? '' : 's'}`} />),
    },
    {
      label: 'Console',
      cell: (r) => (
        <button type="button" className="btn btn-primary" disabled={opening !== null} onClick={() => void open(r.slug)} aria-label={`Open ${r.name}'s console`}>
          {opening === r.slug ? 'Opening…' : 'Open'}
        </button>
      ),
    },
  ];

  return (
    <Page
      title="Schools"
      lead={`Figures for every school in the trust, updated every minute. Opening a school shows its console as its ${AS_WHOM[role]} sees it, to look, not to change; the school's log records that you opened it.`}
      actions={
        <button type="button" className="btn" onClick={reload} disabled={loading}>
          Refresh
        </button>
      }
    >
      <div className="filter-bar">
        <Select label="Sort by" value={sort} options={SORTS} onChange={setSort} size="medium" />
      </div>
      <FormMessage message={problem} />
      {error ? <LoadError error={error} onRetry={reload} /> : null}
      {!data && loading ? <Loading what="Reading every school's figures" /> : null}
      {data && (
        <>
          <DataTable caption="Schools of the trust" columns={columns} rows={rows} rowKey={(r) => r.slug} empty="This trust has no schools yet." />
          <p className="muted small">As of {new Date(data.at).toLocaleTimeString()}.</p>
        </>
      )}
    </Page>
  );
}
