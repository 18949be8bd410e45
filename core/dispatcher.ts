// The domain core's single entry point: validate the input with the contract's schema,
// run the handler, and answer with an envelope. Both transports (Electron IPC and HTTP)
// call this and nothing else. Plain Node: never imports electron.
import { expectedByCode, expectedDetails, findExpected } from './admission/expected.js';
import { z } from 'zod';
import { reportConcern, safeguardingInfo } from './safeguarding/kiosk.js';
import { isOpName, ops, type Audience, type OpName, type OpParsed, type OpResult } from '../shared/contract.js';
import { ContractError, type Envelope, type FieldProblem } from '../shared/errors.js';
import { LANGUAGES } from '../shared/domain.js';
import { nameKey, organisationKey } from '../shared/text.js';
import { noPrinterConfigured, type BadgeQueue } from './printing/badgeQueue.js';
import type { PrintingService } from './printing/service.js';
import type { Db } from './db/open.js';
import type { ExemptionLookup } from './exemptions/lookup.js';
import { exemptionRegister } from './exemptions/register.js';
import { currentPolicy, activeLocations, publishPolicy } from './policy/policy.js';
import { currentPrivacyNotice } from './privacy/notice.js';
import { readSettings } from './site/settings.js';
import { checkStaffPin, createTokenStore, isSetUp, setStaffPin } from './staff/pin.js';
import { buildRollCall, endRollCall, markRollCall, startRollCall } from './rollcall/kiosk.js';
import { keepRollCallPdf } from './rollcall/record.js';
import { rollCallPdf } from './rollcall/pdf.js';
import { createRollCallSessions } from './rollcall/sessions.js';
import { lockersWithAvailability } from './visits/custody.js';
import { changedSinceLastVisit, findByBadgeCode, findForSignOut, onSite } from './visits/queries.js';
import { signIn } from './visits/signIn.js';
import { signOut } from './visits/signOut.js';
import { scanCard, signInByCard } from './regulars/quickSignIn.js';

export type CoreDeps = {
  db: Db;
  now?: () => Date;
  /** Default: the kiosk's copy of the office's exemptions register (core/exemptions/register.ts). */
  exemptions?: ExemptionLookup;
  badges?: BadgeQueue;
  printing?: PrintingService;
  log?: (msg: string, err?: unknown) => void;
  /** The kiosk's data folder: roll-call PDFs are kept there as the record (none kept when absent). */
  dataDir?: string;
  /** Staff asked to leave the kiosk with a valid PIN token: the host quits (true) or cannot (false). */
  onStaffExit?: () => boolean;
};

export const BROWSER_KIOSK_EXIT_MESSAGE = 'This is the browser kiosk: close the browser window to leave it.';

type Handlers = { [K in OpName]: (input: OpParsed<K>) => OpResult<K> };

export type Core = {
  call(name: unknown, raw: unknown, audience: Audience): Envelope<unknown>;
  /** Typed direct call for tests and in-process hosts; throws ContractError. */
  run<K extends OpName>(name: K, input: z.input<(typeof ops)[K]['input']>, audience?: Audience): OpResult<K>;
};

const FIELD_NAMES: Record<string, string> = {
  fullName: 'Full name',
  organisation: 'Organisation',
  agencyRole: 'Role',
  purpose: 'Reason for visit',
  hostId: 'Who you are visiting',
  query: 'Name',
  badgeCode: 'Badge code',
  pin: 'Staff PIN',
  'phone.exemptionId': 'Approval to use a device',
  'phone.conditionsHash': 'Conditions of the approval',
};

const PROBLEM_TEXT: Record<string, string> = {
  required: 'is required',
  tooLong: 'is too long',
  tooShort: 'is too short',
  controlChars: 'contains characters that cannot be used',
  malformed: 'contains damaged characters',
  invalid: 'is not valid',
  taken: 'is already in use',
  changed: 'has changed',
  tooSmall: 'is too small',
  tooBig: 'is too big',
  beforeStart: 'is before the start',
  sameAsCurrent: 'is the same as the current password',
};

export function fieldProblems(err: z.ZodError): FieldProblem[] {
  return err.issues.flatMap((i) => {
    // An unexpected field is named, not reported as a problem with the whole input.
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => ({ path: [...i.path, k].join('.'), message: 'invalid' }));
    const path = i.path.join('.');
    // Numbers out of range are too small/big; strings and lists that are too long stay 'tooLong'.
    const origin = (i as { origin?: string }).origin;
    const known = PROBLEM_TEXT[i.message]
      ? i.message
      : i.code === 'too_big'
        ? origin === 'number' ? 'tooBig' : 'tooLong'
        : i.code === 'too_small' && origin === 'number'
          ? 'tooSmall'
          : i.code === 'invalid_type' && i.input === undefined
            ? 'required'
            : 'invalid';
    const max = (i as { params?: { max?: number } }).params?.max;
    return max !== undefined ? { path, message: known, max } : { path, message: known };
  });
}

