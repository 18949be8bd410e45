// The trust's own console contract (a hub on PostgreSQL serving many schools): trust staff
// roles, their sign-in, the dashboard of per-school figures and opening one school's console.
// Served under /trust/ by core/office/trust/routes.ts; a SQLite hub (a trust of one) has none.
import { z } from './zod.js';
import { OFFICE_LIMITS, Password, Username, type Role } from './office.js';

export const TRUST_ROLES = ['trust_dsl', 'trust_admin'] as const;
export const TrustRole = z.enum(TRUST_ROLES);
export type TrustRole = z.infer<typeof TrustRole>;

export const TRUST_ROLE_LABELS: Record<TrustRole, string> = {
  trust_dsl: 'Trust safeguarding lead',
  trust_admin: 'Trust administrator',
};

/** Whose permissions a trust person has in a school's console they open (read-mostly:
 *  core/office/dispatcher.ts refuses what a trust visitor may not change). */
export const TRUST_ACTS_AS: Record<TrustRole, Role> = { trust_dsl: 'dsl', trust_admin: 'admin' };

export type TrustStaffMember = {
  id: string;
  username: string;
  displayName: string;
  role: TrustRole;
  active: boolean;
  lockedUntil: string | null;
  mustChangePassword: boolean;
};
export type TrustSessionInfo = { staff: TrustStaffMember; csrfToken: string; expiresAt: string };

/** One school's figures on the dashboard: counts only, never names. */
export type SchoolFigures = {
  onSite: number;
  phonesHeld: number;
  openConcerns: number;
  /** Open concerns the school's DSL has not yet marked as seen. */
  unseenConcerns: number;
  /** Open concerns by severity; an urgent kind (images of children, suspected illegal content) counts as urgent. */
  openBySeverity: { urgent: number; high: number; medium: number; low: number };
  pendingRequests: number;
  kiosks: number;
  kiosksStale: number;
};
export type DashboardSchool = { slug: string; name: string; figures: SchoolFigures | null; problem?: string };
export type TrustDashboard = { at: string; schools: DashboardSchool[] };

export const TrustStaffCreateInput = z.object({ username: Username, displayName: z.string().trim().min(1).max(120), role: TrustRole, password: Password }).strict();
export const TrustStaffUpdateInput = z
  .object({
    displayName: z.string().trim().min(1).max(120).optional(),
    role: TrustRole.optional(),
    active: z.boolean().optional(),
    password: Password.optional(),
    unlock: z.boolean().optional(),
  })
  .strict();
export const TrustChangePasswordInput = z.object({ currentPassword: z.string().min(1).max(OFFICE_LIMITS.password.max), newPassword: Password }).strict();
export const SchoolSlugParam = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, { error: 'invalid' });

export const TRUST_PREFIX = '/trust/';
export const TRUST_API = '/trust/api';
export const TRUST_PATHS = {
  login: `${TRUST_API}/session/login`,
  logout: `${TRUST_API}/session/logout`,
  me: `${TRUST_API}/session/me`,
  changePassword: `${TRUST_API}/account/password`,
  dashboard: `${TRUST_API}/dashboard`,
  openSchool: (slug: string) => `${TRUST_API}/schools/${encodeURIComponent(slug)}/open`,
  staff: `${TRUST_API}/staff`,
  staffMember: (id: string) => `${TRUST_API}/staff/${encodeURIComponent(id)}`,
} as const;

/** The trust console's cookie: its own name and path, never sent to a school's console. */
export const TRUST_SESSION_COOKIE = 'trust_session';

/** Where school `slug`'s console is served on a trust hub. */
export function schoolConsolePath(slug: string): string {
  return `/s/${slug}/`;
}
