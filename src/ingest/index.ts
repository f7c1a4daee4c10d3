// Ingest: reads a helpdesk CSV export (any common encoding/delimiter) into tickets.
import { UserError } from '../errors.js';
import type { TicketExport } from '../types.js';
import { chooseColumns, isCreatedStandIn } from './columns.js';
import { chooseEconomicColumns, type EconomicOverrides } from './economic-columns.js';
import { delimiterName, parseDelimiterOption, sniffDelimiter } from './delimiter.js';
import { decodeExport } from './encoding.js';
import { normalizeLineBreaks, readExportBytes, removeControlBytes } from './file.js';
import { parseTicketRows, type RowLayout } from './rows.js';

export interface IngestOptions {
  /** Force an encoding (utf-8, utf-16le, windows-1251, ...); detected when absent. */
  encoding?: string;
  /** Force a delimiter (",", ";", "\t" or "tab", "|"); sniffed when absent. */
  delimiter?: string;
  /** Column names joined (in this order, with "\n") into the ticket text. */
  text?: string[];
  /** Column holding the ticket id. */
  id?: string;
  /** Column holding the created-at date. */
  date?: string;
  /** Columns for handle time, customer, customer-since, CSAT and channel; detected when absent. */
  economics?: EconomicOverrides;
}

// Excel writes "sep=;" as the first line when asked to; it names the delimiter and is not the header.
const EXCEL_SEP_LINE = /^sep=(.)\n/;

function excelSeparator(utf8: Buffer): string | null {
  if (utf8.length < 5 || utf8[0] !== 0x73 /* s */) return null;
  return EXCEL_SEP_LINE.exec(utf8.subarray(0, 8).toString('utf8'))?.[1] ?? null;
}

function isBlank(utf8: Buffer): boolean {
  for (let i = 0; i < utf8.length; i++) {
    const b = utf8[i]!;
    if (b !== 0x20 && b !== 0x0a && b !== 0x09) return false;
  }
  return true;
}

/**
 * Reads a ticket export. Every problem the user can fix is a one-line UserError naming the file.
 * `onProgress` hears the share of the file parsed (done of total bytes).
 */
