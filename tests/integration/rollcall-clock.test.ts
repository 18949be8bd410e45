// The office roll call merges marks made at kiosks in hub time. A kiosk's mark carries its own
// clock; the hub knows each kiosk's offset from its signed requests, so a kiosk 10 minutes slow
// still has its mark counted for the roll call in progress, and a kiosk 10 minutes fast does not
// beat a console mark made after it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import { startSyncAgent } from '../../core/sync/agent.js';
import { setStaffPin } from '../../core/staff/pin.js';
import { disposeKiosk } from '../support/fixtures.js';
import { ADMIN, pairKiosk, startTestHub, type TestHub } from '../support/syncHub.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const MIN = 60_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A hub, and a kiosk whose clock is `skewMs` away from it (set after pairing, as drift is). */
async function skewedKiosk(skewMs: number): Promise<{ t: TestHub; k: Kiosk; now: () => Date }> {
  let skew = 0;
  const now = () => new Date(Date.now() + skew);
  const t = await startTestHub();
  cleanups.push(() => t.dispose());
  const k = tempKiosk({ now });
  cleanups.push(() => disposeKiosk(k));
  await pairKiosk(k.db, t, 'Main entrance');
  skew = skewMs;
  return { t, k, now };
}

async function sync(k: Kiosk, now: () => Date): Promise<void> {
  const agent = startSyncAgent(k, { log: () => {}, intervalMs: 60_000, now });
  try {
    expect((await agent.syncNow()).lastError).toBeNull();
  } finally {
    await agent.stop();
  }
}

function markAtKiosk(k: Kiosk, visitId: string, status: 'safe' | 'missing'): void {
  setStaffPin(k.db, '4826');
  const { token } = k.core.run('staff.unlock', { pin: '4826', purpose: 'rollCall' }, 'kiosk');
  const { session } = k.core.run('rollCall.open', { token, by: 'Warden' }, 'kiosk');
  k.core.run('rollCall.mark', { session, visitId, status }, 'kiosk');
}

describe('office roll call: kiosk marks in hub time', () => {
  it('a kiosk 10 minutes slow: its mark, made after the roll call started, counts', async () => {
    const { t, k, now } = await skewedKiosk(-10 * MIN);
    await sync(k, now);
    const ann = k.core.run('visit.signIn', signInInput(k, { fullName: 'Ann Slow' }), 'kiosk').visitId;
    await sync(k, now);
    const started = t.hub.core.run('rollCall.start', {}, ADMIN);
    await pause(5);
    const markedAt = Date.now();
    markAtKiosk(k, ann, 'safe'); // stamped ten minutes before the roll call started, by the kiosk's clock
    await sync(k, now);
    const mark = t.hub.core.run('rollCall.current', {}, ADMIN).rollCall!.entries.find((e) => e.visitId === ann)!.mark;
    expect(mark).toMatchObject({ status: 'safe', by: 'Warden' });
    // Shown in hub time, not the kiosk's.
    expect(Math.abs(Date.parse(mark!.at) - markedAt)).toBeLessThan(3000);
    expect(mark!.at >= started.startedAt).toBe(true);
  });

  it('a kiosk 10 minutes fast: a console mark made after its mark wins', async () => {
    const { t, k, now } = await skewedKiosk(10 * MIN);
    await sync(k, now);
    const ann = k.core.run('visit.signIn', signInInput(k, { fullName: 'Ann Fast' }), 'kiosk').visitId;
    await sync(k, now);
    t.hub.core.run('rollCall.start', {}, ADMIN);
    markAtKiosk(k, ann, 'safe'); // first, at the kiosk (stamped ten minutes ahead)
    await pause(20);
    t.hub.core.run('rollCall.mark', { visitId: ann, status: 'missing' }, ADMIN); // then, in the office
    await sync(k, now);
    const mark = t.hub.core.run('rollCall.current', {}, ADMIN).rollCall!.entries.find((e) => e.visitId === ann)!.mark;
    expect(mark).toMatchObject({ status: 'missing' });

    // And the other way round: a later kiosk mark wins over an earlier console one.
    await pause(20);
    markAtKiosk(k, ann, 'safe');
    await sync(k, now);
    expect(t.hub.core.run('rollCall.current', {}, ADMIN).rollCall!.entries.find((e) => e.visitId === ann)!.mark).toMatchObject({ status: 'safe', by: 'Warden' });
  });
});
