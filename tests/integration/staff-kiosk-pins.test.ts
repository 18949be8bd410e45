// Personal kiosk PINs (issue #12), with a real office hub and a real kiosk syncing over HTTP:
// a PIN set in the console reaches the kiosk as a slow hash, opens the fire roll call there
// with the office down, and the marks name the member of staff. The Kiosks page shows which
// kiosks have a usable roll call; clearing a PIN or disabling the account takes it off kiosks.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../core/office/context.js';
import { createSyncClient, SyncError, type SyncClient } from '../../core/sync/client.js';
import { pullAll } from '../../core/sync/pull.js';
import { SYNC_PATHS, type PullResponse } from '../../shared/sync.js';
import { ADMIN, hubWithPairedKiosk, type TestHub } from '../support/syncHub.js';
import { signInInput } from '../support/tempKiosk.js';
import { refusal } from '../support/refusal.js';
import { syncWithRetries } from '../support/kioskSync.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function staffMember(t: TestHub, username: string, displayName: string, role: Actor['role'] = 'office'): Actor {
  const { staff } = t.hub.core.run('staff.create', { username, displayName, role, password: 'a long enough password 1' }, ADMIN);
  return { staffId: staff.id, username, displayName, role };
}

describe('personal kiosk PINs', () => {
  it('a PIN set in the console opens the roll call on a kiosk that is then offline, and the marks name who made them', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    await syncWithRetries(k);
    // The kiosk said how its roll call opens: not at all yet.
    const before = t.hub.core.run('kiosks.list', {}, ADMIN).kiosks[0]!;
    expect(before.rollCall).toMatchObject({ localPin: false, personalPins: 0, usable: false });
    expect(k.core.run('kiosk.bootstrap', {}, 'kiosk').setUp).toBe(false);

    const sam = staffMember(t, 'sam', 'Sam Warden');
    t.hub.core.run('staff.setKioskPin', { pin: '592817' }, sam); // Sam's own
    const dee = staffMember(t, 'dee', 'Dee Lead', 'dsl');
    t.hub.core.run('staff.setKioskPin', { staffId: dee.staffId, pin: '736154' }, ADMIN); // set by an administrator
    expect(t.hub.core.run('staff.kioskPins', {}, sam).mine).not.toBeNull();
    expect(t.hub.core.run('staff.kioskPins', {}, ADMIN).staff.map((s) => s.displayName)).toEqual(['Dee Lead', 'Sam Warden']);

    await syncWithRetries(k); // pulls the PINs
    const visitor = k.core.run('visit.signIn', signInInput(k, { fullName: 'Vic Visitor' }), 'kiosk');
    await syncWithRetries(k); // reports them (and pushes the visit)
    expect(t.hub.core.run('kiosks.list', {}, ADMIN).kiosks[0]!.rollCall).toMatchObject({ localPin: false, personalPins: 2, usable: true });
    expect(k.core.run('kiosk.bootstrap', {}, 'kiosk').setUp).toBe(true);
    // Only slow hashes reached the kiosk, never a PIN.
    const rows = k.db.prepare('SELECT hash FROM staff_pins').all() as { hash: string }[];
    expect(rows.map((r) => JSON.parse(r.hash).algo)).toEqual(['scrypt', 'scrypt']);
    expect(JSON.stringify(rows)).not.toContain('592817');
    // Nor is a PIN in the hub's audit log or feed.
    expect(JSON.stringify(t.hub.core.run('audit.list', { limit: 100 }, ADMIN))).not.toContain('592817');
    expect(JSON.stringify(t.hub.db.prepare('SELECT * FROM ref_changes').all())).not.toContain('592817');

    // The office goes down. Sam's personal PIN opens the roll call; the mark names Sam.
    await t.stop();
    expect(refusal(() => k.core.run('staff.unlock', { pin: '111111', purpose: 'rollCall' }, 'kiosk')).code).toBe('FORBIDDEN');
    const unlock = k.core.run('staff.unlock', { pin: '592817', purpose: 'rollCall' }, 'kiosk');
    expect(unlock.staffName).toBe('Sam Warden');
    const { session, rollCall } = k.core.run('rollCall.open', { token: unlock.token }, 'kiosk');
    expect(rollCall.startedBy).toBe('Sam Warden');
    const marked = k.core.run('rollCall.mark', { session, visitId: visitor.visitId, status: 'safe' }, 'kiosk');
    expect(marked.entries[0]!.mark).toMatchObject({ status: 'safe', by: 'Sam Warden' });

    // Back online: the mark reaches the office with Sam's name.
    await t.start();
    await syncWithRetries(k);
    const v = t.hub.db.prepare('SELECT roll_call_status, roll_call_by FROM visits WHERE id = ?').get(visitor.visitId) as { roll_call_status: string; roll_call_by: string };
    expect(v).toEqual({ roll_call_status: 'safe', roll_call_by: 'Sam Warden' });
  });

  it('a cleared PIN or a disabled account no longer opens anything at the kiosk; renaming changes the name recorded', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    const sam = staffMember(t, 'sam', 'Sam Warden');
    const dee = staffMember(t, 'dee', 'Dee Lead');
    t.hub.core.run('staff.setKioskPin', { pin: '592817' }, sam);
    t.hub.core.run('staff.setKioskPin', { pin: '736154' }, dee);
    await syncWithRetries(k);
    expect(k.core.run('staff.unlock', { pin: '736154', purpose: 'exit' }, 'kiosk').staffName).toBe('Dee Lead');

    t.hub.core.run('staff.clearKioskPin', {}, sam);
    t.hub.core.run('staff.update', { id: dee.staffId, displayName: 'Dee Leader' }, ADMIN);
    await syncWithRetries(k);
    expect(refusal(() => k.core.run('staff.unlock', { pin: '592817', purpose: 'exit' }, 'kiosk')).code).toBe('FORBIDDEN');
    expect(k.core.run('staff.unlock', { pin: '736154', purpose: 'rollCall' }, 'kiosk').staffName).toBe('Dee Leader');

    t.hub.core.run('staff.update', { id: dee.staffId, active: false }, ADMIN);
    await syncWithRetries(k);
    expect(k.db.prepare('SELECT COUNT(*) AS n FROM staff_pins').get()).toEqual({ n: 0 });
    // No PIN of any kind is left: the kiosk is back to "not set up" (and the office sees it).
    expect(k.core.run('kiosk.bootstrap', {}, 'kiosk').setUp).toBe(false);
    await syncWithRetries(k);
    expect(t.hub.core.run('kiosks.list', {}, ADMIN).kiosks[0]!.rollCall?.usable).toBe(false);
  });

  it('only an administrator sets or clears another person\u2019s PIN; a disabled account gets none; PINs are 4 to 8 digits', async () => {
    const { t } = await hubWithPairedKiosk(cleanups);
    const sam = staffMember(t, 'sam', 'Sam Warden');
    const dee = staffMember(t, 'dee', 'Dee Lead');
    expect(refusal(() => t.hub.core.run('staff.setKioskPin', { staffId: dee.staffId, pin: '123456' }, sam)).code).toBe('FORBIDDEN');
    expect(refusal(() => t.hub.core.run('staff.clearKioskPin', { staffId: dee.staffId }, sam)).code).toBe('FORBIDDEN');
    expect(refusal(() => t.hub.core.run('staff.setKioskPin', { pin: '12' }, sam)).code).toBe('INVALID_INPUT');
    t.hub.core.run('staff.update', { id: dee.staffId, active: false }, ADMIN);
    expect(refusal(() => t.hub.core.run('staff.setKioskPin', { staffId: dee.staffId, pin: '123456' }, ADMIN)).code).toBe('CONFLICT');
    expect(t.hub.core.run('staff.kioskPins', {}, sam).staff).toEqual([]); // only administrators see who has one
  });

  it('an older kiosk that does not report its roll call is still accepted (and shown as unknown)', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    expect(t.hub.core.run('kiosks.list', {}, ADMIN).kiosks[0]!.rollCall).toBeNull();
    // An older kiosk's pull: just the cursor and limit, over real HTTP.
    const page = await createSyncClient(k.db).post<PullResponse>(SYNC_PATHS.pull, { cursor: 0, limit: 10 });
    expect(page.changes.length).toBeGreaterThan(0);
    expect(t.hub.core.run('kiosks.list', {}, ADMIN).kiosks[0]!.rollCall).toBeNull();
  });

  it('a newer kiosk still pulls from an older hub that refuses the report (it asks again without it)', async () => {
    const { t, k } = await hubWithPairedKiosk(cleanups);
    const real = createSyncClient(k.db);
    const sent: unknown[] = [];
    // The hub's answer before this change: its strict schema refuses the unknown field.
    const olderHub: SyncClient = {
      post: <T,>(path: Parameters<SyncClient['post']>[0], body: unknown): Promise<T> => {
        sent.push(body);
        if (typeof body === 'object' && body !== null && 'rollCall' in body)
          return Promise.reject(new SyncError('INVALID_INPUT', 'The request was not understood: (body): Unrecognized key: "rollCall".', 400));
        return real.post<T>(path, body);
      },
      close: () => real.close(),
    };
    const r = await pullAll(olderHub, k.db);
    expect(r.applied).toBeGreaterThan(0);
    expect(sent.filter((b) => typeof b === 'object' && b !== null && 'rollCall' in b)).toHaveLength(1); // asked once, then not again
    expect(t.hub.core.run('kiosks.list', {}, ADMIN).kiosks[0]!.rollCall).toBeNull();
  });
});
