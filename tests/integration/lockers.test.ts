// A locker holds one phone: the kiosk says so before the database has to.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toContractError } from '../../core/dispatcher.js';
import type { Kiosk } from '../../core/kiosk.js';
import { ContractError } from '../../shared/errors.js';
import { disposeKiosk, rowCounts, startTestHttp } from '../support/fixtures.js';
import { signInInput, tempDir, tempKiosk } from '../support/tempKiosk.js';
import fs from 'node:fs';
import path from 'node:path';

let k: Kiosk;
beforeEach(() => {
  k = tempKiosk();
});
afterEach(() => disposeKiosk(k));

const lockerInput = (fullName: string, lockerId: string) => signInInput(k, { fullName, phone: { choice: 'locker', lockerId } });

describe('choosing a locker', () => {
  it('offers the default lockers and pouches, all free on first run', () => {
    const lockers = k.core.run('kiosk.bootstrap', { language: 'en' }).lockers;
    expect(lockers).toHaveLength(32);
    expect(lockers.every((l) => l.free)).toBe(true);
    expect(lockers.filter((l) => l.kind === 'pouch')).toHaveLength(8);
  });

  it('gives the second visitor for the same locker LOCKER_TAKEN (409), and writes nothing for them', async () => {
    const first = k.core.run('visit.signIn', lockerInput('First Person', 'L7'));
    expect(first.phone).toEqual({ kind: 'locker', lockerId: 'L7', lockerLabel: 'Locker 7', lockerKind: 'locker' });
    const before = rowCounts(k.db);

    const env = k.core.call('visit.signIn', lockerInput('Second Person', 'L7'), 'kiosk');
    expect(env).toMatchObject({
      ok: false,
      error: { code: 'LOCKER_TAKEN', message: 'Locker 7 is already in use. Please choose another.', fields: [{ path: 'phone.lockerId', message: 'taken' }] },
    });

    const api = await startTestHttp(k);
    try {
      const res = await api.post('visit.signIn', lockerInput('Second Person', 'L7'));
      expect(res.status).toBe(409);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'LOCKER_TAKEN' } });
    } finally {
      await api.close();
    }
    expect(rowCounts(k.db)).toEqual(before);
    expect(k.db.prepare("SELECT COUNT(*) FROM visits WHERE full_name = 'Second Person'").pluck().get()).toBe(0);
  });

  it('treats pouches like lockers', () => {
    k.core.run('visit.signIn', lockerInput('First Person', 'P2'));
    expect(k.core.call('visit.signIn', lockerInput('Second Person', 'P2'), 'kiosk')).toMatchObject({ ok: false, error: { code: 'LOCKER_TAKEN' } });
  });

  it('lets different visitors use different lockers at once', () => {
    for (let i = 1; i <= 5; i++) k.core.run('visit.signIn', lockerInput(`Person ${i}`, `L${i}`));
    const taken = k.core.run('kiosk.bootstrap', { language: 'en' }).lockers.filter((l) => !l.free).map((l) => l.id);
    expect(taken).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
  });

  it('refuses a locker that does not exist as INVALID_INPUT naming the locker field', () => {
    const before = rowCounts(k.db);
    expect(k.core.call('visit.signIn', lockerInput('Jane Smith', 'L999'), 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'phone.lockerId', message: 'invalid' }] },
    });
    expect(k.core.call('visit.signIn', lockerInput('Jane Smith', 'L1; DROP TABLE visits'), 'kiosk')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', fields: [{ path: 'phone.lockerId', message: 'invalid' }] },
    });
    expect(rowCounts(k.db)).toEqual(before);
  });

  it('refuses a locker the site has retired', () => {
    const dir = tempDir();
    try {
      fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ lockers: [{ id: 'A', label: 'Locker A', kind: 'locker' }] }));
      const k1 = tempKiosk({ dataDir: dir });
      k1.core.run('visit.signIn', signInInput(k1, { phone: { choice: 'locker', lockerId: 'A' } }));
      k1.close();
      fs.writeFileSync(path.join(dir, 'site.json'), JSON.stringify({ lockers: [{ id: 'B', label: 'Locker B', kind: 'locker' }] }));
      const k2 = tempKiosk({ dataDir: dir });
      try {
        expect(k2.core.run('kiosk.bootstrap', { language: 'en' }).lockers.map((l) => l.id)).toEqual(['B']);
        expect(k2.core.call('visit.signIn', signInInput(k2, { fullName: 'Other', phone: { choice: 'locker', lockerId: 'A' } }), 'kiosk')).toMatchObject({
          ok: false,
          error: { code: 'INVALID_INPUT', fields: [{ path: 'phone.lockerId' }] },
        });
        // The old visit still points at its (retired) locker.
        expect(k2.core.run('visit.onSite', {}).visits[0]!.phone).toMatchObject({ kind: 'locker', lockerId: 'A', lockerLabel: 'Locker A' });
      } finally {
        k2.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is backed by the database: a second open record for the same locker is a UNIQUE violation, reported as LOCKER_TAKEN', () => {
    const r = k.core.run('visit.signIn', lockerInput('First Person', 'L1'));
    let caught: unknown;
    try {
      k.db
        .prepare(
          `INSERT INTO visits (id, kiosk_id, badge_code, badge_number, local_day, category, full_name, name_key, organisation, agency_role,
             host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at, phone_kind, locker_id)
           SELECT 'copy', kiosk_id, 'ZZZZZZ', 99, local_day, category, full_name, name_key, organisation, agency_role,
             host_id, host_name, purpose, language, id_check_required, needs_evac_help, arrived_at, phone_kind, locker_id FROM visits WHERE id = ?`,
        )
        .run(r.visitId);
    } catch (e) {
      caught = e;
    }
    expect(caught).toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    const mapped = toContractError(caught, () => {});
    expect(mapped).toBeInstanceOf(ContractError);
    expect(mapped.code).toBe('LOCKER_TAKEN');
    expect(mapped.status).toBe(409);
  });
});
