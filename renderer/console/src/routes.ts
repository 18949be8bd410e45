// The console's pages, their addresses (#/…) and who may see them: a page is in the navigation
// only for roles that may call the operation it is built on (mayCall from shared/office.ts).
import { mayCall, type OfficeOpName, type Role } from '../../../shared/office.js';

export const PAGES = [
  // First, and also a red button in the header on every page: it is for an emergency.
  { path: 'roll-call', label: 'Fire roll call', op: 'rollCall.start' },
  { path: 'on-site', label: 'On site now', op: 'onSite.list' },
  { path: 'end-of-day', label: 'End of day', op: 'endOfDay.signOut' },
  { path: 'desk', label: 'Reception desk', op: 'desk.request' },
  { path: 'phones', label: 'Phone custody', op: 'custody.board' },
  { path: 'exemptions', label: 'Device requests', op: 'exemptions.list' },
  { path: 'breaches', label: 'Breaches and concerns', op: 'breaches.list' },
  { path: 'evidence', label: 'Evidence and review pack', op: 'evidence.view' },
  { path: 'history', label: 'Visit history', op: 'visits.search' },
  { path: 'expected', label: 'Expected visitors', op: 'expected.save' },
  { path: 'regulars', label: 'Regular visitors', op: 'regulars.list' },
  { path: 'restricted', label: 'Restricted list', op: 'restricted.list' },
  { path: 'kiosks', label: 'Kiosks', op: 'kiosks.list' },
  { path: 'site-lists', label: 'Lockers, places, hosts', op: 'lockers.save' },
  { path: 'policy', label: 'Phone policy text', op: 'policy.publish' },
  { path: 'privacy', label: 'Privacy notice', op: 'privacy.publish' },
  { path: 'signage', label: 'Signage and DSLs', op: 'signage.get' },
  { path: 'subject-access', label: 'Subject access', op: 'subjectAccess.search' },
  // Anyone may read the periods (retention.get), but only administrators change them: the page is theirs.
  { path: 'retention', label: 'Retention', op: 'retention.save' },
  { path: 'backups', label: 'Backups', op: 'backups.get' },
  { path: 'staff', label: 'Staff accounts', op: 'staff.list' },
  // Everyone: one's own PIN for the kiosks' roll call (administrators also set others').
  { path: 'kiosk-pins', label: 'Kiosk PINs', op: 'staff.kioskPins' },
  { path: 'audit', label: 'Audit log', op: 'audit.list' },
  { path: 'password', label: 'Your password', op: 'account.changePassword' },
  // Notifications: the settings are the administrator's; the message log is everyone's.
  { path: 'notifications', label: 'Notifications', op: 'notifications.save' },
  { path: 'messages', label: 'Messages sent', op: 'notifications.log' },
] as const satisfies readonly { path: string; label: string; op: OfficeOpName }[];

export type PagePath = (typeof PAGES)[number]['path'];

export function pagesFor(role: Role) {
  return PAGES.filter((p) => mayCall(role, p.op));
}

/** Where the console opens (and where an unknown or forbidden address leads): not the roll call,
 *  which is first in the navigation only so that it is found at once in an emergency. */
export const HOME: PagePath = 'on-site';

/** "#/exemptions/abc" → { page: 'exemptions', rest: ['abc'] }; unknown or forbidden → the home page. */
export function parseRoute(hash: string, role: Role): { page: PagePath; rest: string[] } {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const allowed = pagesFor(role);
  const found = allowed.find((p) => p.path === parts[0]);
  const home = allowed.find((p) => p.path === HOME) ?? allowed[0];
  return found ? { page: found.path, rest: parts.slice(1) } : { page: home?.path ?? HOME, rest: [] };
}

export function href(page: PagePath, ...rest: string[]): string {
  return `#/${[page, ...rest.map(encodeURIComponent)].join('/')}`;
}
