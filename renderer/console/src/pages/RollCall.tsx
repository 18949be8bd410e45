// The fire roll call across every kiosk, made for a phone at the assembly point: start it (or
// join the one running), everyone on site with who needs help to evacuate first and loud, big
// Safe / Missing buttons, counts at the top, a PDF to hand to the fire service, and End.
// It refreshes every 5 seconds: marks made at the kiosks arrive by sync.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RollCall, RollCallEntry, RollCallStatus } from '../../../../shared/rollcall';
import { call, inBackground, messageOf } from '../api';
import { time } from '../format';
import { base64Blob, ConfirmDialog, DownloadLinks, FormMessage, LoadError, Loading, Name, Notice, Page, Status, useDownloads } from '../ui';

const REFRESH_MS = 5_000;

/** Needs help first, then not yet checked, then checked; by name within each: the list staff work down. */
export function rollCallOrder(entries: readonly RollCallEntry[]): RollCallEntry[] {
  const rank = (e: RollCallEntry) => (e.needsEvacuationHelp ? 0 : 2) + (e.mark ? 1 : 0);
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.fullName.localeCompare(b.fullName, 'en-GB'));
}

function markText(e: RollCallEntry): string {
  if (!e.mark) return 'Not yet checked';
  return `${e.mark.status === 'safe' ? 'Safe' : 'MISSING'} — marked by ${e.mark.by} at ${time(e.mark.at)}`;
}

type State = { kind: 'loading' } | { kind: 'failed'; error: unknown } | { kind: 'none' } | { kind: 'running'; rc: RollCall };

export function RollCallPage() {
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [message, setMessage] = useState('');
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmEnd, setConfirmEnd] = useState(false);
  const pdf = useDownloads();
  const pdfLink = useRef<HTMLAnchorElement>(null);
  const [pdfMadeAt, setPdfMadeAt] = useState('');
  // Once the PDF is made, the keyboard goes to its download link.
  const focusPdf = useRef(false);
  useEffect(() => {
    if (focusPdf.current && pdf.files.length) {
      focusPdf.current = false;
      pdfLink.current?.focus();
    }
  }, [pdf.files]);

  // A newer answer replaces an older one, never the other way round (a poll sent before a mark
  // can arrive after it).
  const latest = useRef('');
  const accept = useCallback((rc: RollCall | null) => {
    if (rc === null) {
      latest.current = '';
      setState({ kind: 'none' });
      return;
    }
    if (rc.rollCallId === latest.current.split('|')[0] && rc.generatedAt < latest.current.split('|')[1]!) return;
    latest.current = `${rc.rollCallId}|${rc.generatedAt}`;
    setState({ kind: 'running', rc });
  }, []);

  // A failed refresh keeps the list on screen and says it may be out of date, until one works.
  const [stale, setStale] = useState('');
  const refresh = useCallback(async () => {
    try {
      accept((await call('rollCall.current', {})).rollCall);
      setStale('');
    } catch (e) {
      setState((s) => (s.kind === 'running' ? s : { kind: 'failed', error: e }));
      setStale(`Could not refresh: ${messageOf(e)} The list below may be out of date; it tries again every 5 seconds.`);
    }
  }, [accept]);

  useEffect(() => {
    void refresh();
    const t = window.setInterval(() => {
      if (document.visibilityState === 'visible') void inBackground(refresh);
    }, REFRESH_MS);
    return () => window.clearInterval(t);
  }, [refresh]);

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    setMessage('');
    try {
      await fn();
    } catch (e) {
      setMessage(messageOf(e));
      void refresh();
    } finally {
      setBusy(false);
    }
  };

  const start = () =>
    act(async () => {
      accept(await call('rollCall.start', {}));
      setDone('Roll call running. Mark each person Safe or Missing.');
    });

  const mark = (e: RollCallEntry, status: RollCallStatus) =>
    act(async () => {
      accept(await call('rollCall.mark', { visitId: e.visitId, status }));
      setDone(`${e.fullName}: marked ${status === 'safe' ? 'safe' : 'missing'}.`);
      refocus.current = `${e.visitId}-${status}`;
    });

  const makePdf = () =>
    act(async () => {
      const r = await call('rollCall.pdf', {});
      pdf.set([{ blob: base64Blob(r.pdf, 'application/pdf'), fileName: r.fileName, label: 'Download PDF' }]);
      setPdfMadeAt(new Date().toISOString());
      setDone('PDF ready to download.');
      focusPdf.current = true;
    });

  const running = state.kind === 'running' ? state.rc : null;

  // A card moves down the list once marked, and moving it can drop the keyboard focus: put it
  // back on the button that was pressed.
  const refocus = useRef('');
  useEffect(() => {
    const key = refocus.current;
    if (!key) return;
    refocus.current = '';
    if (document.activeElement === document.body || document.activeElement === null)
      document.querySelector<HTMLElement>(`[data-mark="${key}"]`)?.focus();
  }, [state]);

  return (
    <Page
      title="Fire roll call"
      lead={
        running ? (
          <>
            Started {time(running.startedAt)} by <Name>{running.startedBy}</Name>. Everyone signed in at every kiosk. Updated {time(running.generatedAt)}; refreshes every 5 seconds.
          </>
        ) : (
          'Everyone signed in at every kiosk, to check at the assembly point.'
        )
      }
    >
      <FormMessage message={message} />
      {stale && running && <Notice tone="warn">{stale}</Notice>}
      <Status message={done} />
      {state.kind === 'loading' && <Loading what="Checking for a roll call in progress" />}
      {state.kind === 'failed' && <LoadError error={state.error} onRetry={() => void refresh()} />}
      {state.kind === 'none' && (
        <div className="rollcall-start">
          <p className="strong">No roll call is in progress.</p>
          <p>Starting one lists everyone signed in at every kiosk. Other staff who open this page join the same roll call.</p>
          <button type="button" className="btn btn-fire btn-huge" disabled={busy} onClick={() => void start()}>
            Start the roll call
          </button>
        </div>
      )}
      {running && (
        <>
          <Counts rc={running} />
          <div className="rollcall-tools">
            <button type="button" className="btn" disabled={busy} onClick={() => void makePdf()}>
              {pdf.files.length ? 'Make the PDF again' : 'Make a PDF'}
            </button>
            <DownloadLinks files={pdf.files} linkRef={pdfLink} />
            {pdfMadeAt && <p className="sub">PDF made at {time(pdfMadeAt)}: make it again for later marks.</p>}
          </div>
          {running.entries.length === 0 ? (
            <p className="empty">Nobody is signed in at any kiosk.</p>
          ) : (
            <ul className="rollcall-list" aria-label="People on site">
              {rollCallOrder(running.entries).map((e) => (
                <Person key={e.visitId} e={e} onMark={(s) => void mark(e, s)} />
              ))}
            </ul>
          )}
          <div className="rollcall-end">
            <button type="button" className="btn btn-danger-outline" disabled={busy} onClick={() => setConfirmEnd(true)}>
              End roll call
            </button>
          </div>
        </>
      )}
      {confirmEnd && running && (
        <ConfirmDialog
          title="End the roll call?"
          text={
            <p>
              {running.counts.unaccounted + running.counts.missing > 0
                ? `${running.counts.unaccounted + running.counts.missing} ${running.counts.unaccounted + running.counts.missing === 1 ? 'person is' : 'people are'} not marked safe. End it only when the fire service or the person in charge says so.`
                : 'Everyone is marked safe.'}{' '}
              Make the PDF first if you need a record on paper.
            </p>
          }
          confirmLabel="End it"
          danger
          onCancel={() => setConfirmEnd(false)}
          onConfirm={async () => {
            await call('rollCall.end', {});
            setConfirmEnd(false);
            pdf.set([]);
            setPdfMadeAt('');
            accept(null);
            setDone('Roll call ended.');
          }}
        />
      )}
    </Page>
  );
}

