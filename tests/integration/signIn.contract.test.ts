// Visitor-typed input through the contract, called in-process (as the Electron IPC adapter does).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import type { Envelope } from '../../shared/errors.js';
import { disposeKiosk, rowCounts } from '../support/fixtures.js';
import { BAD_SIGN_INS, NAMES_KEPT_EXACTLY, withOverride } from '../support/inputs.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';

let k: Kiosk;
beforeEach(() => {
  k = tempKiosk();
});
afterEach(() => disposeKiosk(k));

function expectRefused(env: Envelope<unknown>, code: string) {
  expect(env.ok).toBe(false);
  if (env.ok) throw new Error('unreachable');
  expect(env.error.code).toBe(code);
  expect(typeof env.error.message).toBe('string');
  expect(env.error.message.length).toBeGreaterThan(0);
  return env.error;
}

describe('signing in through the contract', () => {
  describe('keeps every kind of real name exactly, NFC-normalised and trimmed', () => {
    it.each(NAMES_KEPT_EXACTLY)('a name with $what', ({ typed, stored }) => {
      const env = k.core.call('visit.signIn', signInInput(k, { fullName: typed }), 'kiosk');
      expect(env.ok).toBe(true);
      const receipt = (env as { value: { visitId: string; fullName: string } }).value;
      expect(receipt.fullName).toBe(stored);
      const row = k.db.prepare('SELECT full_name FROM visits WHERE id = ?').get(receipt.visitId) as { full_name: string };
      expect(row.full_name).toBe(stored);
      expect(k.core.run('visit.onSite', {}).visits.map((v) => v.fullName)).toEqual([stored]);
    });

    it('keeps the organisation, role and reason as typed, tidied the same way', () => {
      const r = k.core.run(
        'visit.signIn',
        signInInput(k, { category: 'professional', organisation: '  Służba  Zdrowia ', agencyRole: 'Speech & language therapist', purpose: 'Réunion — année 3' }),
      );
      const row = k.db.prepare('SELECT organisation, agency_role, purpose FROM visits WHERE id = ?').get(r.visitId);
      expect(row).toEqual({ organisation: 'Służba Zdrowia', agency_role: 'Speech & language therapist', purpose: 'Réunion — année 3' });
    });
  });

  describe('refuses bad input with INVALID_INPUT naming the field, and writes nothing', () => {
    it.each(BAD_SIGN_INS)('refuses $what', ({ over, path, message }) => {
      const before = rowCounts(k.db);
      const env = k.core.call('visit.signIn', withOverride(signInInput(k), over), 'kiosk');
      const error = expectRefused(env, 'INVALID_INPUT');
      expect(error.fields?.map((f) => f.path)).toContain(path);
      expect(error.fields?.find((f) => f.path === path)?.message).toBe(message);
      expect(rowCounts(k.db)).toEqual(before);
    });

    it('reports one problem per bad field, so the screen can show each once', () => {
      const env = k.core.call('visit.signIn', signInInput(k, { fullName: 'x'.repeat(20_000), purpose: '' }), 'kiosk');
      const error = expectRefused(env, 'INVALID_INPUT');
      expect(error.fields?.filter((f) => f.path === 'fullName')).toHaveLength(1);
      expect(error.fields?.filter((f) => f.path === 'purpose')).toHaveLength(1);
      expect(error.message).toBe('Please check: Full name is too long; Reason for visit is required.');
    });

    it('says how long a field may be when it is too long', () => {
      const env = k.core.call('visit.signIn', signInInput(k, { fullName: 'x'.repeat(301) }), 'kiosk');
      expect(expectRefused(env, 'INVALID_INPUT').fields).toEqual([{ path: 'fullName', message: 'tooLong', max: 300 }]);
    });

    it.each([
      ['no input at all', undefined],
      ['null', null],
      ['an array', []],
      ['a string', 'Jane Smith'],
      ['a number', 42],
    ])('refuses %s as the input', (_what, raw) => {
      const before = rowCounts(k.db);
      const error = expectRefused(k.core.call('visit.signIn', raw, 'kiosk'), 'INVALID_INPUT');
      expect(error.fields?.length).toBeGreaterThan(0);
      expect(rowCounts(k.db)).toEqual(before);
    });

    it('throws the same refusal as a ContractError from core.run', () => {
      expect(() => k.core.run('visit.signIn', signInInput(k, { fullName: '\u0000' }))).toThrow(
        expect.objectContaining({ name: 'ContractError', code: 'INVALID_INPUT', status: 400 }),
      );
    });
  });

  describe('who must say which organisation they are from', () => {
    it.each(['contractor', 'professional'] as const)('a %s must give an organisation', (category) => {
      const before = rowCounts(k.db);
      for (const organisation of [undefined, '', '   ']) {
        const input = withOverride(signInInput(k, { category, agencyRole: 'Electrician' }), { organisation });
        const error = expectRefused(k.core.call('visit.signIn', input, 'kiosk'), 'INVALID_INPUT');
        expect(error.fields).toEqual([{ path: 'organisation', message: 'required' }]);
        expect(error.message).toContain('Organisation is required');
      }
      expect(rowCounts(k.db)).toEqual(before);
    });

    it('a professional must also give their role', () => {
      const error = expectRefused(
        k.core.call('visit.signIn', signInInput(k, { category: 'professional', organisation: 'Social Services' }), 'kiosk'),
        'INVALID_INPUT',
      );
      expect(error.fields).toEqual([{ path: 'agencyRole', message: 'required' }]);
      expect(error.message).toContain('Role is required');
    });

    it('a professional with neither is told about both fields', () => {
      const error = expectRefused(k.core.call('visit.signIn', signInInput(k, { category: 'professional' }), 'kiosk'), 'INVALID_INPUT');
      expect(error.fields?.map((f) => f.path).sort()).toEqual(['agencyRole', 'organisation']);
    });

    it('a professional who signs in is flagged for an ID check, on the receipt, the record and the on-site list', () => {
      const r = k.core.run('visit.signIn', signInInput(k, { category: 'professional', organisation: 'Social Services', agencyRole: 'Social worker' }));
      expect(r.idCheckRequired).toBe(true);
      expect(k.db.prepare('SELECT id_check_required FROM visits WHERE id = ?').pluck().get(r.visitId)).toBe(1);
      expect(k.core.run('visit.onSite', {}).visits[0]).toMatchObject({ idCheckRequired: true, organisation: 'Social Services' });
    });

    it('a contractor with an organisation signs in without an ID check', () => {
      const r = k.core.run('visit.signIn', signInInput(k, { category: 'contractor', organisation: 'Acme Roofing' }));
      expect(r.idCheckRequired).toBe(false);
    });

    it.each(['parent_carer', 'volunteer', 'visitor'] as const)('a %s needs no organisation and gets no ID check', (category) => {
      const r = k.core.run('visit.signIn', signInInput(k, { category }));
      expect(r.idCheckRequired).toBe(false);
      expect(k.db.prepare('SELECT organisation, agency_role FROM visits WHERE id = ?').get(r.visitId)).toEqual({ organisation: '', agency_role: '' });
    });
  });

  describe('a whole visit is written in one go', () => {
    it('writes arrived, policy acknowledged and phone stored events, each with an outbox row', () => {
      const r = k.core.run('visit.signIn', signInInput(k, { phone: { choice: 'reception' } }));
      const kinds = k.db.prepare('SELECT kind FROM visit_events WHERE visit_id = ? ORDER BY seq').pluck().all(r.visitId);
      expect(kinds).toEqual(['arrived', 'policy_acknowledged', 'phone_stored']);
      expect(k.db.prepare('SELECT COUNT(*) FROM outbox o JOIN visit_events e ON e.id = o.event_id WHERE e.visit_id = ?').pluck().get(r.visitId)).toBe(3);
    });

    it('records a device-use request when the visitor says they have approval but none is on record', () => {
      const r = k.core.run('visit.signIn', signInInput(k, { phone: { choice: 'exemption' } }));
      expect(r.phone.kind).toBe('exemption_pending');
      const kinds = k.db.prepare('SELECT kind FROM visit_events WHERE visit_id = ? ORDER BY seq').pluck().all(r.visitId);
      expect(kinds).toEqual(['arrived', 'policy_acknowledged', 'device_use_requested', 'phone_stored']);
      expect(k.core.run('visit.onSite', {}).visits[0]!.phone).toEqual(r.phone);
    });

    it('numbers badges from 1 each day and gives every visit a distinct six-character code', () => {
      const codes = new Set<string>();
      const numbers: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = k.core.run('visit.signIn', signInInput(k, { fullName: `Visitor ${i}` }));
        expect(r.badgeCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
        codes.add(r.badgeCode);
        numbers.push(r.badgeNumber);
      }
      expect(codes.size).toBe(5);
      expect(numbers).toEqual([1, 2, 3, 4, 5]);
    });
  });

  describe('calls the kiosk may not make', () => {
    it('answers an unknown operation with UNKNOWN_OPERATION', () => {
      for (const name of ['visit.delete', '', '__proto__', 'constructor', 'toString', 42, null])
        expect(expectRefused(k.core.call(name, {}, 'kiosk'), 'UNKNOWN_OPERATION')).toBeTruthy();
    });

    it.each([
      ['visit.onSite', {}],
      ['policy.publish', { language: 'en', draft: { title: 'New', points: ['Phones away'] } }],
    ])('refuses the staff-only %s from the kiosk, before looking at the input', (op, input) => {
      const before = rowCounts(k.db);
      expectRefused(k.core.call(op, input, 'kiosk'), 'FORBIDDEN');
      expectRefused(k.core.call(op, { junk: '\u0000' }, 'kiosk'), 'FORBIDDEN');
      expect(rowCounts(k.db)).toEqual(before);
    });
  });
});
