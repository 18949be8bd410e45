// How the core turns problems into the one error envelope every transport carries.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldProblems, toContractError } from '../../core/dispatcher.js';
import { ops, isOpName } from '../../shared/contract.js';
import { ContractError, ERROR_STATUS } from '../../shared/errors.js';

function sqliteError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('toContractError', () => {
  it('passes a ContractError through unchanged', () => {
    const e = new ContractError('NOT_FOUND', 'gone');
    expect(toContractError(e, () => {})).toBe(e);
  });

  it.each(['SQLITE_BUSY', 'SQLITE_LOCKED'])('turns %s into STORE_BUSY (503) that says nothing was lost', (code) => {
    const c = toContractError(sqliteError(code, 'database is locked'), () => {});
    expect(c.code).toBe('STORE_BUSY');
    expect(c.status).toBe(503);
    expect(c.message).toMatch(/try again.*Nothing was lost/);
  });

  it('turns a locker UNIQUE violation into LOCKER_TAKEN (409)', () => {
    const c = toContractError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: visits.locker_id'), () => {});
    expect(c.code).toBe('LOCKER_TAKEN');
  });

  it('turns anything else into INTERNAL (500), logs it, and shows no internals', () => {
    const logged: unknown[] = [];
    const c = toContractError(new TypeError("Cannot read properties of undefined (reading 'x') at /srv/core.js:12"), (m, e) => logged.push(m, e));
    expect(c.code).toBe('INTERNAL');
    expect(c.status).toBe(500);
    expect(c.message).not.toMatch(/undefined|core\.js/);
    expect(logged).toHaveLength(2);
  });

  it('an other UNIQUE violation is INTERNAL, not a locker problem', () => {
    expect(toContractError(sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: visits.badge_code'), () => {}).code).toBe('INTERNAL');
  });
});

describe('fieldProblems', () => {
  const schema = z.object({ name: z.string(), n: z.number(), nested: z.object({ ok: z.boolean() }).strict() }).strict();
  const problems = (raw: unknown) => fieldProblems(schema.safeParse(raw, { reportInput: true }).error!);

  it('calls a missing field required and a wrongly typed one invalid', () => {
    expect(problems({ n: 'three', nested: { ok: true } })).toEqual([
      { path: 'name', message: 'required' },
      { path: 'n', message: 'invalid' },
    ]);
  });

  it('names nested fields by their dotted path', () => {
    expect(problems({ name: 'x', n: 1, nested: {} })).toEqual([{ path: 'nested.ok', message: 'required' }]);
  });

  it('names each unexpected field', () => {
    expect(problems({ name: 'x', n: 1, nested: { ok: true, extra: 1 }, admin: true, more: 2 })).toEqual(
      expect.arrayContaining([
        { path: 'admin', message: 'invalid' },
        { path: 'more', message: 'invalid' },
        { path: 'nested.extra', message: 'invalid' },
      ]),
    );
  });
});

describe('the contract table', () => {
  it('only recognises its own operations', () => {
    expect(isOpName('visit.signIn')).toBe(true);
    for (const n of ['toString', '__proto__', 'constructor', 'visit', '', 1, null, undefined]) expect(isOpName(n)).toBe(false);
  });

  it('keeps the office operations off the kiosk audience', () => {
    expect(Object.entries(ops).filter(([, s]) => s.audience === 'staff').map(([n]) => n).sort()).toEqual(['badge.reprint', 'policy.publish', 'printer.testBadge', 'rollCall.print', 'visit.onSite']);
  });

  it('maps every error code to a 4xx or 5xx status', () => {
    for (const s of Object.values(ERROR_STATUS)) expect(s).toBeGreaterThanOrEqual(400);
    expect(ContractError.fromBody(new ContractError('POLICY_CHANGED', 'm', [{ path: 'policy', message: 'invalid' }]).toBody())).toMatchObject({
      code: 'POLICY_CHANGED',
      status: 409,
      fields: [{ path: 'policy', message: 'invalid' }],
    });
  });
});