export async function readTicketExport(
  path: string,
  options: IngestOptions = {},
  onProgress?: (p: { done: number; total: number }) => void,
): Promise<TicketExport> {
  // No name holds the file's bytes: once decoded (UTF-8 passes through as is) they are the only copy.
  const decoded = decodeExport(await readExportBytes(path), path, options.encoding);
  const cleaned = removeControlBytes(normalizeLineBreaks(decoded.utf8));
  let utf8 = cleaned.bytes;
  if (isBlank(utf8)) throw new UserError(`${path}: the file is empty`);

  let lineOffset = 0;
  let delimiter: string;
  const sep = excelSeparator(utf8);
  if (sep !== null) {
    utf8 = utf8.subarray(Buffer.byteLength(`sep=${sep}\n`));
    lineOffset = 1;
  }
  if (options.delimiter !== undefined && options.delimiter !== '') {
    delimiter = parseDelimiterOption(options.delimiter);
  } else if (sep !== null) {
    delimiter = sep;
  } else {
    delimiter = sniffDelimiter(utf8.subarray(0, 65536).toString('utf8'));
  }

  let columns: TicketExport['columns'] = { text: [], id: null, date: null };
  const layoutFor = (header: string[]): RowLayout => {
    const choice = chooseColumns(header, options, path);
    const taken = new Set([...choice.text, ...(choice.id === null ? [] : [choice.id])]);
    if (choice.date !== null) taken.add(choice.date);
    const economic = chooseEconomicColumns(header, options.economics ?? {}, taken, path);
    const name = (i: number | null): string | null => (i === null ? null : header[i]!);
    columns = {
      text: choice.text.map((i) => header[i]!),
      id: name(choice.id),
      date: name(choice.date),
      handleTime: name(economic.handleTime),
      customer: name(economic.customer),
      customerSince: name(economic.customerSince),
      csat: name(economic.csat),
      channel: name(economic.channel),
    };
    // The created-at cell stays in extra too, so a date that cannot be read can be reported with its value.
    const used = new Set([...choice.text, choice.id]);
    const extra: Array<[number, string]> = [];
    header.forEach((name, i) => {
      if (!used.has(i)) extra.push([i, name]);
    });
    return { ...choice, extra, headerLength: header.length };
  };

  const total = utf8.length;
  const rows = parseTicketRows(utf8, delimiter, path, lineOffset, layoutFor, (done) => onProgress?.({ done, total }));
  if (rows.header.length === 0) throw new UserError(`${path}: the file is empty`);
  if (rows.rowCount === 0) throw new UserError(`${path}: has a header but no data rows`);
  if (rows.tickets.length === 0) {
    const skippedFor = rows.skipped.some((s) => s.reason === 'empty text') ? 'has empty text' : 'was skipped';
    throw new UserError(
      `${path}: every one of the ${rows.rowCount} rows ${skippedFor} in ` +
        `${columns.text.map((c) => `"${c}"`).join(' + ')}; choose the text column with --text`,
    );
  }

  const warnings: string[] = [];
  if (rows.unclosedQuoteLines.length > 0) {
    const lines = rows.unclosedQuoteLines;
    warnings.push(
      `${path}: ${lines.length} quoted field(s) never closed, on line(s) ${lines.join(', ')}; ` +
        'read as if the opening quote were not there',
    );
  }
  if (rows.unfoldedLines.length > 0) {
    warnings.push(
      `${path}: a stray quote (") had folded ${rows.unfoldedLines.length} line(s) into a field of the row before ` +
        `them; read as rows of their own: ${lineList(rows.unfoldedLines)}`,
    );
  }
  if (rows.rowLikeLinesInFields.length > 0) {
    warnings.push(
      `${path}: ${rows.rowLikeLinesInFields.length} line(s) inside quoted fields look like rows of their own ` +
        `(${lineList(rows.rowLikeLinesInFields)}); kept as text of those fields — if they are rows, ` +
        'a quote (") above them is closed in the wrong place',
    );
  }
  if (decoded.windows1251Lines) {
    const { count, firstLine } = decoded.windows1251Lines;
    warnings.push(
      `${path}: ${count} line(s) are not UTF-8 like the rest and were read as Windows-1251, first on line ${firstLine}`,
    );
  }
  if (cleaned.removed.bytes > 0) {
    const { bytes, lines, firstLine } = cleaned.removed;
    warnings.push(
      `${path}: removed ${bytes} control character(s) (NUL and the like) from ${lines} line(s), first on line ${firstLine}`,
    );
  }
  if (rows.raggedRows > 0) {
    warnings.push(
      `${path}: ${rows.raggedRows} row(s) have a different number of fields than the header ` +
        `(${rows.header.length}), first on line ${rows.firstRaggedLine}; is the delimiter "${delimiterName(delimiter)}" right?`,
    );
  }
  return {
    file: path,
    encoding: decoded.encoding,
    delimiter,
    columns,
    header: rows.header,
    tickets: rows.tickets,
    skipped: rows.skipped,
    rowCount: rows.rowCount,
    warnings,
  };
}

/** "line 3", "lines 3, 5" or "lines 3, 5, …, 40 (12 in all)": every line a user can check, in one warning line. */
function lineList(lines: number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  if (lines.length <= 10) return `lines ${lines.join(', ')}`;
  return `lines ${lines.slice(0, 8).join(', ')}, …, ${lines[lines.length - 1]} (${lines.length} in all)`;
}

/** One line telling which columns were used, e.g. "text: Subject + Description · id: Ticket ID · date: Created at". */
export function describeColumns(exp: Pick<TicketExport, 'columns'>): string {
  const { text, id, date, handleTime, customer, customerSince, csat, channel } = exp.columns;
  const dated = date && isCreatedStandIn(date) ? `${date} (no created-at column; the first response stands in)` : date;
  const parts = [`text: ${text.join(' + ')}`, `id: ${id ?? 'row number'}`, `date: ${dated ?? 'none'}`];
  // The economic columns are named only when found, so an export without them keeps a short line.
  const economic: Array<[string, string | null | undefined]> = [
    ['handle time', handleTime],
    ['customer', customer],
    ['customer since', customerSince],
    ['CSAT', csat],
    ['channel', channel],
  ];
  for (const [role, column] of economic) if (column) parts.push(`${role}: ${column}`);
  return parts.join(' · ');
}
