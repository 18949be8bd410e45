// Opening a pre-visit request's risk assessment from the console: the stored PDF served as an
// attachment through the hub's real HTTP server, to the head and the DSL only (office staff and
// the administrator are refused, 403), every opening in the audit log, a hostile stored file
// name kept out of the header, and on a trust hub (PostgreSQL) one school's file never served to
// another school's session.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../core/reports/pdf.js';
import { safePdfName } from '../../core/office/invitations/riskAssessment.js';
import { OFFICE_PATHS, type AuditEntry, type Role } from '../../shared/office.js';
import { browsersByRole, setUpHub, startTestHub, type Answer, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { testingOnPostgres } from '../support/postgres.js';
import { addTestSchool, schoolStaff, startTrustTestHub, uniqueSlug, type TrustTestHub } from '../support/trustHub.js';

function pdfOf(words: string): Buffer {
  return renderPdf({ title: 'Risk assessment', at: new Date('2026-02-01T00:00:00Z') }, (doc) => void doc.fontSize(12).text(words));
}

const value = <T>(a: Answer): T => {
  if (a.json?.ok !== true) throw new Error(`${a.status} ${a.text}`);
  return a.json.value as T;
};

/** An expected professional and their pre-visit device request with `file`, made by `office`. */
async function previsitRequest(by: OfficeBrowser, file: Buffer, fileName = 'RA Sam Worker.pdf'): Promise<string> {
  const host = value<{ hosts: { id: string; active: boolean }[] }>(await by.op('reference.get')).hosts.find((h) => h.active)!;
  const { expected } = value<{ expected: { id: string } }>(
    await by.op('expected.save', { fullName: 'Sam Worker', organisation: 'County Social Care', category: 'professional', hostId: host.id, expectedOn: '2026-12-24', note: '' }),
  );
  const made = await by.op('previsit.request', {
    expectedId: expected.id,
    email: 'sam.worker@county.test',
    language: 'en',
    agencyRole: 'Social worker',
    devices: 'Work laptop',
    purpose: 'Recording a child\'s voice for a court report',
    riskAssessment: { fileName, base64: file.toString('base64') },
  });
  return value<{ exemption: { id: string } }>(made).exemption.id;
}

const download = (b: OfficeBrowser, exemptionId: string) => b.get(OFFICE_PATHS.riskAssessment(exemptionId));

const opened = async (admin: OfficeBrowser, exemptionId: string) =>
  value<{ entries: AuditEntry[] }>(await admin.op('audit.list', { limit: 200 })).entries.filter((e) => e.action === 'previsit.riskAssessment.open' && e.target === `exemption:${exemptionId}`);

describe('the risk assessment download (one school)', () => {
  let t: TestHub;
  let as: Record<Role, OfficeBrowser>;
  let exemptionId: string;
  const pdf = pdfOf('County Social Care: risk assessment for recording a child\'s voice.');
  beforeAll(async () => {
    t = await startTestHub();
    as = await browsersByRole(t, await setUpHub(t));
    exemptionId = await previsitRequest(as.office, pdf);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives the head the PDF, byte for byte, as an attachment that is never sniffed or cached; the opening is audited', async () => {
    const res = await download(as.head, exemptionId);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(pdf)).toBe(true);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="RA Sam Worker.pdf"');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const [entry, ...more] = await opened(as.admin, exemptionId);
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ actor: 'head user (head.user)', detail: { sha256: createHash('sha256').update(pdf).digest('hex'), bytes: pdf.length } });
    expect(Date.now() - Date.parse(entry!.at)).toBeLessThan(60_000);
  });

  it('gives it to the DSL too; each opening is one more audit entry', async () => {
    const before = (await opened(as.admin, exemptionId)).length;
    expect((await download(as.dsl, exemptionId)).status).toBe(200);
    const after = await opened(as.admin, exemptionId);
    expect(after).toHaveLength(before + 1);
    expect(after[0]!.actor).toBe('dsl user (dsl.user)');
  });

  it('refuses curious office staff and the administrator (403), without the file and without an audit entry of an opening', async () => {
    const before = (await opened(as.admin, exemptionId)).length;
    for (const role of ['office', 'admin'] as const) {
      const res = await download(as[role], exemptionId);
      expect(res.status, role).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(res.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: 'Only the headteacher and the DSL can open a risk assessment. Ask one of them.' } });
      expect(res.bytes.includes(Buffer.from('%PDF-'))).toBe(false);
    }
    expect(await opened(as.admin, exemptionId)).toHaveLength(before);
    // Office staff still see that a file is attached, by name, on the request, and the visit's
    // day (the head's approval form starts from it).
    const of = value<{ previsit: { fileName: string } | null; expectedOn: string | null }>(await as.office.op('previsit.ofExemption', { exemptionId }));
    expect(of.previsit?.fileName).toBe('RA Sam Worker.pdf');
    expect(of.expectedOn).toBe('2026-12-24');
  });

  it('refuses without a session (401), and answers 404 for a request with no file or no such request', async () => {
    expect((await t.browser().get(OFFICE_PATHS.riskAssessment(exemptionId))).status).toBe(401);
    const plain = value<{ exemption: { id: string } }>(
      await as.office.op('exemptions.request', { fullName: 'Kim Lee', organisation: 'Film crew', agencyRole: 'Camera', purpose: 'Filming the fair', devices: 'Camera', locationIds: [], requestedWindow: '' }),
    ).exemption.id;
    expect((await download(as.head, plain)).status).toBe(404);
    expect(value<{ previsit: null; expectedOn: null }>(await as.head.op('previsit.ofExemption', { exemptionId: plain }))).toEqual({ previsit: null, expectedOn: null });
    expect((await download(as.head, 'no-such-request')).status).toBe(404);
    expect((await as.head.get('/api/download/risk-assessment/..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
  });

  it('keeps a hostile stored file name out of the header: no line break, quote or non-ASCII reaches it', async () => {
    // Names as an older record or a restored backup might hold them (the request itself cleans
    // what it stores): a header injection, quotes and non-ASCII, and a name with nothing usable.
    const other = await previsitRequest(as.office, pdf, 'x.pdf');
    const cases: [string, string][] = [
      ['evil"\r\nSet-Cookie: sid=stolen; Path=/\r\n\r\n<script>.pdf', 'evil_Set-Cookie_sid_stolen_Path_script.pdf'],
      ['Évaluation des risques « école ».PDF', 'valuation des risques_cole.pdf'],
      ['تقييم المخاطر.pdf', `risk-assessment-${other}.pdf`],
      ['"\r\n".pdf', `risk-assessment-${other}.pdf`],
    ];
    for (const [stored, sent] of cases) {
      t.hub.db.prepare('UPDATE previsit_requests SET file_name = ? WHERE exemption_id = ?').run(stored, other);
      const res = await download(as.head, other);
      expect(res.status, stored).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${sent}"`);
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.bytes.equals(pdf)).toBe(true);
    }
  });
});

