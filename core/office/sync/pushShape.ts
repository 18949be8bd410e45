// A fast first check of a push body. Zod's PushRequest is the contract, but walking 500 events
// with their bodies through it costs more than storing them. This accepts only what PushRequest
// accepts (each rule below is the schema's, or stricter); anything it does not accept goes
// through PushRequest, which then decides and words the refusal. tests/unit/sync-push-shape.test.ts
// checks that it never accepts what PushRequest refuses.
import { PUSH_BATCH_MAX, PushRequest, SyncEvent, type PushRequest as Push } from '../../../shared/sync.js';

const EVENT_KEYS = ['id', 'seq', 'visitId', 'kioskId', 'kind', 'at', 'body'] as const;
const KIOSK_ID = /^[0-9A-Za-z_-]+$/;
const KIND = /^[a-z_]+$/;
const { id: idSchema, at: atSchema } = SyncEvent.shape;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;

function isEvent(e: unknown): boolean {
  if (!isPlainObject(e)) return false;
  const keys = Object.keys(e);
  if (keys.length !== EVENT_KEYS.length || !EVENT_KEYS.every((k) => Object.prototype.hasOwnProperty.call(e, k))) return false;
  const body = e.body;
  // A JSON object body: its keys are strings and its values anything (z.record(z.string(), z.unknown())).
  if (!isPlainObject(body) || Object.getPrototypeOf(body) !== Object.prototype) return false;
  return (
    typeof e.seq === 'number' && Number.isSafeInteger(e.seq) && e.seq > 0 &&
    str(e.visitId, 1, 64) &&
    str(e.kioskId, 1, 64) && KIOSK_ID.test(e.kioskId) &&
    str(e.kind, 1, 40) && KIND.test(e.kind) &&
    idSchema.safeParse(e.id).success &&
    atSchema.safeParse(e.at).success
  );
}

/** The checked push, or null when PushRequest must decide (it may still accept). */
export function fastPushShape(json: unknown): Push | null {
  if (!isPlainObject(json) || Object.getPrototypeOf(json) !== Object.prototype) return null;
  const keys = Object.keys(json);
  if (keys.length !== 1 || keys[0] !== 'events') return null;
  const events = json.events;
  if (!Array.isArray(events) || events.length < 1 || events.length > PUSH_BATCH_MAX) return null;
  for (const e of events) if (!isEvent(e)) return null;
  return json as Push;
}

/** PushRequest.safeParse, with the fast path in front. */
export function parsePush(json: unknown): ReturnType<typeof PushRequest.safeParse> {
  const fast = fastPushShape(json);
  return fast ? { success: true, data: fast } : PushRequest.safeParse(json);
}
