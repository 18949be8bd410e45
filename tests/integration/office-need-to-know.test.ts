// Need to know, over the real HTTP server and a real hub database: who may do what with
// breach records and subject access, and which fields each role is sent. The expected matrix
// is written out below, in the test, so a change to the contract's roles that nobody meant
// fails here rather than passing quietly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Breach, type Role } from '../../shared/office.js';
import { browsersByRole, setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';

/**
 * role × operation → what happens.
 *   denied   403 FORBIDDEN, nothing written
 *   status   allowed; breach records come back with status and times only
 *            (person, location, what, action taken and outcome are null)
 *   details  allowed; breach records come back whole, outcome included
 *   allowed  allowed (subject access: dsl, head and admin only)
 *   unknown  404 NOT_FOUND: subject access treats a concern's id as unknown outside the DSL and
 *            head (shared/subjectAccessRecords.ts SAR_SAFEGUARDING_ROLES), as if there were none
 */
const MATRIX = `
  operation               office   dsl      head     admin
  breaches.list           status   details  details  details
  breaches.log            status   details  details  details
  breaches.close          denied   details  details  denied
  subjectAccess.search    denied   allowed  allowed  allowed
  subjectAccess.export    denied   allowed  allowed  unknown
  subjectAccess.rectify   denied   allowed  allowed  allowed
  subjectAccess.erase     denied   allowed  allowed  allowed
`;

type Expect = 'denied' | 'status' | 'details' | 'allowed' | 'unknown';
const lines = MATRIX.trim().split('\n').map((l) => l.trim().split(/\s+/));
const header = lines[0]!.slice(1) as Role[];
const cells = lines.slice(1).flatMap(([op, ...outcomes]) => outcomes.map((expected, i) => ({ op: op!, role: header[i]!, expected: expected as Expect })));

const CONCERN = { person: 'Quentin Marlowe-Fisk', location: 'Year 4 classroom', what: 'Photographed a display with pupils in front of it.', actionTaken: 'Asked him to delete it; watched him do so.' };
const OUTCOME = 'Spoke to him; reminded of the policy; no further action.';
const DETAIL_FIELDS = ['person', 'location', 'what', 'actionTaken', 'outcome'] as const;

let t: TestHub;
let as: Record<Role, OfficeBrowser>;
let n = 0;

beforeAll(async () => {
  t = await startTestHub();
  as = await browsersByRole(t, await setUpHub(t));
});
afterAll(async () => {
  await t.close();
});

function value<T>(res: { status: number; text: string; json: unknown }): T {
  expect(res.status, res.text).toBe(200);
  return (res.json as { ok: true; value: T }).value;
}

/** A fresh concern, closed with an outcome (by the head), unless asked to leave it open. */
async function concern(open = false): Promise<string> {
  const b = value<{ breach: Breach }>(await as.dsl.op('breaches.log', { ...CONCERN, visitId: null })).breach;
  if (!open) value(await as.head.op('breaches.close', { id: b.id, outcome: OUTCOME, lessonsLearnt: 'Remind visitors of the policy at sign-in.' }));
  return b.id;
}

/** A device-use request for someone no concern names, so it may be erased. */
async function request(): Promise<string> {
  n++;
  const r = await as.dsl.op('exemptions.request', { fullName: `Rowena Tillbrook ${n}`, organisation: 'NHS speech therapy', agencyRole: 'Therapist', purpose: 'Session notes', devices: 'Tablet' });
  return value<{ exemption: { id: string } }>(r).exemption.id;
}

/** Call the op as the role with a real, valid input; return the records it answered with. */
async function attempt(op: string, role: Role): Promise<{ status: number; code?: string; breaches: Breach[] }> {
  const b = as[role];
  let res;
  switch (op) {
    case 'breaches.list':
      await concern();
      res = await b.op(op, {});
      break;
    case 'breaches.log':
      res = await b.op(op, { ...CONCERN, visitId: null });
      break;
    case 'breaches.close':
      res = await b.op(op, { id: await concern(true), outcome: OUTCOME, lessonsLearnt: 'Remind visitors of the policy at sign-in.' });
      break;
    case 'subjectAccess.search':
      await concern();
      res = await b.op(op, { name: 'Marlowe-Fisk' });
      break;
    case 'subjectAccess.export':
      res = await b.op(op, { breachIds: [await concern()] });
      break;
    case 'subjectAccess.rectify':
      res = await b.op(op, { exemptionIds: [await request()], organisation: 'NHS Kent', reason: 'SAR 2026-3: organisation out of date' });
      break;
    case 'subjectAccess.erase':
      res = await b.op(op, { exemptionIds: [await request()], reason: 'SAR 2026-4: erasure requested' });
      break;
    default:
      throw new Error(`no case for ${op}`);
  }
  const json = res.json as { ok: boolean; value?: { breaches?: Breach[]; breach?: Breach }; error?: { code: string } };
  const breaches = json.value?.breaches ?? (json.value?.breach ? [json.value.breach] : []);
  return { status: res.status, ...(json.error ? { code: json.error.code } : {}), breaches };
}

describe('the need-to-know matrix for breaches and subject access, over HTTP', () => {
  it('covers every role', () => {
    expect([...header].sort()).toEqual([...ROLES].sort());
  });

  it.each(cells)('$op as $role: $expected', async ({ op, role, expected }) => {
    const audited = t.hub.db.prepare('SELECT COUNT(*) FROM audit_log WHERE action = ?').pluck();
    const before = audited.get(op.replace('breaches.', 'breach.')) as number;
    const got = await attempt(op, role);
    if (expected === 'denied') {
      expect(got).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      expect(audited.get(op.replace('breaches.', 'breach.'))).toBe(before);
      return;
    }
    if (expected === 'unknown') {
      expect(got).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      return;
    }
    expect(got.status).toBe(200);
    if (expected === 'allowed') return;
    expect(got.breaches.length).toBeGreaterThan(0);
    for (const b of got.breaches) {
      expect(b.detailsHidden).toBe(expected === 'status');
      expect(b.status).toMatch(/^(open|closed)$/);
      expect(b.loggedAt).toEqual(expect.any(String));
      for (const f of DETAIL_FIELDS) {
        if (expected === 'status') expect(b[f], f).toBeNull();
        else if (f !== 'outcome' || b.status === 'closed') expect(b[f], f).toEqual(expect.any(String));
      }
    }
    if (expected === 'status') expect(JSON.stringify(got.breaches)).not.toMatch(/Marlowe|Year 4|Photographed|delete it|reminded/);
    if (expected === 'details' && op === 'breaches.list') expect(got.breaches.some((b) => b.outcome === OUTCOME)).toBe(true);
  });
});
