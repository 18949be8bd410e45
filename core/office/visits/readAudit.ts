// What the audit log keeps about a read of the visit record: the days, the category, whether a
// name was typed (never the name itself: the log outlives every retention period) and how many
// visits were shown.
export type ReadFilter = { query?: string | undefined; from?: string | undefined; to?: string | undefined; category?: string | undefined; before?: string | undefined };

export function readFilter(f: ReadFilter, rows: number): Record<string, unknown> {
  return {
    from: f.from ?? null,
    to: f.to ?? null,
    category: f.category ?? null,
    nameSearched: (f.query ?? '') !== '',
    ...(f.before !== undefined ? { nextPage: true } : {}),
    rows,
  };
}
