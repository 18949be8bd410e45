// The sync wire format between a kiosk and the office hub (see ../README "Pairing a kiosk").
//
//  - Pairing: the kiosk sends a one-time code (made by an administrator in the console) with
//    the public half of an Ed25519 key it generated; the hub keeps only the public key.
//  - Every later request is signed with the kiosk's private key over
//    method, path, time, nonce and the body's sha-256 (SIGNED_HEADERS). The hub refuses an
//    unknown or revoked kiosk, a bad signature, a time outside the window or a nonce seen
//    before (replay). A kiosk whose clock is off learns the hub's time from the refusal and
//    signs with the offset, so ±10 minutes of skew costs one retry, not an outage.
//  - Push: the kiosk sends outbox events in append order; the hub stores each id once
//    (ON CONFLICT DO NOTHING) and acks every id it holds; the kiosk clears acked outbox rows.
//  - Pull: reference data the office owns, as a change feed with a monotonic sequence. A page
//    covers (from, to]; the kiosk applies it only if `from` is not past its cursor.
import { z } from './zod.js';
import type { RefAgreement, RefRegular } from './regulars.js';
import type { RefDsl, RefNoPlace } from './signage.js';
import type { IdCheck, RefRestrictedKeys, RefRestrictedSecret } from './admission.js';
import type { VisitorCategory } from './domain.js';

export const SYNC_PATHS = { pairHello: '/sync/v1/pair/hello', pair: '/sync/v1/pair', push: '/sync/v1/push', pull: '/sync/v1/pull', quarantine: '/sync/v1/quarantine' } as const;

/** Every hub answer to a sync request (refusals included) carries these, so a kiosk believes
 *  only its own hub: the hub's id, the TLS certificate pins it currently accepts (current and,
 *  during a rotation, next), and an Ed25519 signature by the hub's identity key over
 *  answerSigningString(). The kiosk learned that key at pairing, bound to the one-time code. */
export const HUB_HEADERS = {
  id: 'x-hub-id',
  pins: 'x-hub-pins',
  signature: 'x-hub-signature',
} as const;

/** The bytes the hub signs for an answer: bound to the request's nonce (no replay of an old
 *  answer), its path, the status, the pins and the body's sha-256. */
export function answerSigningString(hubId: string, path: string, requestNonce: string, status: number, pins: string, bodySha256Hex: string): string {
  return ['hub-answer-v1', hubId, path, requestNonce, String(status), pins, bodySha256Hex].join('\n');
}

export const SIGNED_HEADERS = {
  kiosk: 'x-kiosk-id',
  time: 'x-kiosk-time',
  nonce: 'x-kiosk-nonce',
  signature: 'x-kiosk-signature',
} as const;

/** Not signed, informational: the clock offset (ms) the kiosk applied to its signed time, so
 *  the hub can show the kiosk's real drift (kiosk clock minus hub clock) to the administrator. */
export const CLOCK_OFFSET_HEADER = 'x-kiosk-clock-offset';

/** How far a request's signed time may be from the hub's clock. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;
/**
 * Push size: at most PUSH_BATCH_MAX events and PUSH_BODY_MAX_BYTES bytes per request; the hub's
 * body limit for a push is PUSH_BODY_MAX_BYTES, the kiosk cuts its batches at whichever comes
 * first. PUSH_EVENT_BUDGET_BYTES is the largest 'arrived' event (the biggest a sign-in writes)
 * with every visitor-typed field at its limit in a 3-byte UTF-8 script (CJK, Gurmukhi), its
 * name key and a host name at the office's limit: tests/integration/sync-limits.test.ts checks
 * that such a batch of PUSH_BATCH_MAX events fits. Rarer, larger events (an approval's 50
 * places acknowledged, a name whose key expands under NFKC) make smaller batches, never a 413.
 */
export const PUSH_BATCH_MAX = 2000;
export const PUSH_EVENT_BUDGET_BYTES = 6 * 1024;
/** `{"events":[` … `]}`. */
export const PUSH_ENVELOPE_BYTES = 16;
export const PUSH_BODY_MAX_BYTES = PUSH_BATCH_MAX * PUSH_EVENT_BUDGET_BYTES + PUSH_ENVELOPE_BYTES;
export const PULL_PAGE_MAX = 500;

/** The bytes a kiosk signs. */
export function signingString(method: string, path: string, time: string, nonce: string, bodySha256Hex: string): string {
  return [method.toUpperCase(), path, time, nonce, bodySha256Hex].join('\n');
}

