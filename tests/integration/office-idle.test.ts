// A console left open does not keep itself signed in. Its background refreshes (marked with
// POLL_HEADER) are answered but are not use: 30 minutes after the last thing a person did,
// the session ends even while the page refreshes every 10 seconds. Real HTTP server and
// database; the hub's clock is a test clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OFFICE_PATHS, POLL_HEADER, type SessionInfo } from '../../shared/office.js';
import { IDLE_TIMEOUT_MS } from '../../core/office/auth/sessions.js';
import { setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { fakeClock, type Clock } from '../support/tempKiosk.js';

const MIN = 60_000;
const POLL = { headers: { [POLL_HEADER]: '1' } };

let t: TestHub;
let clock: Clock;
let admin: OfficeBrowser;
beforeEach(async () => {
  clock = fakeClock('2026-03-02T08:00:00.000Z');
  t = await startTestHub({ now: clock.now });
  admin = await setUpHub(t);
});
afterEach(async () => {
  await t.close();
});

/** The console refreshing a page every 10 seconds for `minutes`; every refresh answered. */
async function pollFor(b: OfficeBrowser, minutes: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < minutes * 6; i++) {
    clock.advance(10_000);
    statuses.push((await b.op('onSite.list', {}, POLL)).status);
  }
  return statuses;
}

describe('the idle end of a console session', () => {
  it('is 30 minutes', () => {
    expect(IDLE_TIMEOUT_MS).toBe(30 * MIN);
  });

  it('is not moved by background refreshes: after 30 minutes of only refreshes, the session has ended', async () => {
    const statuses = await pollFor(admin, 29);
    expect(new Set(statuses)).toEqual(new Set([200]));
    clock.advance(61_000);
    const res = await admin.op('onSite.list', {}, POLL);
    expect(res.status).toBe(401);
    expect((await admin.op('staff.list', {})).status).toBe(401); // gone for good, not only for refreshes
  });

  it('is moved by what a person does (any request without the refresh mark)', async () => {
    await pollFor(admin, 20);
    expect((await admin.op('staff.list', {})).status).toBe(200); // a click, 20 minutes in
    const statuses = await pollFor(admin, 29);
    expect(new Set(statuses)).toEqual(new Set([200]));
    clock.advance(61_000);
    expect((await admin.op('onSite.list', {}, POLL)).status).toBe(401);
  });

  it('is what a refresh reports as the session end: it does not move with refreshes', async () => {
    const before = ((await admin.get(OFFICE_PATHS.me)).json as { ok: true; value: SessionInfo }).value.expiresAt;
    expect(before).toBe(new Date(clock.now().getTime() + 30 * MIN).toISOString());
    clock.advance(5 * MIN);
    const polled = ((await admin.get(OFFICE_PATHS.me, POLL)).json as { ok: true; value: SessionInfo }).value.expiresAt;
    expect(polled).toBe(before);
    const used = ((await admin.get(OFFICE_PATHS.me)).json as { ok: true; value: SessionInfo }).value.expiresAt;
    expect(used).toBe(new Date(clock.now().getTime() + 30 * MIN).toISOString());
  });

  it('is stored only when a person acts: a refresh writes nothing to the session row', async () => {
    const lastSeen = () => t.hub.db.prepare('SELECT last_seen_at FROM sessions').pluck().get();
    const before = lastSeen();
    await pollFor(admin, 1);
    expect(lastSeen()).toBe(before);
  });
});
