// Who is on site now, with where each phone is. Refreshes every 10 seconds; a visitor whose
// device-use approval was revoked while on site is flagged at the top and in red.
import { useState } from 'react';
import type { HubVisit } from '../../../../shared/office';
import { call } from '../api';
import { CATEGORY_LABELS, dateTime, duration, phoneStatus, time } from '../format';
import { DataTable, LoadError, Loading, Name, Notice, Page, Tag, useLoad } from '../ui';

export function PhoneTag({ visit }: { visit: HubVisit }) {
  const s = phoneStatus(visit);
  return <Tag tone={s.tone}>{s.text}</Tag>;
}

export function OnSite() {
  const { data, error, loading, reload } = useLoad(() => call('onSite.list', {}), [], { pollMs: 10_000 });
  // Sign-ins held because the name matched the restricted list (issue #13).
  const held = new Set(useLoad(() => call('restricted.alerts', {}), [], { pollMs: 10_000 }).data?.alerts.map((a) => a.visitId) ?? []);
  const [now, setNow] = useState(() => new Date());
  const at = data ? new Date(data.at) : now;
  const visits = data?.visits ?? [];
  const revoked = visits.filter((v) => v.exemptionRevoked);
  return (
    <Page
      title="On site now"
      lead={data ? `${visits.length} ${visits.length === 1 ? 'person' : 'people'} signed in. Updated ${time(data.at)}; refreshes every 10 seconds.` : undefined}
      actions={
        <button type="button" className="btn" onClick={() => { setNow(new Date()); reload(); }}>
          Refresh now
        </button>
      }
    >
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {revoked.length > 0 && (
        <Notice tone="danger">
          <p className="notice-title">Device approval revoked — find these visitors now and make sure their phone is locked away:</p>
          <ul>
            {revoked.map((v) => (
              <li key={v.visitId}>
                <Name>{v.fullName}</Name> (badge {v.badgePrefix}{v.badgeNumber}), visiting <bdi dir="auto">{v.hostName}</bdi>
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {data && (
        <DataTable<HubVisit>
          caption="Visitors on site now"
          rows={visits}
          rowKey={(v) => v.visitId}
          rowClass={(v) => (v.exemptionRevoked ? 'row-danger' : '')}
          empty="Nobody is signed in at the moment."
          columns={[
            {
              label: 'Name',
              primary: true,
              cell: (v) => (
                <>
                  <Name>{v.fullName}</Name>
                  {v.organisation && <span className="sub" dir="auto">{v.organisation}</span>}
                  {v.needsEvacuationHelp && <Tag tone="warn">Needs help to evacuate</Tag>}
                  {v.idCheckRequired && <Tag tone="warn">ID check at desk</Tag>}
                  {held.has(v.visitId) && <Tag tone="danger">Held: restricted list</Tag>}
                </>
              ),
            },
            { label: 'Category', cell: (v) => CATEGORY_LABELS[v.category] ?? v.category },
            { label: 'Visiting', cell: (v) => <bdi dir="auto">{v.hostName}</bdi> },
            {
              label: 'Arrived',
              cell: (v) => (
                <>
                  {dateTime(v.arrivedAt, at)}
                  <span className="sub">on site {duration(v.arrivedAt, at)}</span>
                </>
              ),
            },
            { label: 'Badge', cell: (v) => <span className="num">{v.badgePrefix}{v.badgeNumber}</span>, className: 'col-num' },
            { label: 'Phone', cell: (v) => <PhoneTag visit={v} /> },
          ]}
        />
      )}
    </Page>
  );
}
