// Badge and fire roll-call layouts: models in words → printer-neutral documents. Everything is
// measured in printer columns before it is printed, so nothing runs off the paper whatever the
// length of a name; text no code page holds is drawn as an image in its own script.
import { canDraw as fontsCanDraw } from './fonts.js';
import { fitText, paperColumns, textColumns, type FitStep } from './fit.js';
import { printableDocument, unprintableNote } from './printable.js';
import { policyLines } from './policyLines.js';
import { chooseCodePage, planText } from './sanitize.js';
import { badgeLabel } from '../../shared/domain.js';
import { dateTimeLabel, type BadgeSite, type RollCallRow } from './badge.js';
import type { Align, BadgeModel, CodePage, PrintBlock, PrintDocument, PrinterConfig } from './types.js';

export type LayoutTarget = Pick<PrinterConfig, 'type' | 'paperWidthMm' | 'characterSet'>;
export type LayoutOptions = { canDraw?: (text: string) => boolean };

type Style = { align: Align; bold: boolean; invert: boolean };
type Steps = readonly [FitStep, ...FitStep[]];

const NAME: Steps = [{ size: 'large', maxLines: 1 }, { size: 'large', maxLines: 2 }, { size: 'tall', maxLines: 3 }];
const STATUS_HEAD: Steps = NAME;
const STATUS_DETAIL: Steps = [{ size: 'tall', maxLines: 4 }];
const HEADING: Steps = [{ size: 'tall', maxLines: 1 }, { size: 'normal', maxLines: 2 }];
const LINE: Steps = [{ size: 'normal', maxLines: 1 }];
const PARAGRAPH: Steps = [{ size: 'normal', maxLines: 2 }];

const NO_NAME = '(name not printable: ask reception)';

/** QR module size in dots: about 21 mm square on 80 mm paper, 16 mm on 58 mm, for a 6-character code. */
const QR_CELL: Record<58 | 80, number> = { 80: 8, 58: 6 };

class Page {
  readonly blocks: PrintBlock[] = [];
  readonly columns: number;

  constructor(
    readonly cp: CodePage,
    paperWidthMm: 58 | 80,
    private readonly canDraw: (text: string) => boolean,
  ) {
    this.columns = paperColumns(paperWidthMm);
  }

  /** Lines of code-page text, wrapped or shrunk to fit; inverse lines get a space either side
   *  when there is room, so the black band does not touch the letters. */
  lines(text: string, steps: Steps, style: Style): void {
    if (text === '') return;
    const fit = fitText(text, this.columns, steps);
    for (const line of fit.lines) {
      const padded = style.invert && textColumns(` ${line} `, fit.size) <= this.columns ? ` ${line} ` : line;
      this.blocks.push({ kind: 'text', text: padded, size: fit.size, ...style });
    }
  }

  /** Text from a person or the site's settings, in whatever script: code-page text when it is
   *  mostly Latin, else drawn from a font (with a Latin spelling under it when `latinUnder`),
   *  else a note saying which script it was. `prefix` is our own words ("Visiting: "). */
  field(raw: string, steps: Steps, style: Style, opts: { prefix?: string; latinUnder?: boolean } = {}): boolean {
    const prefix = opts.prefix ?? '';
    const plan = planText(raw, this.cp, this.canDraw);
    switch (plan.kind) {
      case 'text':
        if (plan.text === '') return false;
        this.lines(prefix + plan.text, steps, style);
        return true;
      case 'image':
        this.blocks.push({ kind: 'textImage', text: prefix + plan.text, size: steps[0].size, ...style });
        if (opts.latinUnder && plan.latin) this.lines(`(${plan.latin})`, PARAGRAPH, { ...style, bold: false, invert: false });
        return true;
      case 'unprintable':
        if (plan.text !== '') this.lines(prefix + plan.text, steps, style);
        this.lines(prefix + unprintableNote(plan.script), PARAGRAPH, style);
        return true;
    }
  }

  add(block: PrintBlock): void {
    this.blocks.push(block);
  }
}

const center = (bold = false, invert = false): Style => ({ align: 'center', bold, invert });
const left = (bold = false, invert = false): Style => ({ align: 'left', bold, invert });

function badgeTexts(m: BadgeModel): string[] {
  return [m.siteName, m.fullName, m.categoryLabel, m.organisation, m.hostName, m.arrivedLabel, m.escortRule, m.idCheckNote ?? '', m.phoneStatus, ...(m.policy ? [...m.policy.approved, ...m.policy.never, ...m.policy.dsls] : [])];
}

/** The printed badge: who, for whom, since when, escort rule, where the phone is, and the QR
 *  of the badge code used to sign out. */
