// Printing vocabulary. One printer-neutral document model (PrintDocument) is produced from a
// badge (or a roll call); from it come the printer's bytes (ESC/POS for Epson, StarPRNT for
// Star, through node-thermal-printer) and a PNG preview of the same thing.
import { z } from 'zod';

export const PrinterType = z.enum(['epson', 'star']);
export type PrinterType = z.infer<typeof PrinterType>;

/** Code pages we print text in; anything else is transliterated or drawn as an image. */
export const CodePage = z.enum(['PC437', 'PC850', 'PC852', 'PC858', 'WPC1252']);
export type CodePage = z.infer<typeof CodePage>;

export const PrinterConfig = z
  .object({
    type: PrinterType.default('epson'),
    /** `tcp://host:port` (network printer, usually port 9100) or a device path such as /dev/usb/lp0. */
    interface: z
      .string()
      .trim()
      .min(1)
      .max(300)
      .refine((s) => /^tcp:\/\/[^\s/:]+(:\d{1,5})?$/.test(s) || /^(\/|[A-Za-z]:\\|\\\\)/.test(s), 'use tcp://host:9100 or a device path'),
    paperWidthMm: z.union([z.literal(58), z.literal(80)]).default(80),
    characterSet: CodePage.default('PC858'),
    /** Connect/send timeout per attempt. */
    timeoutMs: z.number().int().min(500).max(60_000).default(5000),
  })
  .strict();
export type PrinterConfig = z.infer<typeof PrinterConfig>;

/** Dots across the printable width and columns of font A, per paper width (see PRINTING.md). */
export const PAPER = { 80: { dots: 576, columns: 48 }, 58: { dots: 384, columns: 32 } } as const;

export type Align = 'left' | 'center' | 'right';
/** normal = 1×1, tall = 1×2 (double height), wide = 2×1, large = 2×2 characters. */
export type TextSize = 'normal' | 'tall' | 'wide' | 'large';

export type PrintBlock =
  | { kind: 'text'; text: string; align: Align; size: TextSize; bold: boolean; invert: boolean }
  /** Text the printer's code page cannot show (Arabic, Bengali, CJK…), drawn from a font as a 1-bit raster. */
  | { kind: 'textImage'; text: string; align: Align; size: TextSize; bold: boolean; invert: boolean }
  | { kind: 'qr'; payload: string; cellSize: number }
  | { kind: 'rule' }
  | { kind: 'feed'; lines: number }
  | { kind: 'cut' };

export type PrintDocument = { paperWidthMm: 58 | 80; blocks: PrintBlock[] };

/** Everything a badge shows, already in words (the badge issue's "one badge layout model"). */
export type BadgeModel = {
  siteName: string;
  fullName: string;
  categoryLabel: string;
  organisation: string;
  hostName: string;
  /** e.g. "Tue 3 Mar 2026 08:10" in the site's time zone. */
  arrivedLabel: string;
  badgeNumber: number;
  /** The kiosk's letter, printed before the number ("Badge B7"). Absent in jobs queued before letters. */
  badgePrefix?: string;
  badgeCode: string;
  /** Whether the escort rule is a requirement (printed large) or a note. */
  escortRequired: boolean;
  /** e.g. "MUST BE ESCORTED" / "Escort not required". */
  escortRule: string;
  /** "ID CHECK AT RECEPTION": a visiting professional whose identity nobody has checked yet. */
  idCheckNote?: string;
  /** e.g. "PHONE IN LOCKER 12", "DEVICE USE APPROVED — Room 4, until 15:00". Printed bold and inverse. */
  phoneStatus: string;
  /** ASCII only (PRINTING.md): the badge code used to sign out. */
  qrPayload: string;
  /** The site's approved places, never-here places and DSL names, on every badge (issue #15;
   *  shortened to the paper in layout). Absent in jobs queued before badges carried them. */
  policy?: { approved: string[]; never: string[]; dsls: string[] };
};
