// A trust person opens one school's console. They get an ordinary session in that school's
// records, on an account of the school's own staff table that stands for them there
// (username "trust:<their trust username>", role TRUST_ACTS_AS[their trust role], no usable
// password), so every page, check and audit entry of the school console works unchanged and
// names them. The dispatcher makes the account read-mostly (TRUST_VISITOR_WRITES). The visit
// is written to the trust's audit chain first (the intent, even if the school's side then
// fails) and then to the school's, naming the trust person in both.
import { ContractError } from '../../../shared/errors.js';
import { schoolConsolePath, TRUST_ACTS_AS, TRUST_ROLE_LABELS } from '../../../shared/trust.js';
import { stmt } from '../../db/statements.js';
import { appendAudit } from '../audit.js';
import { createSession, type Session } from '../auth/sessions.js';
import { actorLabel } from '../context.js';
import type { Hub } from '../hub.js';
import { insertStaff, staffById, staffByUsername, toActor, TRUST_VISITOR_PREFIX } from '../staff/accounts.js';
import type { TrustDirectory, SchoolRow } from './directory.js';
import { TRUST_AUDIT, trustActorLabel, type TrustActor } from './staff.js';

/** Never a valid scrypt string (core/office/auth/passwords.ts parseHash): no password opens it. */
const NO_PASSWORD = 'trust-visitor:no-password';

export type DrillIn = { token: string; session: Session; url: string };

export function openSchoolAsTrust(dir: TrustDirectory, school: SchoolRow, hub: Hub, trust: TrustActor, now: Date): DrillIn {
  if (school.status !== 'active') throw new ContractError('NOT_FOUND', 'There is no such school in this trust.');
  if (trust.mustChangePassword) throw new ContractError('FORBIDDEN', 'Choose your own password first: the one you have was set by an administrator.');
  const actsAs = TRUST_ACTS_AS[trust.role];
  const who = trustActorLabel(trust);
  dir.db
    .transaction(() =>
      appendAudit(dir.db, { at: now, actor: who, action: 'school.open', target: `school:${school.slug}`, detail: { actsAs, readOnly: true } }, TRUST_AUDIT),
    )
    .immediate();

  const { db } = hub;
  const username = `${TRUST_VISITOR_PREFIX}${trust.username}`;
  const displayName = `${trust.displayName} (${TRUST_ROLE_LABELS[trust.role]})`;
  const signedIn = db
    .transaction(() => {
      let row = staffByUsername(db, username);
      if (!row) row = insertStaff(db, { username, displayName, role: actsAs, passwordHash: NO_PASSWORD, createdBy: `trust:${trust.staffId}`, now });
      else {
        // Their trust role or name may have changed since the last visit; a lock or a disabled
        // mark from this school's side does not stand against the trust's own sign-in.
        stmt(db, 'UPDATE staff SET display_name = ?, role = ?, active = 1, failed_logins = 0, locked_until = NULL, must_change_password = 0, password_hash = ? WHERE id = ?').run(
          displayName, actsAs, NO_PASSWORD, row.id,
        );
        row = staffById(db, row.id)!;
      }
      const created = createSession(db, row, now);
      appendAudit(db, {
        at: now,
        actor: actorLabel(toActor(row)),
        action: 'trust.openConsole',
        target: `staff:${row.id}`,
        detail: { trustStaffId: trust.staffId, trustUsername: trust.username, trustName: trust.displayName, trustRole: trust.role, actsAs, readOnly: true },
      });
      return created;
    })
    .immediate();
  return { ...signedIn, url: schoolConsolePath(school.slug) };
}
