// Reading personal data leaves a trace: every search of the visit record, subject-access
// search, export (CSV, subject access document and PDF) and roll-call PDF is in the audit log
// with who did it, when and how much they saw. The log is never purged, so it keeps no name
// that was typed, no outcome and no reason's words: only that they were written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_PATHS, type Role } from '../../shared/office.js';
import { browsersByRole, setUpHub, startTestHub, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { eventSource, ingest, registerKiosk } from '../support/officeDomain.js';

let t: TestHub;
let as: Record<Role, OfficeBrowser>;
const NAME = 'Philippa Arkwright-Beaumont';

beforeAll(async () => {
  t = await startTestHub();
  as = await browsersByRole(t, await setUpHub(t));
  registerKiosk(t.hub, 'k-1', 'Front desk');
  const k = eventSource('k-1');
  ingest(t.hub, k.arrive({ fullName: NAME, at: new Date().toISOString(), organisation: 'Parent' }).events, new Date().toISOString());
});
afterAll(async () => {
  await t.close();
});

type Entry = { actor: string; action: string; target: string; detail: Record<string, unknown> };
const entries = (): Entry[] =>
  (t.hub.db.prepare('SELECT actor, action, target, detail FROM audit_log ORDER BY seq').all() as { actor: string; action: string; target: string; detail: string }[]).map((r) => ({
    ...r,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
const last = (): Entry => entries().at(-1)!;
const ok = (res: { status: number; text: string }) => expect(res.status, res.text).toBe(200);

describe('reads of personal data are audited', () => {
  it('a visit search: who searched, which days, that a name was typed (not the name), how many rows', async () => {
    ok(await as.office.op('visits.search', { query: 'Arkwright', from: '2020-01-01' }));
    expect(last()).toMatchObject({ actor: 'office user (office.user)', action: 'visits.search', detail: { from: '2020-01-01', to: null, nameSearched: true, rows: 1 } });
  });

  it('a subject-access search: what was found, by count', async () => {
    ok(await as.dsl.op('subjectAccess.search', { name: 'Arkwright-Beaumont' }));
    expect(last()).toMatchObject({ actor: 'dsl user (dsl.user)', action: 'subjectAccess.search', detail: { people: 1, visits: 1, exemptions: 0, breaches: 0 } });
  });

  it('a CSV export of the visit record', async () => {
    const year = new Date().toISOString().slice(0, 4); // the visit arrived today
    const res = await as.office.get(`${OFFICE_PATHS.visitsCsv}?query=Arkwright&from=${year}-01-01&to=${year}-12-31`);
    ok(res);
    expect(res.text).toContain(NAME);
    expect(last()).toMatchObject({ actor: 'office user (office.user)', action: 'visits.export', detail: { nameSearched: true, rows: 1 } });
  });

  it('a subject access export (the document and its PDF)', async () => {
    const found = (await as.head.op('subjectAccess.search', { name: NAME })).json as { ok: true; value: { people: { visits: { visitId: string }[] }[] } };
    const visitIds = found.value.people.flatMap((p) => p.visits.map((v) => v.visitId));
    ok(await as.head.op('subjectAccess.export', { visitIds }));
    expect(last()).toMatchObject({ actor: 'head user (head.user)', action: 'subjectAccess.export', detail: { visitIds } });
  });

  it('a roll-call PDF: who printed the list of everyone on site', async () => {
    ok(await as.office.op('rollCall.start', {}));
    const res = await as.office.op('rollCall.pdf', {});
    ok(res);
    expect(last()).toMatchObject({ actor: 'office user (office.user)', action: 'rollCall.pdf', detail: { people: 1 } });
    ok(await as.office.op('rollCall.end', {}));
  });

  it('none of these entries holds the name searched for, and the chain still verifies', async () => {
    expect(JSON.stringify(entries())).not.toMatch(/Arkwright|Philippa/);
    const verdict = (await as.admin.op('audit.verify', {})).json as { ok: true; value: { ok: boolean } };
    expect(verdict.value.ok).toBe(true);
  });
});

describe('the audit log keeps that words were written, not the words', () => {
  it('a breach outcome, a refusal reason and a revocation reason stay in their records, not in the log', async () => {
    const b = (await as.office.op('breaches.log', { visitId: null, person: 'Man by the gate', location: 'Playground', what: 'Filming at pick-up.', actionTaken: 'Asked him to stop.' })).json as { ok: true; value: { breach: { id: string } } };
    ok(await as.dsl.op('breaches.close', { id: b.value.breach.id, outcome: 'Police informed; banned from site', lessonsLearnt: 'Remind visitors of the policy at sign-in.' }));
    expect(last()).toMatchObject({ action: 'breach.close', detail: { outcomeWritten: true } });

    const req = (await as.office.op('exemptions.request', { fullName: 'Ivo Renn', organisation: 'Photography Ltd', agencyRole: 'Photographer', purpose: 'Class photos', devices: 'Camera' })).json as { ok: true; value: { exemption: { id: string } } };
    ok(await as.head.op('exemptions.refuse', { id: req.value.exemption.id, reason: 'Refused: disclosure check outstanding' }));
    expect(last()).toMatchObject({ action: 'exemption.refuse', detail: { reasonWritten: true } });

    const log = JSON.stringify(entries());
    expect(log).not.toContain('Police informed');
    expect(log).not.toContain('disclosure check');
    // The records themselves still say it, to those who may read them.
    const list = (await as.dsl.op('breaches.list', {})).json as { ok: true; value: { breaches: { id: string; outcome: string | null }[] } };
    expect(list.value.breaches.find((x) => x.id === b.value.breach.id)?.outcome).toBe('Police informed; banned from site');
  });
});
