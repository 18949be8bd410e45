// Badge letters: the hub gives each kiosk its own letter the first time it pulls (A, B, …,
// never I or O, which read as 1 and 0; after Z, AA), never the same letter twice, and the
// badge prints it before the number. Decoded from the bytes the printer would receive.
import { afterEach, describe, expect, it } from 'vitest';
import { badgeModel } from '../../core/printing/badge.js';
import { documentBytes } from '../../core/printing/escpos.js';
import { badgeDocument } from '../../core/printing/layout.js';
import { decode } from '../../core/printing/virtual/decode.js';
import { plainText } from '../../core/printing/virtual/document.js';
import { badgePrefixAt, ensureBadgePrefix } from '../../core/office/reception/badgePrefix.js';
import type { Hub } from '../../core/office/hub.js';
import { disposeHub, feed, registerKiosk, tempHub } from '../support/officeDomain.js';

const hubs: Hub[] = [];
afterEach(() => hubs.splice(0).forEach(disposeHub));

describe('badge letters', () => {
  it('run A to Z without I and O, then AA, AB …', () => {
    const first = Array.from({ length: 24 }, (_, i) => badgePrefixAt(i)).join('');
    expect(first).toBe('ABCDEFGHJKLMNPQRSTUVWXYZ');
    expect([badgePrefixAt(24), badgePrefixAt(25), badgePrefixAt(24 + 24)]).toEqual(['AA', 'AB', 'BA']);
    expect(new Set(Array.from({ length: 600 }, (_, i) => badgePrefixAt(i))).size).toBe(600);
  });

  it('each kiosk gets its own, once, announced in the change feed; a revoked kiosk keeps its letter', () => {
    const h = tempHub(() => new Date('2026-03-02T08:00:00Z'));
    hubs.push(h);
    registerKiosk(h, 'k-one', 'Main entrance');
    registerKiosk(h, 'k-two', 'Side gate');
    const at = new Date('2026-03-02T08:00:00Z');
    const one = h.db.transaction(() => ensureBadgePrefix(h.db, 'k-one', at))();
    const again = h.db.transaction(() => ensureBadgePrefix(h.db, 'k-one', at))();
    h.db.prepare("UPDATE kiosks SET revoked_at = ? WHERE id = 'k-one'").run(at.toISOString());
    const two = h.db.transaction(() => ensureBadgePrefix(h.db, 'k-two', at))();
    expect([one, again, two]).toEqual(['A', 'A', 'B']);
    expect(feed(h, 'kiosk').map((c) => [c.key, c.body])).toEqual([
      ['k-one', { kioskId: 'k-one', badgePrefix: 'A' }],
      ['k-two', { kioskId: 'k-two', badgePrefix: 'B' }],
    ]);
  });

  it('are printed before the number on the badge; a badge queued before letters prints the number alone', () => {
    const input = { badgeCode: 'K7M2Q9', badgeNumber: 7, fullName: 'Jane Smith', category: 'visitor' as const, hostName: 'Office', arrivedAt: '2026-03-03T08:10:00.000Z', phone: { kind: 'none' as const } };
    const site = { siteName: 'Greenfield Primary', timeZone: 'Europe/London' };
    const cfg = { type: 'epson' as const, paperWidthMm: 80 as const, characterSet: 'PC858' as const };
    const text = (m: ReturnType<typeof badgeModel>) => plainText(decode(documentBytes(badgeDocument(m, cfg), cfg), { model: 'epson' }));
    expect(text(badgeModel({ ...input, badgePrefix: 'B' }, site))).toContain('Badge B7');
    expect(text(badgeModel(input, site))).toMatch(/Badge 7\b/);
  });
});
