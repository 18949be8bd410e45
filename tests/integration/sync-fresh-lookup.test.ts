// The head approves device use while the visitor stands at reception: the kiosk must not make
// them wait for its next sync round (or for its sync to come out of a back-off). Before a
// lookup a visitor is waiting on (an approval, an expected visit, a card), the kiosk asks the
// office for its news, for two seconds at most (core/host/kioskServices.ts FRESH_OPS), through
// the real transport (startKioskHttp) and the real kiosk services against a real hub over HTTP.
// An office that is down costs the visitor nothing: the kiosk answers at once from what it has.
import { afterEach, describe, expect, it } from 'vitest';
import { startKioskHttp } from '../../core/http/server.js';
import { FRESH_WAIT_MS, startKioskServices, type KioskServices } from '../../core/host/kioskServices.js';
import { openKiosk } from '../../core/kiosk.js';
import { localDay } from '../../core/site/settings.js';
import { disposeKiosk } from '../support/fixtures.js';
import { ACTORS } from '../support/officeDomain.js';
import { pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';
import { tempDir } from '../support/tempKiosk.js';

const { office: OFFICE, head: HEAD } = ACTORS;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PERSON = { fullName: 'Dr Amara Okafor', organisation: 'County Speech and Language Service', category: 'professional' } as const;

/** A kiosk paired with the hub, its services syncing only once a minute, and its HTTP transport. */
async function kioskAt(t: TestHub): Promise<{ services: KioskServices; call: (op: string, input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> }> {
  const k = openKiosk({ dataDir: tempDir('kiosk-fresh-'), log: () => {} });
  cleanups.push(() => disposeKiosk(k));
  await pairKiosk(k.db, t, 'Reception');
  const services = await startKioskServices(k, { log: () => {}, embeddedOffice: false, syncIntervalMs: 60_000 });
  cleanups.push(() => services.stop());
  await services.sync.syncNow(); // the first round: nothing more for a minute
  const http = await startKioskHttp({ core: k.core, port: 0, beforeCall: services.freshen });
  cleanups.push(() => http.close());
  const call = async (op: string, input: unknown) => {
    const res = await fetch(new URL(`/api/${op}`, http.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(input) });
    return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
  };
  return { services, call };
}

function approveToday(t: TestHub): void {
  const today = localDay(new Date(), 'Europe/London');
  const { exemption } = t.hub.core.run(
    'exemptions.request',
    { fullName: PERSON.fullName, organisation: PERSON.organisation, agencyRole: 'Speech and language therapist', purpose: 'Therapy notes', devices: 'Work tablet', locationIds: ['office'], requestedWindow: '' },
    OFFICE,
  );
  t.hub.core.run(
    'exemptions.approve',
    { id: exemption.id, validFrom: today, validTo: today, recurrence: { kind: 'single' }, locationIds: ['office'], devices: 'Work tablet', conditions: 'No photographs of pupils.' },
    HEAD,
  );
}

describe('a lookup the visitor is waiting on', () => {
  it('finds the approval the head gave a moment ago, without waiting for the next sync round', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const { call } = await kioskAt(t);
    expect(await call('exemption.check', PERSON)).toEqual({ ok: true, value: { found: false } });

    approveToday(t);
    const started = performance.now();
    const found = await call('exemption.check', PERSON);
    expect(found).toMatchObject({ ok: true, value: { found: true, devices: 'Work tablet', conditions: 'No photographs of pupils.' } });
    expect(performance.now() - started).toBeLessThan(FRESH_WAIT_MS + 1000);
  }, 30_000);

  it('answers at once from what the kiosk has when the office is down, and the sync carries on', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const { services, call } = await kioskAt(t);
    await t.stop();
    // The round that finds the office gone puts the sync into back-off ...
    expect((await services.sync.syncNow()).failures).toBeGreaterThan(0);
    // ... after which a visitor's lookup does not wait on it at all.
    const started = performance.now();
    expect(await call('exemption.check', PERSON)).toEqual({ ok: true, value: { found: false } });
    expect(performance.now() - started).toBeLessThan(500);

    await t.start();
    approveToday(t);
    expect((await services.sync.syncNow()).failures).toBe(0);
    expect(await call('exemption.check', PERSON)).toMatchObject({ ok: true, value: { found: true } });
  }, 30_000);

  it('asks the office only for lookups a visitor waits on, and a search not at every letter', async () => {
    const t = await startTestHub();
    cleanups.push(() => t.dispose());
    const { call } = await kioskAt(t);
    // Each round with nothing to send is one signed pull, and the hub keeps every nonce.
    const requests = () => t.hub.db.prepare('SELECT COUNT(*) FROM sync_nonces').pluck().get() as number;
    const start = requests();

    await call('kiosk.bootstrap', { language: 'en' });
    await call('visitor.policyStatus', { fullName: PERSON.fullName });
    expect(requests()).toBe(start); // not one of them

    // An approval lookup: a round that starts after it is asked.
    await call('exemption.check', PERSON);
    expect(requests()).toBe(start + 1);
    // Letters typed into the expected-visitor search just after: that round is fresh enough.
    for (const query of ['Ama', 'Amar', 'Amara']) await call('expected.find', { query });
    expect(requests()).toBe(start + 1);
    // An approval lookup always asks again.
    await call('exemption.check', PERSON);
    expect(requests()).toBe(start + 2);
  }, 30_000);
});
