// The policy on every badge (issue #15): where devices may be used, where never, and who the
// safeguarding leads are. Each is one paragraph of at most POLICY_LINE_MAX printed lines: a
// list that does not fit keeps as many whole names as fit and says how many more ("Hall,
// Library +3 more"), so staff see the first places in full rather than a cut word.
import { wrapWords } from './fit.js';

/** The badge's length budget for each policy line, in printed lines of normal-size text. */
export const POLICY_LINE_MAX = 2;

export type BadgePolicy = { approved: readonly string[]; never: readonly string[]; dsls: readonly string[] };

export const APPROVED_PREFIX = 'Devices only in: ';
export const NO_APPROVED = 'Devices: keep locked away (no approved places)';
export const NEVER_PREFIX = 'NEVER use devices in: ';
export const DSL_PREFIX = 'Safeguarding (DSL): ';

const fits = (text: string, columns: number, lines: number) => {
  const w = wrapWords(text, columns);
  return !w.broken && w.lines.length <= lines;
};

/** `prefix` + as many names as fit in `lines` lines of `columns`, then "+N more". */
export function shortList(prefix: string, names: readonly string[], columns: number, lines = POLICY_LINE_MAX): string {
  const clean = names.map((n) => n.trim()).filter((n) => n !== '');
  for (let k = clean.length; k >= 1; k--) {
    const rest = clean.length - k;
    const text = `${prefix}${clean.slice(0, k).join(', ')}${rest ? ` +${rest} more` : ''}`;
    if (fits(text, columns, lines)) return text;
  }
  // Not even one name fits whole: the count alone, so the line never runs off the paper.
  return `${prefix}${clean.length} places: ask reception`;
}

/** The three lines as printed on paper `columns` wide ('' = nothing to print). */
export function policyLines(p: BadgePolicy, columns: number): { approved: string; never: string; dsls: string } {
  return {
    approved: p.approved.length ? shortList(APPROVED_PREFIX, p.approved, columns) : NO_APPROVED,
    never: p.never.length ? shortList(NEVER_PREFIX, p.never, columns) : '',
    dsls: p.dsls.length ? shortList(DSL_PREFIX, p.dsls, columns) : '',
  };
}
