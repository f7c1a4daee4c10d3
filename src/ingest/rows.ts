// Parses the CSV records and turns each data row into a ticket or a skipped row, in one pass.
import { parse, CsvError } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import type { SkippedRow, Ticket } from '../types.js';
import { parseTicketDate, slashedDateOrder } from './dates.js';

export interface RowLayout {
  text: number[];
  id: number | null;
  date: number | null;
  /** [header index, name] of every column that goes into `extra`. */
  extra: Array<[number, string]>;
  headerLength: number;
}

export interface ParsedRows {
  header: string[];
  tickets: Ticket[];
  skipped: SkippedRow[];
  rowCount: number;
  /** Data rows whose field count differs from the header's. */
  raggedRows: number;
  firstRaggedLine: number;
}

function newlinesIn(record: string[]): number {
  let n = 0;
  for (const field of record) {
    let at = field.indexOf('\n');
    while (at >= 0) {
      n++;
      at = field.indexOf('\n', at + 1);
    }
  }
  return n;
}

// A column's short values repeat (channel, CSAT, handle time, a customer's id): one string each, not one a row.
const SHARED_LENGTH = 32;
const SHARED_VALUES = 1 << 16;

/** One column's repeated values: the first string read for a value stands for all later ones. */
export class SharedValues {
  private readonly seen = new Map<string, string>();

  of(value: string): string {
    if (value.length > SHARED_LENGTH) return value;
    const known = this.seen.get(value);
    if (known !== undefined) return known;
    // A column of unique values (a timestamp) stops growing the table once it is full.
    if (this.seen.size < SHARED_VALUES) this.seen.set(value, value);
    return value;
  }
}