const KioskId = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/);

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Nonce = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);
const B64Key = z.string().min(40).max(200).regex(/^[A-Za-z0-9+/=]+$/);

/**
 * Pairing, step 1 (see core/sync/pairProof.ts). The kiosk never sends the code: it sends an id
 * derived from it (a slow hash) and a fresh nonce. The hub answers with its identity key, the
 * pins of its TLS certificate(s) and a proof (HMAC keyed by the code's slow hash) over all of
 * them and the nonce. Only a hub that holds the code can make it, and it names the certificate
 * the hub really serves: a proxy in the middle shows the kiosk another certificate and is caught
 * before the kiosk sends anything.
 */
export const PairHelloRequest = z.object({ codeId: Hex64, kioskNonce: Nonce }).strict();
export type PairHelloRequest = z.infer<typeof PairHelloRequest>;
export type PairHelloResponse = { hubId: string; hubPublicKey: string; pins: string[]; proof: string; serverTime: string };

/** Pairing, step 2: over the connection now pinned, the kiosk's key, proven with the same code. */
export const PairRequest = z
  .object({
    codeId: Hex64,
    kioskNonce: Nonce,
    kioskId: KioskId,
    kioskName: z.string().trim().min(1).max(80),
    /** Ed25519 public key, SPKI DER, base64. */
    publicKey: B64Key,
    /** HMAC (code's slow hash) over the nonce, kiosk id and public key (core/sync/pairProof.ts). */
    mac: Hex64,
  })
  .strict();
export type PairRequest = z.infer<typeof PairRequest>;
export type PairResponse = { hubId: string; siteName: string; kioskName: string; serverTime: string };

/** One kiosk visit event as pushed. `seq` is the kiosk's own append order. */
export const SyncEvent = z
  .object({
    id: z.string().uuid(),
    seq: z.number().int().positive(),
    visitId: z.string().min(1).max(64),
    kioskId: KioskId,
    kind: z.string().min(1).max(40).regex(/^[a-z_]+$/),
    at: z.iso.datetime({ offset: true }),
    body: z.record(z.string(), z.unknown()),
  })
  .strict();
export type SyncEvent = z.infer<typeof SyncEvent>;

export const PushRequest = z.object({ events: z.array(SyncEvent).min(1).max(PUSH_BATCH_MAX) }).strict();
export type PushRequest = z.infer<typeof PushRequest>;
export type PushResponse = { acked: string[]; serverTime: string };

/** Quarantine report: events the kiosk set aside because the hub refused each of them alone
 *  (a "poison" event). The kiosk keeps them; the console lists them for someone to look at. */
export const QUARANTINE_REPORT_MAX = 100;
export const QuarantineReport = z
  .object({
    events: z
      .array(
        z
          .object({
            eventId: z.string().uuid(),
            visitId: z.string().min(1).max(64),
            // As the kiosk holds it: a poison event may be poison because of its kind.
            kind: z.string().min(1).max(40),
            reason: z.string().min(1).max(500),
            quarantinedAt: z.iso.datetime({ offset: true }),
          })
          .strict(),
      )
      .min(1)
      .max(QUARANTINE_REPORT_MAX),
  })
  .strict();
export type QuarantineReport = z.infer<typeof QuarantineReport>;
export type QuarantineReportResponse = { received: string[]; serverTime: string };

/** Reception's desk, reported by the kiosk with each pull (optional: older kiosks do not send it):
 *  its badge printer's state, the jobs cut off mid-send waiting for reception, and what became
 *  of the office's print requests (each reported until the hub has taken it). */
