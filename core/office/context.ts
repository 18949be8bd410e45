// What every office handler gets: the hub database, the time of the request, who is acting
// and a way to write the audit entry inside the same transaction as the change.
import type { Db } from '../db/open.js';
import type { OfficeOpName, OfficeOpParsed, OfficeOpResult, Role } from '../../shared/office.js';

export type Actor = { staffId: string; username: string; displayName: string; role: Role };

/** Work the HTTP layer did before the (synchronous) handler runs: a new password hashed off
 *  the event loop. Handlers use it only for the exact password in their input. */
export type Prepared = { password?: { plain: string; hash: string } };

export type OfficeCtx = {
  db: Db;
  now: Date;
  actor: Actor;
  /** Record the change being made (who is the actor; when is now). */
  audit(action: string, target: string, detail?: unknown): void;
  prepared?: Prepared;
};

export type OfficeHandlers<K extends OfficeOpName> = { [P in K]: (input: OfficeOpParsed<P>, ctx: OfficeCtx) => OfficeOpResult<P> };

/** How staff are named in records: "Jane Smith (jsmith)". */
export function actorLabel(a: Actor): string {
  return `${a.displayName} (${a.username})`;
}
