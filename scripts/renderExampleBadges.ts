// Renders the example badges in assets/badges/ with the real layout and preview code:
//   npx tsc -p tsconfig.build.json && node dist/scripts/renderExampleBadges.js
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { badgeModel, type BadgeInput, type BadgeSite } from '../core/printing/badge.js';
import { badgePreviewPng } from '../core/printing/preview.js';
import type { LayoutTarget } from '../core/printing/layout.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = path.join(root, 'assets', 'badges');

const site: BadgeSite = { siteName: 'Greenfield Primary School', timeZone: 'Europe/London' };
const printer: LayoutTarget = { type: 'epson', paperWidthMm: 80, characterSet: 'PC858' };
const arrivedAt = '2026-03-03T08:10:00.000Z';
const locker = (n: number) => ({ kind: 'locker' as const, lockerId: `L${n}`, lockerLabel: `Locker ${n}`, lockerKind: 'locker' as const });

const examples: Record<string, BadgeInput> = {
  'short-name': {
    badgeCode: 'K7M2Q9', badgeNumber: 42, fullName: 'Jane Smith', category: 'parent_carer',
    hostName: 'Mrs Patel (Year 3)', arrivedAt, phone: locker(12),
  },
  'long-name-60': {
    badgeCode: 'B4XN8R', badgeNumber: 43, category: 'visitor', hostName: 'Headteacher', arrivedAt,
    fullName: 'Maximilian Alexander Fitzgerald-Montgomery Worthington-Smyth', // 60 characters
    phone: { kind: 'reception' },
  },
  contractor: {
    badgeCode: 'C9DT3W', badgeNumber: 44, fullName: 'Łukasz Wiśniewski', category: 'contractor',
    organisation: 'Brightwater Plumbing & Heating Ltd', hostName: 'Site manager', arrivedAt, phone: { kind: 'none' },
  },
  'professional-approved': {
    badgeCode: 'P2HV6J', badgeNumber: 45, fullName: 'Dr Amara Okonkwo', category: 'professional',
    organisation: 'NHS Children’s Therapy Service', hostName: 'SENCo (special educational needs)', arrivedAt,
    phone: { kind: 'exemption', exemptionId: 'EX1' },
    approvedExemption: { locations: ['Room 4', 'Speech therapy room'], until: '2026-03-03T15:00:00.000Z' },
  },
  'arabic-name': {
    badgeCode: 'A5RF7M', badgeNumber: 46, fullName: 'محمد عبد الرحمن', category: 'parent_carer',
    hostName: 'Mr Jones (Reception class)', arrivedAt, phone: locker(7),
  },
};

fs.mkdirSync(out, { recursive: true });
for (const [name, input] of Object.entries(examples)) {
  const file = path.join(out, `${name}.png`);
  fs.writeFileSync(file, badgePreviewPng(badgeModel(input, site), printer));
  console.log(path.relative(root, file));
}
