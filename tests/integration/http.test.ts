// The kiosk's HTTP transport (browser-kiosk mode): a real server on 127.0.0.1, real fetch.
import http from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kiosk } from '../../core/kiosk.js';
import type { VisitReceipt } from '../../shared/contract.js';
import type { Envelope } from '../../shared/errors.js';
import { disposeKiosk, rowCounts, startTestHttp, type HttpAnswer, type RowCounts, type TestHttp } from '../support/fixtures.js';
import { BAD_SIGN_INS, NAMES_KEPT_EXACTLY, withOverride } from '../support/inputs.js';
import { signInInput, tempKiosk } from '../support/tempKiosk.js';

let k: Kiosk;
let api: TestHttp;
let before: RowCounts;

beforeAll(async () => {
  k = tempKiosk();
  api = await startTestHttp(k);
});
afterAll(async () => {
  await api.close();
  disposeKiosk(k);
});
beforeEach(() => {
  before = rowCounts(k.db);
});

/** A refusal: the status, our JSON envelope, the code, a message for people, and nothing written. */
function expectRefusal(res: HttpAnswer, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.contentType).toMatch(/^application\/json/);
  expect(res.json).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
  if (res.json?.ok !== false) throw new Error('unreachable');
  expect(res.json.error.message.length).toBeGreaterThan(0);
  expect(Object.keys(res.json).sort()).toEqual(['error', 'ok']);
  expect(rowCounts(k.db)).toEqual(before);
  return res.json.error;
}