/** Unique, non-empty header names: blanks become "column N", repeats get " (2)", " (3)". */
export function uniqueHeader(record: string[]): string[] {
  const seen = new Map<string, number>();
  return record.map((raw, i) => {
    const name = raw.trim() === '' ? `column ${i + 1}` : raw.trim();
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}

/**
 * Parses `utf8` (LF line breaks only). `layoutFor` is called once with the header and returns how
 * rows map to tickets; `lineOffset` is added to every line number (lines removed before parsing).
 */
export function parseTicketRows(
  utf8: Buffer,
  delimiter: string,
  file: string,
  lineOffset: number,
  layoutFor: (header: string[]) => RowLayout,
  /** Hears the bytes parsed so far, every few thousand rows. */
  onProgress?: (bytes: number) => void,
): ParsedRows {
  let header: string[] | null = null;
  let layout: RowLayout | null = null;
  const tickets: Ticket[] = [];
  const skipped: SkippedRow[] = [];
  const seenIds = new Set<string>();
  let rowCount = 0;
  let raggedRows = 0;
  let firstRaggedLine = 0;
  let lastEndLine = lineOffset;
  let shared: SharedValues[] = [];
  // Slashed dates like 03/04/2025 read either way: month first unless the export's other dates show days first.
  let dayFirstDates = 0;
  let monthFirstDates = 0;
  const eitherWay: Array<[Ticket, string]> = [];

  const onRecord = (record: string[], ctx: { lines: number; bytes: number }): null => {
    const endLine = ctx.lines + lineOffset;
    if (onProgress && (rowCount & 8191) === 8191) onProgress(ctx.bytes);
    const line = endLine - newlinesIn(record);
    lastEndLine = endLine;
    if (layout === null) {
      header = uniqueHeader(record);
      layout = layoutFor(header);
      shared = layout.extra.map(() => new SharedValues());
      return null;
    }
    rowCount++;
    if (record.length !== layout.headerLength) {
      raggedRows++;
      if (firstRaggedLine === 0) firstRaggedLine = line;
    }
    const idCell = layout.id === null ? undefined : record[layout.id]?.trim();
    const id = layout.id === null ? String(rowCount) : idCell ? idCell : `row ${rowCount}`;

    let rawText = '';
    for (const t of layout.text) {
      const part = record[t];
      if (part === undefined || part.trim() === '') continue;
      rawText = rawText === '' ? part : `${rawText}\n${part}`;
    }
    if (rawText === '') {
      skipped.push({ id, line, reason: 'empty text' });
      return null;
    }
    if (layout.id !== null) {
      if (seenIds.has(id)) {
        skipped.push({ id, line, reason: 'duplicate id' });
        return null;
      }
      seenIds.add(id);
    }
    const extra: Record<string, string> = {};
    for (let k = 0; k < layout.extra.length; k++)
      extra[layout.extra[k]![1]] = shared[k]!.of(record[layout.extra[k]![0]] ?? '');
    // Surplus fields are kept, never dropped: they usually mean an unquoted delimiter inside a field.
    for (let i = layout.headerLength; i < record.length; i++) extra[`column ${i + 1}`] = record[i]!;
    const dateCell = layout.date === null ? '' : (record[layout.date] ?? '');
    const createdAt = layout.date === null ? null : parseTicketDate(dateCell);
    const ticket: Ticket = { id, line, rawText, createdAt, extra };
    tickets.push(ticket);
    if (createdAt !== null && dateCell.includes('/')) {
      const order = slashedDateOrder(dateCell);
      if (order === 'day-first') dayFirstDates++;
      else if (order === 'month-first') monthFirstDates++;
      else if (order === 'either') eitherWay.push([ticket, dateCell]);
    }
    return null;
  };

  try {
    parse(utf8, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: onRecord,
    });
  } catch (err) {
    if (err instanceof UserError) throw err;
    if (err instanceof CsvError && err.code === 'CSV_QUOTE_NOT_CLOSED') {
      const text = utf8.toString('utf8');
      const start = unclosedQuote(text, delimiter, lastEndLine - lineOffset);
      const at = start === null ? lastEndLine + 1 : start.line + lineOffset;
      throw new UnclosedQuoteError(
        `${file}: line ${at}: a quoted field starts here but its closing quote (") is missing`,
        at,
        start === null ? null : Buffer.byteLength(text.slice(0, start.index)),
      );
    }
    if (err instanceof CsvError) {
      const lines = (err as unknown as { lines?: unknown }).lines;
      const where = typeof lines === 'number' ? `line ${lines + lineOffset}: ` : '';
      throw new UserError(`${file}: ${where}cannot parse CSV (${err.message.split('\n')[0]})`);
    }
    throw err;
  }
  if (dayFirstDates > 0 && monthFirstDates === 0) {
    for (const [ticket, cell] of eitherWay) ticket.createdAt = parseTicketDate(cell, true);
  }
  return { header: header ?? [], tickets, skipped, rowCount, raggedRows, firstRaggedLine };
}

/** A quoted field that never closes: where it opens, so the reader can retry without that quote. */
export class UnclosedQuoteError extends UserError {
  constructor(
    message: string,
    readonly line: number,
    /** Byte offset of the opening quote in the parsed buffer, when found. */
    readonly byte: number | null,
  ) {
    super(message);
  }
}

/** The line where an unclosed quoted field opens (see unclosedQuote). */
export function unclosedQuoteLine(text: string, delimiter: string, afterLine: number): number | null {
  return unclosedQuote(text, delimiter, afterLine)?.line ?? null;
}

/**
 * Where an unclosed quoted field opens (line and string index), scanning from the line after
 * `afterLine` (the end of the last good record). Only a quote at the start of a field opens one, as in the parser.
 */
function unclosedQuote(text: string, delimiter: string, afterLine: number): { line: number; index: number } | null {
  let line = 1;
  let i = 0;
  while (line <= afterLine && i < text.length) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return null;
    i = nl + 1;
    line++;
  }
  let atFieldStart = true;
  let inQuotes = false;
  let openLine: number | null = null;
  let openIndex = 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      openLine = line;
      openIndex = i;
      atFieldStart = false;
    } else if (c === delimiter) atFieldStart = true;
    else if (c === '\n') {
      line++;
      atFieldStart = true;
    } else atFieldStart = false;
  }
  return inQuotes && openLine !== null ? { line: openLine, index: openIndex } : null;
}
