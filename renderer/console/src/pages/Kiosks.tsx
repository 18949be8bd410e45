// The kiosks paired with this office: when each last synced, how many events it sent, a clock
// that drifts, revoked ones. Administrators create a pairing code (shown large, with its
// expiry and the command to run on the kiosk) and revoke a kiosk.
import { useState, type FormEvent } from 'react';
import { mayCall, type KioskInfo, type QuarantinedEvent, type Role } from '../../../../shared/office';
import { call, hubAddress } from '../api';
import { clockWarning, dateTime, time } from '../format';
import { ConfirmDialog, DataTable, Field, FormMessage, LoadError, Loading, Notice, Page, Status, Tag, useLoad, useSubmit } from '../ui';

export function Kiosks({ role }: { role: Role }) {
  const { data, error, loading, reload } = useLoad(() => call('kiosks.list', {}), [], { pollMs: 30_000 });
  const isAdmin = mayCall(role, 'kiosks.createPairingCode');
  const [revoking, setRevoking] = useState<KioskInfo | null>(null);
  const [replacing, setReplacing] = useState<KioskInfo | null>(null);
  const [replacement, setReplacement] = useState<{ code: string; expiresAt: string; kioskName: string } | null>(null);
  const [done, setDone] = useState('');
  return (
    <Page title="Kiosks" lead="The sign-in kiosks paired with this office. They send visits here and fetch the lockers, places, hosts and policy.">
      <Status message={done} />
      {error !== null && <LoadError error={error} onRetry={reload} />}
      {loading && !data && <Loading />}
      {data && (
        <DataTable<KioskInfo>
          caption="Paired kiosks"
          rows={data.kiosks}
          rowKey={(k) => k.id}
          rowClass={(k) => (k.revokedAt ? 'row-muted' : '')}
          empty="No kiosks are paired yet."
          columns={[
            {
              label: 'Kiosk',
              primary: true,
              cell: (k) => (
                <>
                  <bdi dir="auto" className="strong">
                    {k.name}
                  </bdi>
                  <span className="sub">
                    Paired {dateTime(k.pairedAt)} by {k.pairedBy}
                  </span>
                </>
              ),
            },
            {
              label: 'Status',
              cell: (k) => {
                const clock = clockWarning(k);
                return (
                  <span className="tags">
                    {k.revokedAt ? <Tag tone="danger">Revoked {dateTime(k.revokedAt)}</Tag> : <Tag tone="ok">Paired</Tag>}
                    {!k.revokedAt && clock && <Tag tone="warn">{clock}</Tag>}
                  </span>
                );
              },
            },
            {
              // Issue #12: a kiosk with no PIN of any kind takes no visitors and its roll call opens with a name only.
              label: 'Fire roll call',
              cell: (k) =>
                k.revokedAt ? (
                  '—'
                ) : k.rollCall === null ? (
                  <Tag tone="warn">Not known (kiosk not updated or not synced yet)</Tag>
                ) : k.rollCall.usable ? (
                  <>
                    <Tag tone="ok">Ready</Tag>
                    <span className="sub">
                      {[k.rollCall.localPin ? 'kiosk PIN' : '', k.rollCall.personalPins > 0 ? `${k.rollCall.personalPins} personal PIN${k.rollCall.personalPins === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')}
                    </span>
                  </>
                ) : (
                  <Tag tone="danger">Not set up: no PIN</Tag>
                ),
            },
            { label: 'Last contact', cell: (k) => (k.lastSeenAt ? dateTime(k.lastSeenAt) : 'Never') },
            {
              label: 'Last sync',
              cell: (k) => (
                <>
                  {k.lastPushAt ? `Sent ${dateTime(k.lastPushAt)}` : 'Nothing sent yet'}
                  {k.lastPullAt && <span className="sub">Fetched {dateTime(k.lastPullAt)}</span>}
                </>
              ),
            },
            { label: 'Events received', cell: (k) => k.eventsReceived.toLocaleString('en-GB'), className: 'col-num' },
            ...(isAdmin
              ? [
                  {
                    label: 'Actions',
                    cell: (k: KioskInfo) =>
                      k.revokedAt ? (
                        '—'
                      ) : (
                        <span className="tags">
                          <button type="button" className="btn btn-secondary" onClick={() => setReplacing(k)} aria-label={`Replace ${k.name}`}>
                            Replace…
                          </button>
                          <button type="button" className="btn btn-danger-outline" onClick={() => setRevoking(k)} aria-label={`Revoke ${k.name}`}>
                            Revoke…
                          </button>
                        </span>
                      ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {replacement && <CodeNotice code={replacement} title={`Replacement code for ${replacement.kioskName}`} />}
      <Quarantined />
      {isAdmin && <Pairing onCreated={reload} />}
      {replacing && (
        <ConfirmDialog
          title={`Replace ${replacing.name}?`}
          text={
            <p>
              Makes a one-time code that gives this kiosk (id {replacing.id}) a new key, e.g. after its computer was reinstalled with the same data. Until it is used, the kiosk keeps its current key.
              A code from “Pair a new kiosk” never replaces an existing kiosk.
            </p>
          }
          confirmLabel="Make replacement code"
          onCancel={() => setReplacing(null)}
          onConfirm={async () => {
            const r = await call('kiosks.createReplacementCode', { id: replacing.id });
            setReplacement({ ...r, kioskName: replacing.name });
            setReplacing(null);
          }}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.name}?`}
          text={<p>The kiosk can no longer send visits here or fetch updates. To use it again, pair it with a new code.</p>}
          confirmLabel="Revoke kiosk"
          danger
          onCancel={() => setRevoking(null)}
          onConfirm={async () => {
            await call('kiosks.revoke', { id: revoking.id });
            setRevoking(null);
            setDone(`${revoking.name} revoked.`);
            reload();
          }}
        />
      )}
    </Page>
  );
}

/** Events a kiosk set aside because this office refused them: sync carried on without them;
 *  the kiosk keeps them. Shown so someone looks (a faulty or tampered kiosk). */
function Quarantined() {
  const { data, error, reload } = useLoad(() => call('kiosks.quarantined', {}), [], { pollMs: 60_000 });
  if (error !== null) return <LoadError error={error} onRetry={reload} />;
  if (!data || data.events.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="quarantine-title">
      <h2 id="quarantine-title">Events the office refused</h2>
      <p>
        A kiosk sent these and the office would not store them. The kiosk keeps each one and goes on syncing the rest. Check the kiosk named; a
        refused event for another kiosk’s visit may mean it has been tampered with.
      </p>
      <DataTable<QuarantinedEvent>
        caption="Refused events"
        rows={data.events}
        rowKey={(e) => `${e.kioskId}:${e.eventId}`}
        empty="None."
        columns={[
          { label: 'Kiosk', primary: true, cell: (e) => <bdi dir="auto">{e.kioskName}</bdi> },
          { label: 'Event', cell: (e) => <code>{e.eventId}</code> },
          { label: 'Kind', cell: (e) => <bdi dir="auto">{e.kind}</bdi> },
          { label: 'Reason', cell: (e) => <bdi dir="auto">{e.reason}</bdi> },
          { label: 'Set aside', cell: (e) => dateTime(e.quarantinedAt) },
        ]}
      />
    </section>
  );
}

function Pairing({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState('');
  const [code, setCode] = useState<{ code: string; expiresAt: string; kioskName: string } | null>(null);
  const form = useSubmit();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void form.submit(async () => {
      const r = await call('kiosks.createPairingCode', { kioskName: name });
      setCode({ ...r, kioskName: name.trim() });
      setName('');
      onCreated();
    });
  };
  return (
    <section className="panel" aria-labelledby="pair-title">
      <h2 id="pair-title">Pair a new kiosk</h2>
      <form className="form inline-form" onSubmit={submit} noValidate>
        <FormMessage message={form.message} />
        <Field label="Kiosk name" hint="Where it stands, e.g. Main entrance" value={name} onChange={setName} error={form.errors.kioskName} required size="medium" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy}>
            Create pairing code
          </button>
        </div>
      </form>
      {code && <CodeNotice code={code} title={`Pairing code for ${code.kioskName}`} />}
    </section>
  );
}

function CodeNotice({ code, title }: { code: { code: string; expiresAt: string; kioskName: string }; title: string }) {
  const origin = hubAddress();
  return (
        <Notice tone="ok">
          <div role="status">
            <p>
              <bdi dir="auto">{title}</bdi>:
            </p>
            <p className="pairing-code">
              {code.code}
            </p>
            <p>
              Use it before <strong>{time(code.expiresAt)}</strong> ({dateTime(code.expiresAt)}). It works once.
            </p>
          </div>
          <p>On the kiosk computer, in the kiosk’s folder, run:</p>
          <pre className="command">
            <code>npm run kiosk:admin -- pair {origin} {code.code}</code>
          </pre>
          {/^https?:\/\/(127\.|localhost|\[::1\])/.test(origin) && (
            <p className="small">
              This page is open on the office computer itself: on another computer, use the office computer’s network address instead of {new URL(origin).host} (it is shown when the office service starts).
            </p>
          )}
          <p className="small">The kiosk checks the office's certificate with this code by itself: there is no fingerprint to compare.</p>
        </Notice>
  );
}
