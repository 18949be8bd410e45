// Reception's desk: each kiosk's badge printer as the kiosk last reported it, the badges cut off
// mid-send waiting for reception, and buttons for what reception used to do on the command
// line (kiosk:admin): check the printer, print a test badge, print a visitor's badge again,
// print an interrupted badge again. The printer is on the kiosk: a request reaches it at its
// next sync (a few seconds), and its outcome shows in "Recent requests".
import { useState } from 'react';
import type { DeskJob, DeskKiosk, DeskRequest, HubVisit } from '../../../../shared/office';
import { call } from '../api';
import { dateTime } from '../format';
import { DataTable, FormMessage, LoadError, Loading, Name, Notice, Page, Status, Tag, useLoad, useSubmit } from '../ui';
import { IdCheckDialog, IdCheckTag } from './IdCheck';

const KIND_LABELS: Record<DeskRequest['kind'], string> = {
  test: 'Test badge',
  reprint: 'Reprint badge',
  resume: 'Print again (interrupted)',
  check: 'Check printer',
};

function PrinterTag({ k }: { k: DeskKiosk }) {
  const p = k.printer;
  if (!p) return <Tag tone="neutral">Not reported yet</Tag>;
  if (!p.configured) return <Tag tone="warn">No printer set up</Tag>;
  if (p.ready === null) return <Tag tone="neutral">Not checked yet</Tag>;
  return p.ready ? <Tag tone="ok">Ready</Tag> : <Tag tone="danger">Not ready</Tag>;
}