describe('POST /api/visit.signIn', () => {
  describe('keeps real names exactly', () => {
    it.each(NAMES_KEPT_EXACTLY)('a name with $what', async ({ typed, stored }) => {
      const res = await api.post('visit.signIn', signInInput(k, { fullName: typed }));
      expect(res.status).toBe(200);
      expect(res.json?.ok).toBe(true);
      const receipt = (res.json as { value: VisitReceipt }).value;
      expect(receipt.fullName).toBe(stored);
      expect(k.db.prepare('SELECT full_name FROM visits WHERE id = ?').pluck().get(receipt.visitId)).toBe(stored);
      k.core.run('visit.signOut', { visitId: receipt.visitId, phoneCollected: false });
    });
  });

  describe('refuses bad fields with a 400 envelope naming the field', () => {
    it.each(BAD_SIGN_INS)('refuses $what', async ({ over, path, message }) => {
      const res = await api.post('visit.signIn', withOverride(signInInput(k), over));
      const error = expectRefusal(res, 400, 'INVALID_INPUT');
      expect(error.fields).toEqual(expect.arrayContaining([expect.objectContaining({ path, message })]));
    });

    it('refuses a contractor without an organisation, naming it', async () => {
      const error = expectRefusal(await api.post('visit.signIn', signInInput(k, { category: 'contractor' })), 400, 'INVALID_INPUT');
      expect(error.fields).toEqual([{ path: 'organisation', message: 'required' }]);
    });
  });

  describe('refuses requests it cannot read, in the same envelope', () => {
    it('a body over 64 KB gets 413', async () => {
      const res = await api.post('visit.signIn', signInInput(k, { purpose: 'p'.repeat(70 * 1024) }));
      expect(expectRefusal(res, 413, 'INVALID_INPUT').message).toMatch(/too much text/);
    });

    it('a body over 64 KB of multi-byte text gets 413', async () => {
      const res = await api.post('visit.signIn', signInInput(k, { fullName: '🙂'.repeat(17_000) }));
      expectRefusal(res, 413, 'INVALID_INPUT');
    });

    it.each([
      ['truncated JSON', '{"fullName": "Jane'],
      ['not JSON at all', 'fullName=Jane+Smith'],
      ['an empty body', ''],
      ['a prototype-pollution attempt', '{"__proto__": {"isAdmin": true}}'],
    ])('%s gets 400', async (_what, raw) => {
      expectRefusal(await api.post('visit.signIn', undefined, { raw, headers: { 'content-type': 'application/json' } }), 400, 'INVALID_INPUT');
    });

    it.each([
      ['JSON null', 'null'],
      ['a JSON array', '[]'],
      ['a JSON string', '"Jane Smith"'],
      ['a JSON number', '42'],
    ])('%s as the body gets 400 with field problems', async (_what, raw) => {
      const error = expectRefusal(await api.post('visit.signIn', undefined, { raw, headers: { 'content-type': 'application/json' } }), 400, 'INVALID_INPUT');
      expect(error.fields?.length).toBeGreaterThan(0);
    });

    it('a JSON string escaping a lone surrogate names the field', async () => {
      const raw = JSON.stringify(signInInput(k)).replace('"Jane Smith"', '"Jane \\ud800 Smith"');
      const error = expectRefusal(await api.post('visit.signIn', undefined, { raw, headers: { 'content-type': 'application/json' } }), 400, 'INVALID_INPUT');
      expect(error.fields).toEqual([{ path: 'fullName', message: 'malformed', max: 300 }]);
    });

    it.each([
      ['text/plain', JSON.stringify({ fullName: 'Jane' })],
      ['application/x-www-form-urlencoded', 'fullName=Jane'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="fullName"\r\n\r\nJane\r\n--x--\r\n'],
      ['application/xml', '<fullName>Jane</fullName>'],
    ])('a %s body gets 415: the API is JSON only', async (type, raw) => {
      expectRefusal(await api.post('visit.signIn', undefined, { raw, headers: { 'content-type': type } }), 415, 'INVALID_INPUT');
    });

    it('no body and no content type is an empty input, so every required field is named', async () => {
      const res = await fetch(`${api.url}api/visit.signIn`, { method: 'POST' });
      const error = expectRefusal({ status: res.status, contentType: res.headers.get('content-type'), text: '', json: (await res.json()) as Envelope<unknown> }, 400, 'INVALID_INPUT');
      expect(error.fields?.map((f) => f.path)).toEqual(expect.arrayContaining(['fullName', 'purpose', 'hostId', 'policy', 'phone']));
    });
  });

  it('an operation fetched with GET gets 405 in the usual envelope, an unknown path 404', async () => {
    const get = await fetch(`${api.url}api/visit.onSite`);
    expect(get.status).toBe(405);
    expect(await get.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect((await fetch(`${api.url}nothing-here`)).status).toBe(404);
  });

  it('is still answering normally after all of that', async () => {
    const res = await api.post('visit.signIn', signInInput(k, { fullName: 'After The Storm' }));
    expect(res.status).toBe(200);
    expect(rowCounts(k.db).visits).toBe(before.visits + 1);
    expect((await fetch(`${api.url}healthz`)).status).toBe(200);
  });
});

describe('operations the kiosk transport does not carry', () => {
  it.each(['visit.delete', 'admin', 'constructor', '__proto__', 'hasOwnProperty'])('an unknown operation %s gets 404 UNKNOWN_OPERATION', async (op) => {
    expectRefusal(await api.post(op, {}), 404, 'UNKNOWN_OPERATION');
  });

  it('the staff-only on-site list gets 403 FORBIDDEN and shows nobody', async () => {
    k.core.run('visit.signIn', signInInput(k, { fullName: 'Secret Person' }));
    before = rowCounts(k.db);
    const res = await api.post('visit.onSite', {});
    expectRefusal(res, 403, 'FORBIDDEN');
    expect(res.text).not.toContain('Secret');
  });

  it('publishing a policy from the kiosk gets 403 FORBIDDEN and publishes nothing', async () => {
    const res = await api.post('policy.publish', { language: 'en', draft: { title: 'Phones are fine now', points: ['Use them anywhere'] } });
    expectRefusal(res, 403, 'FORBIDDEN');
    expect(k.core.run('kiosk.bootstrap', { language: 'en' }).policy.title).not.toBe('Phones are fine now');
  });
});

describe('who may talk to the transport', () => {
  function rawRequest(headers: Record<string, string>): Promise<{ status: number; body: string }> {
    const u = new URL(api.url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: u.hostname, port: u.port, method: 'POST', path: '/api/kiosk.bootstrap', headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
  }

  it('answers its own origin', async () => {
    expect((await rawRequest({ origin: api.url.replace(/\/$/, '') })).status).toBe(200);
  });

  it('refuses a cross-origin page with 403', async () => {
    const res = await rawRequest({ origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a foreign Host name (DNS rebinding) with 421', async () => {
    const res = await rawRequest({ host: `evil.example:${new URL(api.url).port}` });
    expect(res.status).toBe(421);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('sends the security headers on API answers', async () => {
    const res = await fetch(`${api.url}api/kiosk.bootstrap`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