describe('safePdfName', () => {
  it('keeps a plain name, adds .pdf, and falls back when nothing usable is left', () => {
    expect(safePdfName('Risk assessment 2026.pdf', 'fallback')).toBe('Risk assessment 2026.pdf');
    expect(safePdfName('report', 'fallback')).toBe('report.pdf');
    expect(safePdfName('...', 'fallback')).toBe('fallback.pdf');
    expect(safePdfName(`${'a'.repeat(300)}.pdf`, 'fallback')).toBe(`${'a'.repeat(96)}.pdf`);
    for (const hostile of ['a\rb', 'a\nb', 'a"b', 'a\\b', 'a;b', 'aéb', 'a\u202eb', 'a\u0000b']) expect(safePdfName(hostile, 'f')).toMatch(/^[A-Za-z0-9 ._-]+\.pdf$/);
  });
});

describe.runIf(testingOnPostgres())('the risk assessment download on a trust hub', () => {
  let t: TrustTestHub;
  const north = uniqueSlug('north');
  const south = uniqueSlug('south');
  let heads: Record<string, OfficeBrowser>;
  let ids: Record<string, string>;
  const files = { [north]: pdfOf('North Academy risk assessment'), [south]: pdfOf('South Primary risk assessment') };
  beforeAll(async () => {
    t = await startTrustTestHub();
    heads = {};
    ids = {};
    for (const slug of [north, south]) {
      const admin = await addTestSchool(t, slug, slug);
      const office = await schoolStaff(t, slug, admin, { username: 'office.user', displayName: 'Office user', role: 'office', password: 'reception desk sunflower 42' });
      heads[slug] = await schoolStaff(t, slug, admin, { username: 'head.user', displayName: 'Head user', role: 'head', password: 'headteacher marmalade cloud' });
      ids[slug] = await previsitRequest(office, files[slug]!);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it("serves each school's head their own school's file", async () => {
    for (const slug of [north, south]) {
      const res = await download(heads[slug]!, ids[slug]!);
      expect(res.status).toBe(200);
      expect(res.bytes.equals(files[slug]!)).toBe(true);
    }
  });

  it("never serves a school's file for another school's session", async () => {
    // North's head asks North's address for South's request: not in North's records.
    const byId = await download(heads[north]!, ids[south]!);
    expect(byId.status).toBe(404);
    expect(byId.bytes.includes(Buffer.from('%PDF-'))).toBe(false);
    // North's head's session sent to South's address: not a session there.
    const cross = heads[north]!;
    const atSouth = t.browser(south);
    atSouth.cookie = cross.cookie;
    const res = await atSouth.get(OFFICE_PATHS.riskAssessment(ids[south]!));
    expect(res.status).toBe(401);
    expect(res.bytes.includes(Buffer.from('%PDF-'))).toBe(false);
  });
});
