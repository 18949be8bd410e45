// What every office handler gets: the hub database, the time of the request, who is acting
// and a way to write the audit entry inside the same transaction as the change.
import type { Db } from '../db/open.js';
import type { BackupResult, HubEngine } from '../../shared/backup.js';
import type { OfficeOpName, OfficeOpParsed, OfficeOpResult, Role } from '../../shared/office.js';

/** mustChangePassword: an administrator set the password; until they choose their own, the
 *  only operation open to them is account.changePassword. */
export type Actor = {
  staffId: string;
  username: string;
  displayName: string;
  role: Role;
  mustChangePassword?: boolean;
  /** Someone from the trust who opened this school's console (core/office/trust/drillIn.ts):
   *  they see what their role sees, and change only what TRUST_VISITOR_WRITES allows. */
  trustVisitor?: boolean;
};

/** Work the HTTP layer did before the (synchronous) handler runs: a new password hashed off
 *  the event loop. Handlers use it only for the exact password in their input. */
export type Prepared = {
  password?: { plain: string; hash: string };
  /** account.changePassword: the current password, checked against the account's hash. */
  currentPassword?: { plain: string; ok: boolean };
  /** The session making the request (kept when the password changes; the others end). */
  sessionTokenHash?: string;
  /** backups.runNow: the backup the HTTP layer took (core/office/backup/handlers.ts). */
  backup?: BackupResult;
};

export type OfficeCtx = {
  db: Db;
  now: Date;
  actor: Actor;
  /** Record the change being made (who is the actor; when is now). */
  audit(action: string, target: string, detail?: unknown): void;
  prepared?: Prepared;
  /** Where the hub's data is (default sqlite): some ops differ on PostgreSQL (backups). */
  engine?: HubEngine;
  /** The hub's data folder (files kept beside the database: the SMTP password). */
  dataDir?: string;
};

export type OfficeHandlers<K extends OfficeOpName> = { [P in K]: (input: OfficeOpParsed<P>, ctx: OfficeCtx) => OfficeOpResult<P> };

/** How staff are named in records: "Jane Smith (jsmith)". */
export function actorLabel(a: Actor): string {
  return `${a.displayName} (${a.username})`;
}
