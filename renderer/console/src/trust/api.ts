// The trust console's client: JSON to and from /trust/api (shared/trust.ts TRUST_PATHS), with
// the trust session's CSRF token on every POST. Refusals become the console's ApiError, so the
// school console's forms and messages (ui.tsx useSubmit, Session.tsx loginProblem) work as they are.
import { ERROR_STATUS, type Envelope } from '../../../../shared/errors';
import { CSRF_HEADER, POLL_HEADER } from '../../../../shared/office';
import { TRUST_PATHS, type TrustDashboard, type TrustSessionInfo, type TrustStaffMember } from '../../../../shared/trust';
import { ApiError, isBackground } from '../api';

let csrf = '';
let whenSignedOut: () => void = () => {};

export function setTrustSession(info: TrustSessionInfo): void {
  csrf = info.csrfToken;
}

export function onTrustSignedOut(fn: () => void): void {
  whenSignedOut = fn;
}

async function send<T>(path: string, body?: unknown, o: { signingIn?: boolean } = {}): Promise<T> {
  const post = body !== undefined;
  let res: Response;
  try {
    res = await fetch(path, {
      method: post ? 'POST' : 'GET',
      headers: { Accept: 'application/json', ...(post ? { 'Content-Type': 'application/json' } : {}), ...(csrf ? { [CSRF_HEADER]: csrf } : {}), ...(isBackground() ? { [POLL_HEADER]: '1' } : {}) },
      credentials: 'same-origin',
      cache: 'no-store',
      ...(post ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ApiError('STORE_BUSY', 'The trust hub cannot be reached. Check the connection and try again.', [], 0);
  }
  const env = (await res.json().catch(() => null)) as Envelope<T> | null;
  if (env?.ok) return env.value;
  const code = env && !env.ok ? env.error.code : 'INTERNAL';
  if (code === 'UNAUTHENTICATED' && !o.signingIn) whenSignedOut();
  throw new ApiError(code, env && !env.ok ? env.error.message : `The trust hub answered ${res.status}.`, env && !env.ok ? env.error.fields ?? [] : [], res.status || ERROR_STATUS[code]);
}

export const trustApi = {
  me: async (): Promise<TrustSessionInfo | null> => {
    try {
      return await send<TrustSessionInfo>(TRUST_PATHS.me, undefined, { signingIn: true });
    } catch (e) {
      if (e instanceof ApiError && e.code === 'UNAUTHENTICATED') return null;
      throw e;
    }
  },
  login: (username: string, password: string) => send<TrustSessionInfo>(TRUST_PATHS.login, { username, password }, { signingIn: true }),
  logout: () => send<null>(TRUST_PATHS.logout, {}, { signingIn: true }),
  changePassword: (currentPassword: string, newPassword: string) => send<{ staff: TrustStaffMember }>(TRUST_PATHS.changePassword, { currentPassword, newPassword }),
  dashboard: () => send<TrustDashboard>(TRUST_PATHS.dashboard),
  openSchool: (slug: string) => send<{ url: string }>(TRUST_PATHS.openSchool(slug), {}),
  staff: () => send<{ staff: TrustStaffMember[] }>(TRUST_PATHS.staff),
  createStaff: (s: { username: string; displayName: string; role: string; password: string }) => send<{ staff: TrustStaffMember }>(TRUST_PATHS.staff, s),
  updateStaff: (id: string, change: Record<string, unknown>) => send<{ staff: TrustStaffMember }>(TRUST_PATHS.staffMember(id), change),
};
