// Visit history: search by name, dates and category, page through older visits, and export the
// same search as CSV (a plain link: the browser downloads it with the session cookie).
import { useState, type FormEvent } from 'react';
import { VISITOR_CATEGORIES, type VisitorCategory } from '../../../../shared/domain';
import { CSV_MAX_DAYS, OFFICE_PATHS, type HubVisit, type OfficeOpInput } from '../../../../shared/office';
import { call, hubPath } from '../api';
import { CATEGORY_LABELS, dateTime, historyParams, time, type HistoryQuery } from '../format';
import { DataTable, Field, FormMessage, LoadError, Loading, Name, Page, Select, useLoad } from '../ui';
import { PhoneTag } from './OnSite';

const PAGE_SIZE = 50;
const EMPTY: HistoryQuery = { query: '', from: '', to: '', category: '' };

export function History() {
  const [draft, setDraft] = useState<HistoryQuery>(EMPTY);
  const [applied, setApplied] = useState<HistoryQuery>(EMPTY);
  // Cursors of the pages before this one: Back pops one.
  const [cursors, setCursors] = useState<string[]>([]);
  const before = cursors[cursors.length - 1];
  const { data, error, loading, reload } = useLoad(() => {
    const input: OfficeOpInput<'visits.search'> = { query: applied.query, limit: PAGE_SIZE };
    if (applied.from) input.from = applied.from;
    if (applied.to) input.to = applied.to;
    if (applied.category) input.category = applied.category;
    if (before) input.before = before;
    return call('visits.search', input);
  }, [applied, before]);
  const set = (k: keyof HistoryQuery) => (v: string) => setDraft((o) => ({ ...o, [k]: v }));
  const search = (e: FormEvent) => {
    e.preventDefault();
    setCursors([]);
    setApplied({ ...draft });
  };
  const params = historyParams(applied);
  const visits = data?.visits ?? [];
  const fieldError = error && typeof error === 'object' && 'fields' in error ? (error as { fields: { path: string }[] }).fields : [];
  const bad = (p: string) => (fieldError.some((f) => f.path === p) ? 'This is not valid.' : undefined);
  return (
    <Page title="Visit history" lead="Every visit recorded by the kiosks, newest first.">
      <form className="form filter-form" onSubmit={search} noValidate role="search" aria-label="Search visits">
        <Field label="Name" type="search" value={draft.query} onChange={set('query')} size="medium" error={bad('query')} />
        <Field label="From" type="date" value={draft.from} onChange={set('from')} size="short" error={bad('from')} />
        <Field label="To" type="date" value={draft.to} onChange={set('to')} size="short" error={bad('to')} />
        <Select<VisitorCategory | ''>
          label="Category"
          value={draft.category}
          onChange={(v) => setDraft((o) => ({ ...o, category: v }))}
          options={[{ value: '', label: 'All categories' }, ...VISITOR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))]}
          size="short"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            Search
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(EMPTY);
              setApplied(EMPTY);
              setCursors([]);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      <p className="export">
        {applied.from && applied.to ? (
          <a className="btn" href={`${hubPath(OFFICE_PATHS.visitsCsv)}?${params}`} download>
            Export CSV (this search)
          </a>
        ) : (
          <span className="muted">To export as CSV, search with a From and a To date (at most {CSV_MAX_DAYS} days).</span>
        )}
      </p>
      {error !== null && fieldError.length === 0 && <LoadError error={error} onRetry={reload} />}
      {fieldError.length > 0 && <FormMessage message="Please check the search fields." />}
      {loading && <Loading what="Searching" />}
      {data && (
        <>
          <DataTable<HubVisit>
            caption="Visits found"
            rows={visits}
            rowKey={(v) => v.visitId}
            empty="No visits match this search."
            columns={[
              {
                label: 'Name',
                primary: true,
                cell: (v) => (
                  <>
                    <Name>{v.fullName}</Name>
                    {v.organisation && <span className="sub" dir="auto">{v.organisation}</span>}
                  </>
                ),
              },
              { label: 'Category', cell: (v) => CATEGORY_LABELS[v.category] ?? v.category },
              { label: 'Visiting', cell: (v) => <bdi dir="auto">{v.hostName}</bdi> },
              { label: 'Arrived', cell: (v) => dateTime(v.arrivedAt) },
              { label: 'Left', cell: (v) => (v.departedAt ? time(v.departedAt) : 'Still on site') },
              { label: 'Badge', cell: (v) => `${v.badgePrefix}${v.badgeNumber}`, className: 'col-num' },
              { label: 'Phone', cell: (v) => <PhoneTag visit={v} /> },
            ]}
          />
          <nav className="pager" aria-label="Pages of results">
            <button type="button" className="btn" disabled={cursors.length === 0} onClick={() => setCursors((c) => c.slice(0, -1))}>
              Newer visits
            </button>
            <span className="muted">Page {cursors.length + 1}</span>
            <button
              type="button"
              className="btn"
              disabled={!data.more || visits.length === 0}
              onClick={() => setCursors((c) => [...c, visits[visits.length - 1]!.visitId])}
            >
              Older visits
            </button>
          </nav>
        </>
      )}
    </Page>
  );
}
