// The kiosk's badge art: badge and roll-call layouts turned into printer bytes and PNG
// previews, reading the site's name and time zone from the database.
import type { OnSiteVisit, VisitReceipt } from '../../shared/contract.js';
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import { approvedUseOfVisit } from '../exemptions/acknowledged.js';
import { visitClearance } from '../admission/kioskCheck.js';
import { readSettings } from '../site/settings.js';
import { activeLocations } from '../policy/policy.js';
import { dslDirectory, neverPlaces } from '../safeguarding/kiosk.js';
import { badgeModel, rollCallRows, type BadgeSite, type RollCallRow } from './badge.js';
import { documentBytes } from './escpos.js';
import { badgeDocument, rollCallDocument } from './layout.js';
import { badgePreviewPng } from './preview.js';
import type { BadgeArt } from './service.js';
import type { PrinterConfig } from './types.js';

function site(db: Db): BadgeSite {
  const s = readSettings(db);
  return { siteName: s.siteName, timeZone: s.timeZone, policy: badgePolicy(db) };
}

/** What every badge says of the policy (issue #15): the kiosk's copies of the office's lists. */
function badgePolicy(db: Db): NonNullable<BadgeSite['policy']> {
  return { approved: activeLocations(db).map((l) => l.name), never: neverPlaces(db), dsls: dslDirectory(db).map((d) => d.name) };
}

export const badgeArt: BadgeArt = {
  model(db, receipt: Omit<VisitReceipt, 'badge'>) {
    const org = stmt(db, 'SELECT organisation FROM visits WHERE id = ?').get(receipt.visitId) as { organisation: string } | undefined;
    // The approval's places and end time come with the receipt (frozen at sign-in), so the
    // printed badge and its preview say what was approved when the visitor signed in.
    const { approvedUse, ...rest } = receipt;
    // Escort and device-use lines follow what a person recorded (reception's ID check), read
    // now: a reprint after the check says so.
    const idChecked = visitClearance(db, receipt.visitId).idChecked;
    return badgeModel({ ...rest, organisation: org?.organisation ?? '', idChecked, ...(approvedUse ? { approvedExemption: approvedUse } : {}) }, site(db));
  },
  testModel(db, at) {
    return badgeModel(
      {
        badgeCode: 'TEST00',
        badgeNumber: 0,
        fullName: 'Printer test (not a visitor badge)',
        category: 'visitor',
        hostName: 'Reception',
        arrivedAt: at.toISOString(),
        phone: { kind: 'locker', lockerId: 'L1', lockerLabel: 'Locker 1', lockerKind: 'locker' },
        organisation: 'Printer check',
      },
      site(db),
    );
  },
  badgeBytes: (model, cfg: PrinterConfig) => documentBytes(badgeDocument(model, cfg), cfg),
  badgePng: (model, cfg: PrinterConfig) => badgePreviewPng(model, cfg),
  rollCall(db, visits: OnSiteVisit[], at: Date): RollCallPrint {
    const s = site(db);
    return { at: at.toISOString(), site: s, rows: rollCallRows(visits, s, at, (v) => approvedUseOfVisit(db, v.visitId), (v) => visitClearance(db, v.visitId).idChecked) };
  },
  rollCallBytes(payload, cfg: PrinterConfig) {
    const p = payload as RollCallPrint;
    return documentBytes(rollCallDocument(p.rows, cfg, new Date(p.at), p.site), cfg);
  },
};

type RollCallPrint = { at: string; site: BadgeSite; rows: RollCallRow[] };
