// The rest of the school's device policy as data (issue #15 part A): places where devices are
// never used, the directory of designated safeguarding leads, visitors' "report a concern" from
// the kiosk, and the posters (signage) made from the live policy with their register.
// No Node or DOM imports here.
import { z } from './zod.js';
import { Language } from './domain.js';
import { visitorText } from './text.js';

const Id = z.string().min(1).max(64).regex(/^[0-9A-Za-z_-]+$/, { error: 'invalid' });
const text = (max = 200) => visitorText(max, { required: true });
const optionalText = (max = 200) => visitorText(max, { required: false }).default('');

/** A DSL is the designated safeguarding lead; 'deputy' a deputy DSL. */
export const DSL_ROLES = ['dsl', 'deputy'] as const;
export const DslRole = z.enum(DSL_ROLES);
export type DslRole = z.infer<typeof DslRole>;

export type NeverPlace = { id: string; name: string; active: boolean };
/** contact: how a visitor reaches them, in the school's words ("ext 201, room 4"). */
export type DslEntry = { id: string; name: string; role: DslRole; contact: string; active: boolean };

export const NeverPlacesSave = z
  .object({ neverPlaces: z.array(z.object({ id: Id, name: text(80), active: z.boolean() }).strict()).max(50) })
  .strict();
export const DslsSave = z
  .object({ dsls: z.array(z.object({ id: Id, name: text(120), role: DslRole, contact: optionalText(120), active: z.boolean() }).strict()).max(30) })
  .strict();

/** Complaints and whistleblowing routes as the school words them (English; empty = the default wording). */
export type SignageSettings = { complaints: string; whistleblowing: string };
export const SignageSettingsSave = z.object({ complaints: optionalText(400), whistleblowing: optionalText(400) }).strict();

export const POSTER_SIZES = ['A4', 'A3'] as const;
export const PosterSize = z.enum(POSTER_SIZES);
export type PosterSize = z.infer<typeof PosterSize>;

/** A poster: one language, or bilingual (English + one other). */
export const PosterSpec = z
  .object({ size: PosterSize, language: Language, second: Language.nullable().default(null) })
  .strict()
  .refine((p) => p.second === null || (p.language === 'en' && p.second !== 'en'), { error: 'bilingual', path: ['second'] });
export type PosterSpec = z.output<typeof PosterSpec>;

/** How many hex characters of the policy text hash the poster and register show. */
export const HASH_PREFIX_LENGTH = 8;

export type PosterFiles = {
  pdf: string; // base64
  png: string; // data:image/png;base64,… (first page)
  fileName: string;
  policyVersion: number;
  /** Per language on the poster: the first characters of the text hash a kiosk records. */
  hashPrefixes: Partial<Record<Language, string>>;
};

/** Where a poster hangs and what it shows. outOfDate: a newer policy version (or other places,
 *  never-here places or DSLs) than the poster carries; why says which. */
export type PosterRecord = {
  id: string;
  place: string;
  size: PosterSize;
  language: Language;
  second: Language | null;
  policyVersion: number;
  policyVersionId: string;
  hashPrefix: string;
  hungAt: string;
  hungBy: string;
  outOfDate: boolean;
  why: 'policy' | 'content' | null;
};

export const PosterHang = z.object({ place: text(120), size: PosterSize, language: Language, second: Language.nullable().default(null) }).strict();
export const PosterTakeDown = z.object({ id: Id }).strict();

export type Signage = {
  neverPlaces: NeverPlace[];
  dsls: DslEntry[];
  settings: SignageSettings;
  policy: { versionId: string; version: number; hashPrefix: string };
  posters: PosterRecord[];
  outOfDateCount: number;
};

// ---- the kiosk ------------------------------------------------------------------------------

/** What the kiosk's help and policy screens show. */
export type SafeguardingInfo = { neverPlaces: string[]; dsls: { name: string; role: DslRole; contact: string }[] };

export const CONCERN_REPORT_LIMITS = { text: 500, name: 120 } as const;
/** A visitor's "report a concern" from the kiosk's help screen: a short text and, if they wish, their name. */
export const ConcernReportInput = z
  .object({
    text: visitorText(CONCERN_REPORT_LIMITS.text, { required: true }),
    name: visitorText(CONCERN_REPORT_LIMITS.name, { required: false }).default(''),
    language: Language.default('en'),
  })
  .strict();

/** The source a visitor's report carries into the DSL's concern queue. */
export const KIOSK_REPORT_SOURCE = 'kiosk visitor report';
/** The kiosk event kind that carries a report to the hub (its visit id is the report's own id). */
export const CONCERN_EVENT_KIND = 'concern_reported';

// ---- the change feed ------------------------------------------------------------------------

export type RefNoPlace = { id: string; name: string; sort: number; active: boolean };
export type RefDsl = { id: string; name: string; role: DslRole; contact: string; sort: number; active: boolean };
