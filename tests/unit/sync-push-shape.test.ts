// The hub's fast check of a push body may only accept what the contract's PushRequest accepts
// (it exists because walking thousands of events through zod costs more than storing them).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastPushShape, parsePush } from '../../core/office/sync/pushShape.js';
import { PUSH_BATCH_MAX, PushRequest } from '../../shared/sync.js';

const good = (i = 0) => ({
  id: `01a214e1-3c39-7659-b26f-034232b8${String(1000 + i).slice(-4)}`,
  seq: i + 1,
  visitId: '01a214e1-3c39-7659-b26f-034232b89759',
  kioskId: 'k-1234abcd',
  kind: 'phone_stored',
  at: '2026-03-02T08:10:00.000Z',
  body: { custody: { kind: 'reception' } },
});

/** Values a field could be damaged into. */
const junk = fc.oneof(
  fc.constantFrom('', 'x'.repeat(65), 'Not_Lower', 'a b', '2026-13-02T08:10:00Z', '2026-02-30T08:10:00Z', '2026-03-02 08:10:00', '01a214e1-3c39-0659-b26f-034232b89759', '01a214e1-3c39-7659-726f-034232b89759'),
  fc.constantFrom(0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, Number.NaN, null, true, [], {}),
  fc.string({ maxLength: 70 }),
  fc.integer(),
);

describe('fast push shape check', () => {
  it('accepts well-formed pushes (so the fast path is used)', () => {
    expect(fastPushShape({ events: [good(0), good(1)] })).not.toBeNull();
    expect(parsePush({ events: Array.from({ length: PUSH_BATCH_MAX }, (_, i) => good(i)) }).success).toBe(true);
  });

  it('never accepts what PushRequest refuses', () => {
    const field = fc.constantFrom('id', 'seq', 'visitId', 'kioskId', 'kind', 'at', 'body', 'extra');
    fc.assert(
      fc.property(fc.array(fc.tuple(field, junk, fc.boolean()), { maxLength: 3 }), fc.integer({ min: 0, max: 3 }), (damage, n) => {
        const events: Record<string, unknown>[] = Array.from({ length: n }, (_, i) => good(i));
        for (const [f, v, remove] of damage) {
          const e = events[0];
          if (!e) continue;
          if (remove) delete e[f];
          else e[f] = v;
        }
        if (fastPushShape({ events }) !== null) expect(PushRequest.safeParse({ events }).success).toBe(true);
      }),
      { numRuns: 2000 },
    );
    for (const body of [null, [], 'x', { events: [] }, { events: [good()], more: 1 }, { events: Array.from({ length: PUSH_BATCH_MAX + 1 }, (_, i) => good(i)) }])
      expect(fastPushShape(body)).toBeNull();
  });
});