export const KioskDeskStatus = z
  .object({
    printer: z
      .object({
        configured: z.boolean(),
        ready: z.boolean().nullable(), // null: not checked yet
        problem: z.string().max(300).nullable(),
        checkedAt: z.iso.datetime({ offset: true }).nullable(),
        describe: z.string().max(200),
      })
      .strict(),
    interrupted: z
      .array(
        z
          .object({
            jobId: z.string().min(1).max(64),
            kind: z.enum(['badge', 'reprint', 'test', 'rollcall']),
            visitId: z.string().min(1).max(64).nullable(),
            createdAt: z.iso.datetime({ offset: true }),
            error: z.string().max(500).nullable(),
          })
          .strict(),
      )
      .max(50),
    requests: z
      .array(
        z
          .object({
            requestId: z.string().min(1).max(64),
            outcome: z.string().min(1).max(300),
            jobId: z.string().min(1).max(64).nullable(),
            handledAt: z.iso.datetime({ offset: true }),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();
export type KioskDeskStatus = z.infer<typeof KioskDeskStatus>;

/** How the kiosk's fire roll call is opened (issue #12): its own PIN is set, and how many
 *  personal PINs it holds. Optional: older kiosks do not send it. */
export const RollCallAccessReport = z.object({ localPin: z.boolean(), personalPins: z.number().int().min(0).max(100_000) }).strict();
export type RollCallAccessReport = z.infer<typeof RollCallAccessReport>;

export const PullRequest = z
  .object({ cursor: z.number().int().min(0), limit: z.number().int().min(1).max(PULL_PAGE_MAX).default(PULL_PAGE_MAX), desk: KioskDeskStatus.optional(), rollCall: RollCallAccessReport.optional() })
  .strict();
export type PullRequest = z.input<typeof PullRequest>;

/** Entities the office owns and kiosks copy. A null body deletes the key. */
/** 'privacy' (key = version id): a privacy notice version with its texts by language, as the
 *  office published it; kiosks show the newest office version over their own. */
/** Retention (issue #6): 'retention' (key 'periods') the periods kiosks apply to their own copy;
 *  'hold' (key = visit id) a visit an open breach/concern is about, which no purge may remove
 *  (null body = released); 'erasure' (key = visit id) a visit erased at the office on request,
 *  which kiosks delete too. */
/** Reception's desk (issue #12): 'kiosk' (key = kiosk id) the kiosk's badge letter, given by the
 *  hub; 'printreq' (key = request id) a test badge, reprint or resume asked for in the console,
 *  which the kiosk that owns the printer queues once.
 *  'staffpin' (key = staff id): a member of staff's personal kiosk PIN as a slow hash (never
 *  the PIN); null body = removed (cleared, or the account disabled). */
/** 'regular' (key = person id) and 'agreement' (key 'current'): regular visitors (issue #13,
 *  shared/regulars.ts). 'noplace' (key = id): a place where devices are never used; 'dsl'
 *  (key = id): a designated safeguarding lead or deputy (issue #15, shared/signage.ts). */
export const REF_ENTITIES = ['policy', 'locker', 'location', 'host', 'exemption', 'expected', 'site', 'retention', 'hold', 'erasure', 'signout', 'privacy', 'kiosk', 'printreq', 'staffpin', 'regular', 'agreement', 'noplace', 'dsl', 'idcheck', 'restricted', 'restrictsecret'] as const;
export type RefEntity = (typeof REF_ENTITIES)[number];
export type RefChange = { seq: number; entity: RefEntity; key: string; body: unknown };
export type PullResponse = { from: number; to: number; changes: RefChange[]; more: boolean; serverTime: string };

/** Bodies of each entity in the feed (null = removed). Kiosks copy them into their own tables. */
export type RefPolicy = { versionId: string; version: number; publishedAt: string; texts: Record<string, { title: string; points: string[] }> };
export type RefPrivacy = { versionId: string; version: number; publishedAt: string; texts: Record<string, { short: string; sections: { heading: string; text: string }[] }> };
export type RefLocker = { id: string; label: string; kind: 'locker' | 'pouch'; sort: number; active: boolean };
export type RefLocation = { id: string; name: string; sort: number; active: boolean };
export type RefHost = { id: string; name: string; sort: number; active: boolean };
/** Staff notes stay at the hub: kiosks never receive them (issue #13). */
/** codeHash: sha-256 of the invitation's normalised sign-in code (never the code); invitedPolicyVersionId:
 *  the policy version the last invitation carried. Both optional: older hubs do not send them. */
export type RefExpected = { id: string; fullName: string; nameKey: string; organisation: string; category: string; hostId: string; expectedOn: string; cancelled: boolean; codeHash?: string | null; invitedPolicyVersionId?: string | null };
/** autoSignOutAt: the office's end-of-day rule ("HH:MM", site time; null = off). Optional: older hubs do not send it.
 *  autoSignOutConfirmed: an administrator confirmed a time inside school hours (SCHOOL_HOURS);
 *  kiosks apply such a time only when it is set. */
export type RefSite = { siteName: string; timeZone: string; autoSignOutAt?: string | null; autoSignOutConfirmed?: boolean };

/** When visitors are normally on site: an automatic sign-out in these hours (site time) would
 *  sign out people who are still here, so it needs an administrator's confirmation. */
export const SCHOOL_HOURS = { from: '08:00', to: '16:00' } as const;

/** Why an automatic sign-out time needs confirming ("HH:MM", site time), or null. `localNow` is
 *  the site's time now: a time already past today signs out whoever is on site at once. */
export function autoSignOutConcern(at: string, localNow?: string): 'school_hours' | 'past' | null {
  if (at >= SCHOOL_HOURS.from && at < SCHOOL_HOURS.to) return 'school_hours';
  if (localNow !== undefined && at <= localNow) return 'past';
  return null;
}
/** What a kiosk needs of the retention settings: it keeps visits only (the office keeps the rest). */
export type RefRetention = { visitsMonths: number; photosMonths: number };
export type RefHold = { visitId: string };
export type RefErasure = { visitId: string; erasedAt: string };
export type RefBody = {
  policy: RefPolicy;
  locker: RefLocker;
  location: RefLocation;
  host: RefHost;
  exemption: KioskExemption;
  expected: RefExpected;
  site: RefSite;
  retention: RefRetention;
  hold: RefHold;
  erasure: RefErasure;
  signout: RefSignOut;
  privacy: RefPrivacy;
  kiosk: RefKiosk;
  printreq: RefPrintRequest;
  staffpin: RefStaffPin;
  /** Regular visitors (issue #13, shared/regulars.ts): key = person id; 'agreement' key 'current'. */
  regular: RefRegular;
  agreement: RefAgreement;
  noplace: RefNoPlace;
  dsl: RefDsl;
  idcheck: RefIdCheck;
  restricted: RefRestrictedKeys;
  restrictsecret: RefRestrictedSecret;
};

/** Admission (issue #13): 'idcheck' (key = visit id) reception checked this visitor's identity;
 *  'restricted' (key = entry id) keyed hashes of a restricted person's names, null = removed;
 *  'restrictsecret' (key 'site') the site's key for those hashes. */
export type RefIdCheck = { visitId: string; kioskId: string } & IdCheck;

/** A kiosk's badge letter: its badges read "B7", never the same as another kiosk's "7" that day. */
export type RefKiosk = { kioskId: string; badgePrefix: string };
/** Reception asked, in the console, for the printer of kiosk `kioskId` to print: a test badge,
 *  a visitor's badge again ('reprint'), or an interrupted job again ('resume', jobId); or to
 *  ask the printer whether it is ready ('check'). */
export const PRINT_REQUEST_KINDS = ['test', 'reprint', 'resume', 'check'] as const;
export type PrintRequestKind = (typeof PRINT_REQUEST_KINDS)[number];
export type RefPrintRequest = { kind: PrintRequestKind; kioskId: string; visitId?: string; jobId?: string; requestedBy: string; requestedAt: string };

/** A personal kiosk PIN: scrypt with a salt of its own (hex), as core/staff/pinHash.ts makes it. */
export type RefStaffPin = { staffId: string; displayName: string; algo: 'scrypt'; N: number; r: number; p: number; salt: string; hash: string };

/** Staff in the office signed a visit out (end of day) and/or recorded its phone handed back.
 *  The kiosk that owns the visit writes the events in its own log; other kiosks ignore it. */
export type RefSignOut = { visitId: string; kioskId: string; staff: string; phoneReturned: boolean; requestedAt: string };

/** What a kiosk keeps of an exemption to match a visitor offline. */
export type KioskExemption = {
  id: string;
  /** The category the approval was granted for (absent from older hubs: 'professional'). */
  category?: VisitorCategory;
  status: 'approved' | 'revoked' | 'refused' | 'requested';
  nameKey: string;
  organisationKey: string;
  validFrom: string;
  validTo: string;
  dailyFrom: string | null;
  dailyTo: string | null;
  weekdays: number[] | null;
  locations: string[];
  devices: string;
  conditions: string;
};

/** NOT_OWNER (403): the push holds an event for a visit another kiosk owns; nothing was stored
 *  and `eventIds` names the offending events. */
export type SyncErrorBody = {
  code: 'UNPAIRED' | 'REVOKED' | 'BAD_SIGNATURE' | 'CLOCK_SKEW' | 'REPLAY' | 'BAD_CODE' | 'ALREADY_PAIRED' | 'INVALID_INPUT' | 'NOT_OWNER';
  message: string;
  serverTime: string;
  eventIds?: string[];
};
