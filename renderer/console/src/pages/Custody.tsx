// The phone custody board: every locker and pouch (free, or whose phone since when; a phone
// left behind after its owner went is flagged), and the phones handed to reception.
import type { CustodyRow } from '../../../../shared/office';
import { call } from '../api';
import { dateTime, duration, lockerName, time } from '../format';
import { LoadError, Loading, Name, Notice, Page, Tag, useLoad } from '../ui';

function LockerCard({ row, at }: { row: CustodyRow; at: Date }) {
  const state = row.uncollected ? 'uncollected' : row.holder ? 'held' : 'free';
  return (
    <li className={`locker locker-${state}`}>
      <p className="locker-name">{lockerName(row.label, row.kind)}</p>
      {row.holder ? (
        <>
          <p className="locker-holder">
            <Name>{row.holder.fullName}</Name>
          </p>
          <p className="small">
            Phone in since {dateTime(row.holder.phoneInAt, at)} ({duration(row.holder.phoneInAt, at)})
          </p>
          {row.uncollected ? (
            <p>
              <Tag tone="danger">Not collected</Tag>
              {row.holder.departedAt && <span className="small"> Owner left at {dateTime(row.holder.departedAt, at)}</span>}
            </p>
          ) : (
            <Tag tone="ok">In use</Tag>
          )}
        </>
      ) : (
        <p className="muted">Free</p>
      )}
    </li>
  );
}

export function Custody() {
  const { data, error, loading, reload } = useLoad(() => call('custody.board', {}), [], { pollMs: 10_000 });
  const at = data ? new Date(data.at) : new Date();
  const lockers = data?.lockers ?? [];
  const uncollected = lockers.filter((l) => l.uncollected);
  const used = lockers.filter((l) => l.holder && !l.uncollected).length;
  return (
    <Page
      title="Phone custody"
      lead={data ? `${used} of ${lockers.length} lockers and pouches in use. Updated ${time(data.at)}.` : undefined}
      actions={
        <button type="button" className="btn" onClick={reload}>
          Refresh now
        </button>
      }
    >
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {uncollected.length > 0 && (
        <Notice tone="danger">
          <p className="notice-title">
            {uncollected.length === 1 ? 'One phone has' : `${uncollected.length} phones have`} not been collected by a visitor who has left.
          </p>
        </Notice>
      )}
      {data && (
        <>
          <h2>Lockers and pouches</h2>
          {lockers.length === 0 ? (
            <p className="empty">No lockers or pouches are set up. An administrator adds them under “Lockers, places, hosts”.</p>
          ) : (
            <ul className="locker-grid" aria-label="Lockers and pouches">
              {lockers.map((l) => (
                <LockerCard key={l.lockerId} row={l} at={at} />
              ))}
            </ul>
          )}
          <h2>Phones with reception</h2>
          {data.withReception.length === 0 ? (
            <p className="empty">No phones are being kept at reception.</p>
          ) : (
            <ul className="plain-list">
              {data.withReception.map((v) => (
                <li key={v.visitId} className="list-row">
                  <Name>{v.fullName}</Name>
                  <span className="small">
                    {' '}
                    — badge {v.badgePrefix}{v.badgeNumber}, handed in {dateTime(v.phoneInAt ?? v.arrivedAt, at)}
                    {v.departedAt && ' '}
                  </span>
                  {v.departedAt && <Tag tone="danger">Owner has left — not collected</Tag>}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Page>
  );
}
