// The office hub's single entry point for console operations: validate the input with the
// contract's schema, check the caller's role, run the handler (writes in one immediate
// transaction together with their audit entry) and answer with an envelope.
// Sessions are checked before this by the HTTP layer; this checks what the role may do.
import { isOfficeOpName, mayCall, officeOps, type OfficeOpInput, type OfficeOpName, type OfficeOpResult } from '../../shared/office.js';
import { ContractError, type Envelope } from '../../shared/errors.js';
import type { Db } from '../db/open.js';
import { fieldProblems, toContractError } from '../dispatcher.js';
import { appendAudit } from './audit.js';
import { actorLabel, type Actor, type OfficeCtx, type OfficeHandlers, type Prepared } from './context.js';
import { breachesHandlers } from './breaches/handlers.js';
import { exemptionsHandlers } from './exemptions/handlers.js';
import { kiosksHandlers } from './kiosks/handlers.js';
import { referenceHandlers } from './reference/handlers.js';
import { privacyHandlers } from './reference/privacy.js';
import { retentionHandlers } from './retention/handlers.js';
import { subjectAccessHandlers } from './subjectAccess/handlers.js';
import { staffHandlers } from './staff/handlers.js';
import { kioskPinHandlers } from './staff/kioskPins.js';
import { visitsHandlers } from './visits/handlers.js';
import { rollCallHandlers } from './rollcall/handlers.js';
import { endOfDayHandlers } from './endOfDay/handlers.js';
import { receptionHandlers } from './reception/handlers.js';
import { admissionHandlers } from './admission/handlers.js';
import { backupHandlers } from './backup/handlers.js';
import { notificationHandlers } from './notifications/handlers.js';
import { regularsHandlers } from './regulars/handlers.js';
import { signageHandlers } from './signage/handlers.js';
import { concernsHandlers } from './concerns/handlers.js';
import { evidenceHandlers } from './concerns/evidenceHandlers.js';
import { invitationHandlers } from './invitations/handlers.js';
import type { HubEngine } from '../../shared/backup.js';
import { isPostgres } from '../db/dialect.js';

/**
 * What a trust person who opened this school's console may change: nothing, except a trust
 * administrator's account recovery (a school whose only administrator left or is locked out,
 * a new school's first administrator) and taking a lost or stolen kiosk off the hub. Reading
 * is open as to the school's own role they act as; every read that is audited names them.
 */
export const TRUST_VISITOR_WRITES: readonly OfficeOpName[] = ['staff.create', 'staff.update', 'kiosks.revoke'];
export const TRUST_VISITOR_READ_ONLY = 'You opened this school from the trust: you can see its records but not change them. Ask the school.';

export const MUST_CHANGE_PASSWORD = 'Choose your own password first: the one you have was set by an administrator.';

const handlers: OfficeHandlers<OfficeOpName> = {
  ...visitsHandlers,
  ...rollCallHandlers,
  ...endOfDayHandlers,
  ...receptionHandlers,
  ...admissionHandlers,
  ...exemptionsHandlers,
  ...breachesHandlers,
  ...referenceHandlers,
  ...kiosksHandlers,
  ...staffHandlers,
  ...kioskPinHandlers,
  ...retentionHandlers,
  ...subjectAccessHandlers,
  ...privacyHandlers,
  ...backupHandlers,
  ...notificationHandlers,
  ...regularsHandlers,
  ...signageHandlers,
  ...concernsHandlers,
  ...evidenceHandlers,
  ...invitationHandlers,
};

export type OfficeCore = {
  call(name: unknown, raw: unknown, actor: Actor, prepared?: Prepared): Envelope<unknown>;
  /** Typed direct call (tests, scripts); throws ContractError. */
  run<K extends OfficeOpName>(name: K, input: OfficeOpInput<K>, actor: Actor, prepared?: Prepared): OfficeOpResult<K>;
};

export function createOfficeCore(deps: { db: Db; now?: () => Date; log?: (m: string, e?: unknown) => void; engine?: HubEngine; dataDir?: string }): OfficeCore {
  const { db } = deps;
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? ((m, e) => console.error(`[office] ${m}`, e ?? ''));

  function run<K extends OfficeOpName>(name: K, raw: unknown, actor: Actor, prepared: Prepared = {}): OfficeOpResult<K> {
    const spec = officeOps[name];
    if (!mayCall(actor.role, name)) throw new ContractError('FORBIDDEN', 'Your role does not allow this. Ask someone who can, or an administrator.');
    if (actor.mustChangePassword && name !== 'account.changePassword') throw new ContractError('FORBIDDEN', MUST_CHANGE_PASSWORD);
    if (actor.trustVisitor && spec.kind === 'write' && !TRUST_VISITOR_WRITES.includes(name)) throw new ContractError('FORBIDDEN', TRUST_VISITOR_READ_ONLY);
    const parsed = spec.input.safeParse(raw ?? {}, { reportInput: true });
    if (!parsed.success) {
      const fields = fieldProblems(parsed.error);
      throw new ContractError('INVALID_INPUT', `Please check: ${fields.map((f) => `${f.path || 'input'} ${f.message}`).join('; ')}.`, fields);
    }
    const handler = handlers[name] as (i: unknown, c: OfficeCtx) => OfficeOpResult<K>;
    const at = now();
    const ctx: OfficeCtx = {
      db,
      now: at,
      actor,
      audit: (action, target, detail) => {
        const append = () => appendAudit(db, { at, actor: actorLabel(actor), action, target, detail });
        // Reads run outside a transaction; their audit entry (who looked at what) is still one
        // atomic append.
        if (db.inTransaction) append();
        else db.transaction(append).immediate();
      },
      prepared,
      engine: deps.engine ?? (isPostgres(deps.db) ? 'postgres' : 'sqlite'),
      ...(deps.dataDir ? { dataDir: deps.dataDir } : {}),
    };
    try {
      if (spec.kind === 'read') return handler(parsed.data, ctx);
      return db.transaction(() => handler(parsed.data, ctx)).immediate();
    } catch (e) {
      throw toContractError(e, log);
    }
  }

  return {
    run: (name, input, actor, prepared) => run(name, input, actor, prepared),
    call(name, raw, actor, prepared) {
      if (!isOfficeOpName(name)) return { ok: false, error: new ContractError('UNKNOWN_OPERATION', 'Unknown operation.').toBody() };
      try {
        return { ok: true, value: run(name, raw, actor, prepared) };
      } catch (e) {
        return { ok: false, error: toContractError(e, log).toBody() };
      }
    },
  };
}
