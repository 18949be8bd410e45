// The visits CSV export, streamed. It reads through its own read-only connection to the hub's
// file: in WAL mode that reader never blocks the hub's writer, so kiosks' pushes carry on while
// a year of visits is written out, and the hub's own connection is never held busy by an open
// iterator. One read transaction for the count and the rows: the file says what was audited.
import { Readable } from 'node:stream';
import { ContractError } from '../../../shared/errors.js';
import type { Db } from '../../db/open.js';
import { countVisitRows, csvChunks, CSV_MAX_DAYS, visitRows, type VisitsCsvFilter } from './csv.js';

const DAY_MS = 86_400_000;

/** From and to are required, in order, and at most CSV_MAX_DAYS apart (both days included). */
export function checkExportRange(filter: VisitsCsvFilter): { from: string; to: string } {
  const missing = (['from', 'to'] as const).filter((k) => !filter[k]);
  if (missing.length)
    throw new ContractError('INVALID_INPUT', `Choose the days to export: a From and a To date (at most ${CSV_MAX_DAYS} days).`, missing.map((path) => ({ path, message: 'required' })));
  const from = filter.from!;
  const to = filter.to!;
  if (to < from) throw new ContractError('INVALID_INPUT', 'The To date is before the From date.', [{ path: 'to', message: 'beforeStart' }]);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS + 1;
  if (days > CSV_MAX_DAYS)
    throw new ContractError('INVALID_INPUT', `Export at most ${CSV_MAX_DAYS} days at a time (this range is ${days}). Export a longer period in parts.`, [{ path: 'to', message: 'tooLong', max: CSV_MAX_DAYS }]);
  return { from, to };
}

export type CsvExport = { rows: number; stream: Readable };

/** Open the export: count the rows (for the audit entry), then a stream of the file's text.
 *  `openSnapshot` gives a reader already inside its read snapshot (Hub.openSnapshot). */
export function openCsvExport(openSnapshot: () => Db, filter: VisitsCsvFilter): CsvExport {
  const reader = openSnapshot(); // a read snapshot: the count and the rows agree
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    try {
      if (reader.inTransaction) reader.exec('COMMIT');
    } finally {
      reader.close();
    }
  };
  try {
    const rows = countVisitRows(reader, filter);
    const chunks = csvChunks(visitRows(reader, filter));
    function* guarded(): Generator<string> {
      try {
        for (let next = chunks.next(); !next.done; next = chunks.next()) yield next.value;
      } finally {
        chunks.return(0);
        close();
      }
    }
    const stream = Readable.from(guarded(), { objectMode: false });
    stream.on('close', close);
    return { rows, stream };
  } catch (e) {
    close();
    throw e;
  }
}
