// Which concerns must reach the DSL at once. Pure, so the notifications work (issue #14) can
// call it where a concern is logged: notifyConcernLogged(db, id, { urgent: isUrgentConcern(c) }).
import { URGENT_KINDS, type ConcernKind, type Severity } from '../../../shared/concerns.js';

/** Urgent: a kind the policy sends to the DSL urgently (an image of a child, suspected illegal
 *  content), or whatever the person logging it marked urgent. */
export function isUrgentConcern(c: { kind: ConcernKind; severity: Severity }): boolean {
  return URGENT_KINDS.includes(c.kind) || c.severity === 'urgent';
}