function describe(fields: FieldProblem[]): string {
  return fields
    .map((f) => `${FIELD_NAMES[f.path] ?? FIELD_NAMES[f.path.split('.')[0]!] ?? f.path} ${PROBLEM_TEXT[f.message] ?? 'is not valid'}`)
    .join('; ');
}

function sqliteCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('SQLITE_') ? e.code : undefined;
}

export function toContractError(e: unknown, log: (m: string, e?: unknown) => void): ContractError {
  if (e instanceof ContractError) return e;
  const code = sqliteCode(e);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new ContractError('STORE_BUSY', 'The kiosk is busy for a moment. Please try again. Nothing was lost.');
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' && /locker_id/.test((e as Error).message))
    return new ContractError('LOCKER_TAKEN', 'That locker has just been taken. Please choose another.');
  log('unexpected error in core', e);
  return new ContractError('INTERNAL', 'Something went wrong and nothing was saved. Please try again or ask reception.');
}

export function createCore(deps: CoreDeps): Core {
  const db = deps.db;
  const now = deps.now ?? (() => new Date());
  // The kiosk's copy of the office's exemptions register, unless a test brings its own.
  const exemptions = deps.exemptions ?? exemptionRegister(db);
  const printing = deps.printing ?? null;
  const badges = deps.badges ?? printing?.queue ?? noPrinterConfigured;
  const needPrinting = (): PrintingService => {
    if (!printing) throw new ContractError('NOT_FOUND', 'Badge printing is not available on this kiosk.');
    return printing;
  };
  const log = deps.log ?? ((m, e) => console.error(`[core] ${m}`, e));
  const staffTokens = createTokenStore();
  const rollCalls = createRollCallSessions();
  const rollCallOf = (session: string) => {
    const s = rollCalls.get(session, now());
    return { ...s, rollCall: buildRollCall(db, s.rollCallId, now()) };
  };

  const handlers: Handlers = {
    'kiosk.bootstrap': ({ language }) => {
      const s = readSettings(db);
      return {
        site: { name: s.siteName, kioskId: s.kioskId, idleTimeoutSeconds: s.idleTimeoutSeconds, idleWarningSeconds: s.idleWarningSeconds, timeZone: s.timeZone },
        languages: [...LANGUAGES], // every language has kiosk strings (checked by tests/unit/i18n.test.ts)
        policy: currentPolicy(db, language),
        privacy: currentPrivacyNotice(db, language),
        lockers: lockersWithAvailability(db),
        locations: activeLocations(db),
        hosts: db.prepare('SELECT id, name FROM hosts WHERE active = 1 ORDER BY sort, name').all() as { id: string; name: string }[],
        setUp: isSetUp(db),
      };
    },
    'visitor.policyStatus': ({ fullName }) => ({
      changedSinceLastVisit: changedSinceLastVisit(db, fullName, currentPolicy(db, 'en').versionId),
    }),
    'exemption.check': ({ fullName, organisation, category }) => {
      const ex = exemptions.findValid({ nameKey: nameKey(fullName), organisationKey: organisationKey(organisation), category }, now());
      if (!ex) return { found: false };
      const { id, ...terms } = ex;
      return { found: true, exemptionId: id, ...terms };
    },
    'visit.signIn': (input) => signIn({ db, now, exemptions, badges }, input),
    'expected.find': ({ query }) => ({ matches: findExpected(db, query, now()) }),
    'expected.details': ({ expectedId }) => expectedDetails(db, expectedId, now()),
    'expected.byCode': ({ code }) => ({ details: expectedByCode(db, code, now()) }),
    'visit.findForSignOut': ({ query }) => ({ matches: findForSignOut(db, query) }),
    'visit.findByBadgeCode': ({ badgeCode }) => findByBadgeCode(db, badgeCode),
    'visit.signOut': (input) => signOut({ db, now }, input),
    'visit.onSite': () => ({ visits: onSite(db) }),
    'badge.status': ({ visitId }) => ({ state: printing ? printing.badgeState(db, visitId, now()) : 'not_configured' }),
    'badge.preview': ({ visitId }) => ({ png: `data:image/png;base64,${needPrinting().previewPng(db, visitId, now()).toString('base64')}` }),
    'badge.reprint': ({ visitId, by }) => ({ jobId: needPrinting().reprint(db, visitId, by, now()) }),
    'printer.testBadge': ({ by }) => ({ jobId: needPrinting().testBadge(db, by, now()) }),
    'rollCall.print': ({ by }) => needPrinting().rollCall(db, by, now()),
    'policy.publish': ({ language, draft }) => {
      publishPolicy(db, language, draft, now(), 'office');
      return currentPolicy(db, language);
    },
    'staff.unlock': ({ pin, purpose }) => {
      const at = now();
      const r = checkStaffPin(db, pin, at, purpose);
      if (r.ok) return { ok: true, ...staffTokens.issue(at, purpose, r.holder), staffName: r.holder.kind === 'staff' ? r.holder.displayName : null };
      if (r.reason === 'wait') throw new ContractError('LOCKED_OUT', r.message);
      throw new ContractError('FORBIDDEN', r.message);
    },
    'kiosk.setUp': ({ pin }) => {
      if (isSetUp(db)) throw new ContractError('CONFLICT', 'This kiosk is already set up. Staff change its PIN with `npm run kiosk:admin -- set-pin`.');
      setStaffPin(db, pin);
      return { setUp: true };
    },
    'rollCall.open': ({ token, by }) => {
      const at = now();
      let who: string;
      if (!isSetUp(db)) {
        // No PIN exists yet: the roll call must still open (issue #12). The kiosk takes no
        // visitors in this state, so it shows only people synced from elsewhere, if any.
        if (!by) throw new ContractError('INVALID_INPUT', 'Please type your name: it is recorded with each mark.', [{ path: 'by', message: 'required' }]);
        who = by;
      } else {
        const holder = token ? staffTokens.consume(token, at, 'rollCall') : null;
        if (!holder) throw new ContractError('FORBIDDEN', 'The staff unlock has expired. Please enter the PIN again.');
        if (holder.kind === 'staff') who = holder.displayName;
        else if (by) who = by;
        else throw new ContractError('INVALID_INPUT', 'Please type your name: it is recorded with each mark.', [{ path: 'by', message: 'required' }]);
      }
      const rc = startRollCall(db, who, at);
      return { ...rollCalls.open(rc.id, who, at), rollCall: buildRollCall(db, rc.id, at) };
    },
    'rollCall.get': ({ session }) => rollCallOf(session).rollCall,
    'rollCall.mark': ({ session, visitId, status }) => {
      const s = rollCalls.get(session, now());
      markRollCall(db, s.rollCallId, visitId, status, s.by, now());
      return buildRollCall(db, s.rollCallId, now());
    },
    'rollCall.pdf': ({ session }) => {
      const { rollCall } = rollCallOf(session);
      const pdf = rollCallPdf(rollCall, readSettings(db).timeZone);
      return { pdf: pdf.toString('base64'), fileName: keepRollCallPdf(deps.dataDir, rollCall, pdf, log) };
    },
    'rollCall.printNow': ({ session }) => needPrinting().rollCall(db, rollCallOf(session).by, now()),
    'rollCall.end': ({ session }) => {
      const s = rollCalls.get(session, now());
      endRollCall(db, s.rollCallId, s.by, now());
      rollCalls.close(session);
      return { ended: true };
    },
    'regular.scan': ({ cardCode, language }) => scanCard(db, cardCode, language, now()),
    'regular.signIn': (input) => signInByCard({ db, now, exemptions, badges }, input),
    'safeguarding.info': () => safeguardingInfo(db),
    'concern.report': (input) => reportConcern(db, input, now()),
    'staff.exitKiosk': ({ token }) => {
      if (!staffTokens.consume(token, now(), 'exit')) throw new ContractError('FORBIDDEN', 'The staff unlock has expired. Please enter the PIN again.');
      if (!deps.onStaffExit) return { exited: false, message: BROWSER_KIOSK_EXIT_MESSAGE };
      const exited = deps.onStaffExit();
      return { exited, message: exited ? 'The kiosk app is closing.' : 'The kiosk app could not close itself. Please ask IT.' };
    },
  };

  function run<K extends OpName>(name: K, raw: unknown, audience: Audience = 'staff'): OpResult<K> {
    const spec = ops[name];
    if (spec.audience === 'staff' && audience !== 'staff') throw new ContractError('FORBIDDEN', 'This action is for staff only.');
    const parsed = spec.input.safeParse(raw ?? {}, { reportInput: true }); // input kept so 'required' ≠ wrong type
    if (!parsed.success) {
      const fields = fieldProblems(parsed.error);
      throw new ContractError('INVALID_INPUT', `Please check: ${describe(fields)}.`, fields);
    }
    try {
      return (handlers[name] as (i: unknown) => OpResult<K>)(parsed.data);
    } catch (e) {
      throw toContractError(e, log);
    }
  }

  return {
    run: (name, input, audience) => run(name, input, audience),
    call(name, raw, audience) {
      if (!isOpName(name)) return { ok: false, error: new ContractError('UNKNOWN_OPERATION', 'Unknown operation.').toBody() };
      try {
        return { ok: true, value: run(name, raw, audience) };
      } catch (e) {
        return { ok: false, error: toContractError(e, log).toBody() };
      }
    },
  };
}
