// Staff-only: the fire roll call on the kiosk, from its own records (works with the office
// unreachable). One card per person with large Safe / Missing buttons; people who need help
// to evacuate come first. English only, like the other staff screens.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Client } from '../../../shared/contract';
import { ContractError } from '../../../shared/errors';
import type { RollCall, RollCallEntry, RollCallStatus } from '../../../shared/rollcall';
import { Dialog, Name } from '../components/ui';

const REFRESH_MS = 10_000;

const message = (e: unknown) => (e instanceof ContractError ? e.message : 'That did not work. Please try again.');

function clock(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** Need help first, then not yet checked, then by name: the list staff work down. */
function order(entries: readonly RollCallEntry[]): RollCallEntry[] {
  const rank = (e: RollCallEntry) => (e.needsEvacuationHelp ? 0 : 2) + (e.mark ? 1 : 0);
  return [...entries].sort((a, b) => rank(a) - rank(b) || a.fullName.localeCompare(b.fullName));
}

export function RollCallScreen(props: { client: Client; session: string; initial: RollCall; timeZone: string; onClose: () => void }) {
  const { client, session } = props;
  const [rc, setRc] = useState(props.initial);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<string>();
  const [pdf, setPdf] = useState<{ href: string; fileName: string }>();
  const [confirmEnd, setConfirmEnd] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const run = useCallback(
    async <T,>(f: () => Promise<T>): Promise<T | undefined> => {
      try {
        const r = await f();
        setError(undefined);
        return r;
      } catch (e) {
        setError(message(e));
        return undefined;
      }
    },
    [],
  );

  useEffect(() => {
    const t = setInterval(() => void run(() => client('rollCall.get', { session })).then((r) => r && setRc(r)), REFRESH_MS);
    return () => clearInterval(t);
  }, [client, session, run]);

  const mark = async (visitId: string, status: RollCallStatus) => {
    const r = await run(() => client('rollCall.mark', { session, visitId, status }));
    if (r) setRc(r);
  };
  const makePdf = async () => {
    const r = await run(() => client('rollCall.pdf', { session }));
    if (r) {
      setPdf({ href: `data:application/pdf;base64,${r.pdf}`, fileName: r.fileName });
      setStatus(`PDF ready. A copy is kept on this kiosk as roll-calls/${r.fileName}.`);
    }
  };
  const print = async () => {
    const r = await run(() => client('rollCall.printNow', { session }));
    if (r) setStatus(`Sent to the badge printer: ${r.count} ${r.count === 1 ? 'person' : 'people'}.`);
  };
  const end = async () => {
    const r = await run(() => client('rollCall.end', { session }));
    if (r) props.onClose();
  };

  const c = rc.counts;
  return (
    <main className="screen rollcall" lang="en" dir="ltr">
      <header className="screen-head">
        <div>
          <p className="step">Staff · fire roll call</p>
          <h1 ref={headingRef} tabIndex={-1}>
            Fire roll call
          </h1>
          <p className="muted">
            Started {clock(rc.startedAt, props.timeZone)} by <Name>{rc.startedBy}</Name>. From this kiosk&rsquo;s own records: visitors who signed in at
            another kiosk are not listed here.
          </p>
        </div>
      </header>
      <div className="screen-body">
        <p className="rollcall-counts" role="status" aria-live="polite">
          <strong>{c.total}</strong> on site · <strong>{c.safe}</strong> safe · <strong>{c.missing}</strong> missing · <strong>{c.unaccounted}</strong> not yet
          checked{c.needHelp > 0 ? ` · ${c.needHelp} need help to evacuate` : ''}
        </p>
        {error && (
          <p className="notice notice-strong" role="alert">
            {error}
          </p>
        )}
        {status && <p className="notice">{status}</p>}
        <div className="rollcall-actions">
          <button type="button" className="btn btn-secondary" onClick={() => void print()}>
            Print on badge printer
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => void makePdf()}>
            Make PDF
          </button>
          {pdf && (
            <a className="btn btn-secondary" href={pdf.href} download={pdf.fileName}>
              Save PDF
            </a>
          )}
        </div>
        {rc.entries.length === 0 && <p>Nobody is signed in as on site at this kiosk.</p>}
        <ul className="rollcall-list">
          {order(rc.entries).map((e) => (
            <li key={e.visitId} className={`rollcall-card${e.needsEvacuationHelp ? ' needs-help' : ''}${e.mark ? ` marked-${e.mark.status}` : ''}`}>
              <div className="rollcall-who">
                <p className="rollcall-name">
                  <span className="rollcall-badge">#{e.badge}</span> <Name>{e.fullName}</Name>
                </p>
                {e.needsEvacuationHelp && <p className="rollcall-help">Needs help to evacuate</p>}
                <p className="muted">
                  {e.categoryLabel}
                  {e.organisation ? ` · ${e.organisation}` : ''} · host {e.hostName} · in {clock(e.arrivedAt, props.timeZone)}
                </p>
                <p>{e.phoneStatus}</p>
                <p className="rollcall-mark">
                  {e.mark ? `${e.mark.status === 'safe' ? 'Safe' : 'MISSING'} — marked by ${e.mark.by} at ${clock(e.mark.at, props.timeZone)}` : 'Not yet checked'}
                </p>
              </div>
              <div className="rollcall-buttons" role="group" aria-label={`Mark ${e.fullName}`}>
                <button type="button" className="btn btn-safe" aria-pressed={e.mark?.status === 'safe'} onClick={() => void mark(e.visitId, 'safe')}>
                  Safe
                </button>
                <button type="button" className="btn btn-missing" aria-pressed={e.mark?.status === 'missing'} onClick={() => void mark(e.visitId, 'missing')}>
                  Missing
                </button>
              </div>
            </li>
          ))}
        </ul>
      </div>
      <footer className="screen-foot">
        <button type="button" className="btn btn-secondary" onClick={props.onClose}>
          Back to the kiosk (keep the roll call)
        </button>
        <button type="button" className="btn btn-primary" onClick={() => setConfirmEnd(true)}>
          End the roll call
        </button>
      </footer>
      {confirmEnd && (
        <Dialog
          title="End the roll call?"
          onEscape={() => setConfirmEnd(false)}
          actions={
            <>
              <button type="button" className="btn btn-secondary" onClick={() => setConfirmEnd(false)}>
                Keep it open
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void end()}>
                End it
              </button>
            </>
          }
        >
          <p>
            {c.unaccounted + c.missing > 0
              ? `${c.unaccounted + c.missing} ${c.unaccounted + c.missing === 1 ? 'person is' : 'people are'} not marked safe. End only when the fire service or the person in charge says so.`
              : 'Everyone is marked safe.'}
          </p>
        </Dialog>
      )}
    </main>
  );
}
