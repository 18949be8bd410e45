// Drives the office console (served by the office hub, scripts/office.ts) the way staff do: by
// roles and visible labels. Accounts other than the administrator are made through the API
// with the administrator's session, so each spec starts from the same people whichever runs first.
import { expect, request, type APIRequestContext, type Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { CSRF_HEADER, OFFICE_PATHS, type OfficeOpInput, type OfficeOpName, type OfficeOpResult, type Role, type SessionInfo } from '../../shared/office.js';

export const OFFICE_URL = `http://127.0.0.1:${Number(process.env.E2E_OFFICE_PORT ?? 5192)}/`;
export const OFFICE_DATA_DIR = process.env.E2E_OFFICE_DATA_DIR ?? '';

export type Account = { username: string; displayName: string; role: Role; password: string };
export const ADMIN: Account = { username: 'admin', displayName: 'Ada Administrator', role: 'admin', password: 'correct horse battery staple' };
export const STAFF: Record<Exclude<Role, 'admin'>, Account> = {
  office: { username: 'office1', displayName: 'Olive Office', role: 'office', password: 'office password 123' },
  dsl: { username: 'dsl1', displayName: 'Dev Safeguarding-Lead', role: 'dsl', password: 'dsl password 12345' },
  head: { username: 'head1', displayName: 'Hari Headteacher', role: 'head', password: 'head password 1234' },
};
export const ALL_ACCOUNTS: Account[] = [ADMIN, STAFF.office, STAFF.dsl, STAFF.head];

export function consoleUrl(hash = ''): string {
  return `${OFFICE_URL}${hash ? `#/${hash}` : ''}`;
}

export function setupCode(): string {
  return fs.readFileSync(path.join(OFFICE_DATA_DIR, 'setup-code.txt'), 'utf8').trim().split(/\s+/).pop() ?? '';
}

/**
 * An API session (cookie + CSRF token), one per account per worker: the hub allows 10 sign-ins
 * a minute from one address (core/office/http/server.ts), so specs sign in once per account and
 * reuse the session, in API calls and (by its cookie) in the browser.
 */
export class OfficeApi {
  private static sessions = new Map<string, OfficeApi>();
  private constructor(
    readonly ctx: APIRequestContext,
    private csrf: string,
  ) {}
  static async as(a: Account): Promise<OfficeApi> {
    const known = OfficeApi.sessions.get(a.username);
    if (known) return known;
    const ctx = await request.newContext({ baseURL: OFFICE_URL });
    const res = await ctx.post(OFFICE_PATHS.login, { data: { username: a.username, password: a.password } });
    const body = (await res.json()) as { ok: boolean; value: SessionInfo; error?: { message: string } };
    if (!body.ok) throw new Error(`login ${a.username}: ${body.error?.message}`);
    const api = new OfficeApi(ctx, body.value.csrfToken);
    OfficeApi.sessions.set(a.username, api);
    return api;
  }
  async call<K extends OfficeOpName>(name: K, input: OfficeOpInput<K>): Promise<OfficeOpResult<K>> {
    const res = await this.ctx.post(OFFICE_PATHS.op(name), { data: input, headers: { [CSRF_HEADER]: this.csrf } });
    const body = (await res.json()) as { ok: boolean; value: OfficeOpResult<K>; error?: { code: string; message: string } };
    if (!body.ok) throw new Error(`${name}: ${body.error?.code} ${body.error?.message}`);
    return body.value;
  }
  /** Drop a cached session (one the hub has since ended). */
  static forget(username: string): void {
    OfficeApi.sessions.delete(username);
  }
  async cookies() {
    return (await this.ctx.storageState()).cookies;
  }
}

async function setupStatus(): Promise<boolean> {
  const ctx = await request.newContext({ baseURL: OFFICE_URL });
  try {
    const body = (await (await ctx.get(OFFICE_PATHS.setupStatus)).json()) as { value: { needsSetup: boolean } };
    return body.value.needsSetup;
  } finally {
    await ctx.dispose();
  }
}

/** First-run set-up through the console's own screen. */
export async function setUpThroughConsole(page: Page): Promise<void> {
  await page.goto(consoleUrl());
  await expect(page.getByRole('heading', { level: 1, name: 'Set up the office service' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Set-up code' }).fill(setupCode());
  await page.getByRole('textbox', { name: 'Your name' }).fill(ADMIN.displayName);
  await page.getByRole('textbox', { name: 'Username' }).fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Password again').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create administrator and log in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'On site now' })).toBeVisible();
}

/**
 * The hub set up, with an account for every role and some reference data (idempotent: specs
 * share one hub and run in any order).
 */
export async function ensureAccounts(page: Page): Promise<void> {
  if (await setupStatus()) {
    await setUpThroughConsole(page);
    await logOut(page);
  }
  const api = await OfficeApi.as(ADMIN);
  {
    const { staff } = await api.call('staff.list', {});
    for (const a of Object.values(STAFF)) {
      if (staff.some((s) => s.username === a.username)) continue;
      // An account an administrator makes must choose its own password at first sign-in: made
      // with a first password, then changed to the one the specs use.
      const first = `first ${a.password} given`;
      await api.call('staff.create', { ...a, password: first });
      // The session that changed it stays signed in: the specs reuse it (sign-ins are rate limited).
      await OfficeApi.as({ ...a, password: first }).then((own) => own.call('account.changePassword', { currentPassword: first, newPassword: a.password }));
    }
    // The hub seeds the site's defaults; add a meeting room and a long host name the specs use.
    const ref = await api.call('reference.get', {});
    if (!ref.locations.some((l) => l.id === 'room-4'))
      await api.call('locations.save', { locations: [...ref.locations, { id: 'room-4', name: 'Room 4 (meeting room)', active: true }] });
    if (!ref.hosts.some((h) => h.id === 'senco'))
      await api.call('hosts.save', { hosts: [...ref.hosts, { id: 'senco', name: 'SENCo — Mrs Bartholomew-Fitzgerald', active: true }] });
  }
}

export async function logIn(page: Page, a: Account): Promise<void> {
  await page.goto(consoleUrl());
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Username' }).fill(a.username);
  await page.getByLabel('Password').fill(a.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('banner')).toContainText(a.displayName);
}

/** Open the console as this account, with its cached session (no sign-in through the form). */
export async function loginAs(page: Page, a: Account): Promise<void> {
  const api = await OfficeApi.as(a);
  await page.context().clearCookies();
  await page.context().addCookies(await api.cookies());
  await page.goto(consoleUrl());
  await expect(page.getByRole('banner')).toContainText(a.displayName);
}

/** Log out through the console (ends that session on the hub). */
export async function logOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Log in' })).toBeVisible();
}

export async function openPage(page: Page, label: string, heading: string | RegExp = label): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Console' });
  const menu = page.getByRole('button', { name: 'Menu' });
  if (!(await nav.isVisible()) && (await menu.isVisible())) await menu.click();
  await nav.getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}