export function Desk() {
  const desk = useLoad(() => call('desk.get', {}), [], { pollMs: 3000 });
  const onSite = useLoad(() => call('onSite.list', {}), [], { pollMs: 15_000 });
  const form = useSubmit();
  const [done, setDone] = useState('');
  const checks = useLoad(() => call('admission.idChecks', {}), [], { pollMs: 15_000 });
  const [checking, setChecking] = useState<HubVisit | null>(null);
  const checkOf = (visitId: string) => checks.data?.checks.filter((c) => c.visitId === visitId).at(-1);

  const ask = (input: Parameters<typeof call<'desk.request'>>[1], what: string) =>
    void form
      .submit(async () => {
        await call('desk.request', input);
      })
      .then((ok) => {
        if (ok) {
          setDone(`${what}: sent to the kiosk. It shows under Recent requests when the kiosk has it.`);
          desk.reload();
        }
      });

  const kiosks = desk.data?.kiosks.filter((k) => !k.revoked) ?? [];
  return (
    <Page title="Reception desk" lead="The kiosks' badge printers. Requests reach a kiosk at its next sync, within a few seconds.">
      <FormMessage message={form.message} />
      <Status message={done} />
      {desk.error !== null && <LoadError error={desk.error} onRetry={desk.reload} />}
      {desk.loading && !desk.data && <Loading />}
      {desk.data && (
        <>
          <DataTable<DeskKiosk>
            caption="Badge printers"
            rows={kiosks}
            rowKey={(k) => k.kioskId}
            empty="No kiosks are paired yet."
            columns={[
              {
                label: 'Kiosk',
                primary: true,
                cell: (k) => (
                  <>
                    <bdi dir="auto" className="strong">
                      {k.kioskName}
                    </bdi>
                    {k.badgePrefix && <span className="sub">Badges {k.badgePrefix}1, {k.badgePrefix}2…</span>}
                  </>
                ),
              },
              {
                label: 'Printer',
                cell: (k) => (
                  <>
                    <PrinterTag k={k} />
                    {k.printer?.problem && <span className="sub">{k.printer.problem}</span>}
                    {k.printer?.checkedAt && <span className="sub">As of {dateTime(k.printer.checkedAt)}</span>}
                  </>
                ),
              },
              {
                label: 'Actions',
                cell: (k) => (
                  <span className="tags">
                    <button type="button" className="btn btn-small" disabled={form.busy} aria-label={`Check the printer of ${k.kioskName}`} onClick={() => ask({ kind: 'check', kioskId: k.kioskId }, 'Check printer')}>
                      Check printer
                    </button>
                    <button type="button" className="btn btn-small" disabled={form.busy} aria-label={`Print a test badge on ${k.kioskName}`} onClick={() => ask({ kind: 'test', kioskId: k.kioskId }, 'Test badge')}>
                      Print test badge
                    </button>
                  </span>
                ),
              },
            ]}
          />
          <section className="panel" aria-labelledby="waiting-title">
            <h2 id="waiting-title">Badges waiting for reception</h2>
            <p className="small">A badge cut off while it was being sent may or may not have printed: check the printer first, then print it again.</p>
            <DataTable<DeskJob & { kiosk: DeskKiosk }>
              caption="Interrupted badges"
              rows={kiosks.flatMap((k) => k.waiting.map((j) => ({ ...j, kiosk: k })))}
              rowKey={(j) => j.jobId}
              empty="None: every badge has printed."
              columns={[
                { label: 'Visitor', primary: true, cell: (j) => (j.visitorName ? <Name>{j.visitorName}</Name> : j.kind === 'test' ? 'Test badge' : 'Unknown visit') },
                { label: 'Badge', cell: (j) => j.badge ?? '—' },
                { label: 'Kiosk', cell: (j) => <bdi dir="auto">{j.kiosk.kioskName}</bdi> },
                { label: 'Queued', cell: (j) => <>{dateTime(j.createdAt)}{j.error && <span className="sub">{j.error}</span>}</> },
                {
                  label: 'Actions',
                  cell: (j) => (
                    <button type="button" className="btn btn-small" disabled={form.busy} aria-label={`Print again: ${j.visitorName ?? 'test badge'}`} onClick={() => ask({ kind: 'resume', kioskId: j.kiosk.kioskId, jobId: j.jobId }, 'Print again')}>
                      Print again
                    </button>
                  ),
                },
              ]}
            />
          </section>
        </>
      )}
      <section className="panel" aria-labelledby="reprint-title">
        <h2 id="reprint-title">Reprint a visitor's badge, or record an ID check</h2>
        {onSite.error !== null && <LoadError error={onSite.error} onRetry={onSite.reload} />}
        {onSite.data && (
          <DataTable<HubVisit>
            caption="Visitors on site"
            rows={onSite.data.visits}
            rowKey={(v) => v.visitId}
            empty="Nobody is signed in."
            columns={[
              { label: 'Visitor', primary: true, cell: (v) => <Name>{v.fullName}</Name> },
              { label: 'Badge', cell: (v) => `${v.badgePrefix}${v.badgeNumber}` },
              { label: 'Kiosk', cell: (v) => <bdi dir="auto">{v.kioskName}</bdi> },
              { label: 'ID check', cell: (v) => <IdCheckTag check={checkOf(v.visitId)} /> },
              {
                label: 'Actions',
                cell: (v) => (
                  <>
                  <button type="button" className="btn btn-small" disabled={form.busy} aria-label={`Record an ID check for ${v.fullName}`} onClick={() => setChecking(v)}>
                    ID checked
                  </button>{' '}
                  <button type="button" className="btn btn-small" disabled={form.busy} aria-label={`Reprint the badge of ${v.fullName}`} onClick={() => ask({ kind: 'reprint', visitId: v.visitId }, `Reprint for ${v.fullName}`)}>
                    Reprint badge
                  </button>
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
      {checking && (
        <IdCheckDialog
          visit={checking}
          onCancel={() => setChecking(null)}
          onDone={(message) => {
            setChecking(null);
            setDone(message);
            checks.reload();
            desk.reload();
          }}
        />
      )}
      {desk.data && (
        <section className="panel" aria-labelledby="requests-title">
          <h2 id="requests-title">Recent requests</h2>
          {desk.data.requests.length === 0 ? (
            <Notice>No requests yet.</Notice>
          ) : (
            <DataTable<DeskRequest>
              caption="Recent requests"
              rows={desk.data.requests}
              rowKey={(r) => r.id}
              empty="No requests yet."
              columns={[
                { label: 'Request', primary: true, cell: (r) => <>{KIND_LABELS[r.kind]}{r.visitorName && <span className="sub"><Name>{r.visitorName}</Name></span>}</> },
                { label: 'Kiosk', cell: (r) => <bdi dir="auto">{r.kioskName}</bdi> },
                { label: 'Asked', cell: (r) => <>{dateTime(r.requestedAt)}<span className="sub">{r.requestedBy}</span></> },
                {
                  label: 'Outcome',
                  cell: (r) =>
                    r.outcome === null ? (
                      <Tag tone="neutral">Waiting for the kiosk</Tag>
                    ) : (
                      <Tag tone={r.outcome === 'queued' || r.outcome === 'printer ready' ? 'ok' : 'warn'}>{r.outcome === 'queued' ? 'Sent to the printer' : r.outcome}</Tag>
                    ),
                },
              ]}
            />
          )}
        </section>
      )}
    </Page>
  );
}