function Counts({ rc }: { rc: RollCall }) {
  const c = rc.counts;
  return (
    <dl className="rollcall-counts" aria-label="Counts">
      <div className="count">
        <dt>On site</dt>
        <dd>{c.total}</dd>
      </div>
      <div className="count count-safe">
        <dt>Safe</dt>
        <dd>{c.safe}</dd>
      </div>
      <div className={`count${c.missing > 0 ? ' count-missing' : ''}`}>
        <dt>Missing</dt>
        <dd>{c.missing}</dd>
      </div>
      <div className={`count${c.unaccounted > 0 ? ' count-open' : ''}`}>
        <dt>Not yet checked</dt>
        <dd>{c.unaccounted}</dd>
      </div>
      {c.needHelp > 0 && (
        <div className="count count-help">
          <dt>Need help to evacuate</dt>
          <dd>{c.needHelp}</dd>
        </div>
      )}
    </dl>
  );
}

function Person({ e, onMark }: { e: RollCallEntry; onMark: (s: RollCallStatus) => void }) {
  const status = e.mark?.status;
  return (
    <li className={`rollcall-card${e.needsEvacuationHelp ? ' needs-help' : ''}${status ? ` marked-${status}` : ''}`}>
      {e.needsEvacuationHelp && <p className="rollcall-help">Needs help to evacuate</p>}
      <p className="rollcall-name">
        <span className="rollcall-badge">Badge {e.badge}</span> <Name>{e.fullName}</Name>
      </p>
      <dl className="rollcall-facts">
        <div>
          <dt>Visiting</dt>
          <dd>
            <bdi dir="auto">{e.hostName}</bdi>
          </dd>
        </div>
        <div>
          <dt>Arrived</dt>
          <dd>{time(e.arrivedAt)}</dd>
        </div>
        <div>
          <dt>Kiosk</dt>
          <dd>
            <bdi dir="auto">{e.kioskName}</bdi>
          </dd>
        </div>
        <div>
          <dt>Who</dt>
          <dd>
            {e.categoryLabel}
            {e.organisation ? (
              <>
                , <bdi dir="auto">{e.organisation}</bdi>
              </>
            ) : ''}
            {e.escortRequired ? ' (must be escorted)' : ''}
          </dd>
        </div>
        <div className="wide">
          <dt>Phone</dt>
          <dd>{e.phoneStatus}</dd>
        </div>
      </dl>
      <p className={`rollcall-mark${status ? ` mark-${status}` : ''}`}>{markText(e)}</p>
      <div className="rollcall-buttons" role="group" aria-label={`Mark ${e.fullName}`}>
        <button type="button" className="btn btn-safe" data-mark={`${e.visitId}-safe`} aria-pressed={status === 'safe'} onClick={() => onMark('safe')}>
          Safe
        </button>
        <button type="button" className="btn btn-missing" data-mark={`${e.visitId}-missing`} aria-pressed={status === 'missing'} onClick={() => onMark('missing')}>
          Missing
        </button>
      </div>
    </li>
  );
}