export function badgeDocument(model: BadgeModel, config: LayoutTarget, opts: LayoutOptions = {}): PrintDocument {
  const canDraw = opts.canDraw ?? fontsCanDraw;
  const page = new Page(chooseCodePage(badgeTexts(model), config.characterSet, config.type), config.paperWidthMm, canDraw);

  page.field(model.siteName, PARAGRAPH, center());
  page.add({ kind: 'feed', lines: 1 });
  // A name of nothing but emoji or symbols leaves nothing to print: say so rather than leave a gap.
  if (!page.field(model.fullName, NAME, center(true), { latinUnder: true })) page.lines(NO_NAME, HEADING, center(true));
  page.field(model.categoryLabel.toLocaleUpperCase('en-GB'), HEADING, center(true));
  if (model.organisation.trim() !== '') page.field(model.organisation, PARAGRAPH, center());
  page.field(model.hostName, PARAGRAPH, center(), { prefix: 'Visiting: ' });
  page.lines(`In: ${model.arrivedLabel}`, LINE, center());
  page.lines(`Badge ${badgeLabel(model.badgePrefix, model.badgeNumber)}`, [{ size: 'wide', maxLines: 1 }, { size: 'normal', maxLines: 1 }], center(true));
  if (model.escortRequired) page.field(model.escortRule, HEADING, center(true));
  else page.field(model.escortRule, PARAGRAPH, center());
  if (model.idCheckNote) page.field(model.idCheckNote, HEADING, center(true));

  page.add({ kind: 'rule' });
  phoneStatus(page, model.phoneStatus);
  const policy = model.policy ? policyLines(model.policy, page.columns) : null; // issue #15: places and DSLs
  if (policy) {
    page.field(policy.approved, PARAGRAPH, center());
    page.field(policy.never, PARAGRAPH, center(true));
  }
  page.add({ kind: 'rule' });

  const payload = model.qrPayload.replace(/[^\x21-\x7e]/g, '');
  if (payload !== '') {
    page.add({ kind: 'feed', lines: 1 });
    page.add({ kind: 'qr', payload, cellSize: QR_CELL[config.paperWidthMm] });
  }
  page.lines(model.badgeCode.replace(/[^\x21-\x7e]/g, ''), [{ size: 'wide', maxLines: 1 }, { size: 'normal', maxLines: 2 }], center(true));
  if (policy && policy.dsls !== '') page.field(policy.dsls, PARAGRAPH, center());
  page.add({ kind: 'cut' });
  return finish(page, config, canDraw);
}

/** The phone line, bold on black: the headline ("PHONE IN LOCKER 12", "DEVICE USE APPROVED")
 *  as large as fits; details after a dash (where, until when) on their own lines below. */
function phoneStatus(page: Page, status: string): void {
  const dash = status.indexOf(' — ');
  const head = dash < 0 ? status : status.slice(0, dash);
  const detail = dash < 0 ? '' : status.slice(dash + 3);
  page.field(head, STATUS_HEAD, center(true, true));
  if (detail.trim() !== '') page.field(detail, STATUS_DETAIL, center(true, true));
}

function finish(page: Page, config: LayoutTarget, canDraw: (text: string) => boolean): PrintDocument {
  // Already fitted; this pins the job's code page the same way the byte writer will.
  const { codePage: _cp, ...doc } = printableDocument({ paperWidthMm: config.paperWidthMm, blocks: page.blocks }, config, canDraw);
  return doc;
}

/** The fire roll call: everyone on site at `at`, with what a fire marshal needs per person. */
export function rollCallDocument(
  rows: readonly RollCallRow[],
  config: LayoutTarget,
  at: Date,
  site: Pick<BadgeSite, 'siteName' | 'timeZone'>,
  opts: LayoutOptions = {},
): PrintDocument {
  const canDraw = opts.canDraw ?? fontsCanDraw;
  const texts = [site.siteName, ...rows.flatMap((r) => [r.name, r.organisation, r.hostName, r.phoneStatus, r.categoryLabel])];
  const page = new Page(chooseCodePage(texts, config.characterSet, config.type), config.paperWidthMm, canDraw);
  const needHelp = rows.filter((r) => r.needsEvacuationHelp).length;

  page.lines('FIRE ROLL CALL', [{ size: 'large', maxLines: 1 }, { size: 'tall', maxLines: 1 }], center(true, true));
  page.field(site.siteName, PARAGRAPH, center());
  page.lines(`Printed ${dateTimeLabel(at, site.timeZone)}`, PARAGRAPH, center());
  page.lines(rows.length === 1 ? '1 PERSON ON SITE' : `${rows.length} PEOPLE ON SITE`, HEADING, center(true));
  if (needHelp > 0) page.lines(`${needHelp} NEED${needHelp === 1 ? 'S' : ''} HELP TO EVACUATE`, PARAGRAPH, center(true));
  page.add({ kind: 'rule' });
  if (rows.length === 0) page.lines('Nobody is signed in.', PARAGRAPH, center());

  for (const r of rows) {
    page.lines(`Badge ${r.badge ?? r.badgeNumber}, in at ${r.arrivedLabel}`, PARAGRAPH, left());
    if (!page.field(r.name, [{ size: 'tall', maxLines: 2 }, { size: 'normal', maxLines: 3 }], left(true), { latinUnder: true }))
      page.lines(NO_NAME, PARAGRAPH, left(true));
    const who = r.organisation.trim() === '' ? r.categoryLabel : `${r.categoryLabel}, ${r.organisation}`;
    page.field(who, PARAGRAPH, left());
    page.field(r.hostName, PARAGRAPH, left(), { prefix: 'Visiting: ' });
    page.field(r.phoneStatus.replace(' — ', ': '), PARAGRAPH, left());
    if (r.needsEvacuationHelp) page.lines('NEEDS HELP TO EVACUATE', PARAGRAPH, left(true, true));
    if (r.escortRequired) page.lines('MUST BE ESCORTED', PARAGRAPH, left(true));
    page.add({ kind: 'rule' });
  }
  page.lines(`End of list: ${rows.length} on site`, PARAGRAPH, center());
  page.add({ kind: 'cut' });
  return finish(page, config, canDraw);
}
