// Parses the CSV records and turns each data row into a ticket or a skipped row, in one pass.
import { parse, CsvError } from 'csv-parse/sync';
import { UserError } from '../errors.js';
import type { SkippedRow, Ticket } from '../types.js';
import { parseTicketDate, slashedDateOrder } from './dates.js';
import { idOfLineAt, ownId, recordsOfRowLines, rowStartsInside, type RowShape } from './folded-rows.js';
import { unclosedQuote } from './unclosed-quote.js';

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
  /** Lines that a stray quote had folded into a field of the row above, read as rows of their own. */
  unfoldedLines: number[];
  /** Lines inside a quoted field (its quotes balanced) that look like rows of their own; kept in the field. */
  rowLikeLinesInFields: number[];
  /** Lines where a quoted field opens and never closes; read as if that quote were not there. */
  unclosedQuoteLines: number[];
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

  // Rows read out of another row's field (see folded-rows.ts): their lines, for the warning.
  const unfoldedLines: number[] = [];
  // Lines that look like rows inside a field whose quotes are balanced: kept in the field, reported.
  const rowLikeLinesInFields: number[] = [];
  // Lines with a quote that opens a field and never closes, read as if it were not there.
  const unclosedQuoteLines: number[] = [];
  let lastId = '';
  // Where the record being read starts in `utf8` (the end of the one before).
  let recordStart = 0;
  // Where csv-parse was last started in `utf8`, and the lines before that place (see ReadOnFrom).
  let readFrom = 0;
  let linesBefore = lineOffset;

  const addRow = (columns: RowLayout, record: string[], line: number): void => {
    rowCount++;
    if (record.length !== columns.headerLength) {
      raggedRows++;
      if (firstRaggedLine === 0) firstRaggedLine = line;
    }
    const idCell = columns.id === null ? undefined : record[columns.id]?.trim();
    const id = columns.id === null ? String(rowCount) : idCell ? idCell : `row ${rowCount}`;
    if (idCell) lastId = idCell;

    let rawText = '';
    for (const t of columns.text) {
      const part = record[t];
      if (part === undefined || part.trim() === '') continue;
      rawText = rawText === '' ? part : `${rawText}\n${part}`;
    }
    if (rawText === '') {
      skipped.push({ id, line, reason: 'empty text' });
      return;
    }
    if (columns.id !== null) {
      if (seenIds.has(id)) {
        skipped.push({ id, line, reason: 'duplicate id' });
        return;
      }
      seenIds.add(id);
    }
    const extra: Record<string, string> = {};
    for (let k = 0; k < columns.extra.length; k++)
      extra[columns.extra[k]![1]] = shared[k]!.of(record[columns.extra[k]![0]] ?? '');
    // Surplus fields are kept, never dropped: they usually mean an unquoted delimiter inside a field.
    for (let i = columns.headerLength; i < record.length; i++) extra[`column ${i + 1}`] = record[i]!;
    const dateCell = columns.date === null ? '' : (record[columns.date] ?? '');
    const createdAt = columns.date === null ? null : parseTicketDate(dateCell);
    const ticket: Ticket = { id, line, rawText, createdAt, extra };
    tickets.push(ticket);
    if (createdAt !== null && dateCell.includes('/')) {
      const order = slashedDateOrder(dateCell);
      if (order === 'day-first') dayFirstDates++;
      else if (order === 'month-first') monthFirstDates++;
      else if (order === 'either') eitherWay.push([ticket, dateCell]);
    }
  };

  /**
   * A record over several lines whose inner lines look like rows of their own. When csv-parse had to close its
   * field at a stray quote, the record is cut before the first such line and the file is read on from there
   * (ReadOnFrom), so the rows after it, and their own quoted fields, read as they would without that quote. When
   * the quotes are balanced those lines may be text (a numbered list): they stay in the field and are reported.
   */
  const addMultiLineRecord = (columns: RowLayout, record: string[], line: number, from: number, to: number): void => {
    // csv-parse keeps the opening quote of a field a stray quote closed: the field starts with it.
    const strayQuote = record.some((field) => field.startsWith('"') && field.includes('\n'));
    if (columns.id === null && !strayQuote && record.length === columns.headerLength) {
      return addRow(columns, record, line);
    }
    const text = utf8.toString('utf8', from, to);
    // The record's own lines, without the blank lines before it and its final line break.
    const blankLines = /^\n*/.exec(text)![0].length;
    const lines = text.slice(blankLines).replace(/\n$/, '').split('\n');
    const shape: RowShape = { delimiter, headerLength: columns.headerLength, id: columns.id };
    const own = columns.id === null ? '' : ownId(record, columns.id, lines[0]!, delimiter);
    // With no id on either side (the first data row, its id blank), the row after this record is asked.
    const next = columns.id !== null && own === '' && lastId === '' ? idOfLineAt(utf8, to, delimiter, columns.id) : '';
    const starts = rowStartsInside(lines, shape, { own, previous: lastId, next }, seenIds);
    if (starts.length === 0 || !strayQuote) {
      for (const start of starts) rowLikeLinesInFields.push(line + start);
      return addRow(columns, record, line);
    }
    const head = lines.slice(0, starts[0]).join('\n');
    for (const part of recordsOfRowLines(head, delimiter)) addRow(columns, part.record, line + part.lineInRecord);
    // The lines after the first are read again, but never found again inside a field: only this record's last
    // line can hold a quote (the one that closed the field), and a field it opens runs on past this record.
    for (const start of starts) unfoldedLines.push(line + start);
    throw new ReadOnFrom(from + blankLines + Buffer.byteLength(head) + 1, line + starts[0]!);
  };

  /** The header (the first record) or a row. */
  const takeRecord = (record: string[], line: number): void => {
    if (layout !== null) return addRow(layout, record, line);
    header = uniqueHeader(record);
    layout = layoutFor(header);
    shared = layout.extra.map(() => new SharedValues());
  };

  const onRecord = (record: string[], ctx: { lines: number; bytes: number }): null => {
    const endLine = ctx.lines + linesBefore;
    const bytes = ctx.bytes + readFrom;
    if (onProgress && (rowCount & 8191) === 8191) onProgress(bytes);
    const breaks = newlinesIn(record);
    const line = endLine - breaks;
    lastEndLine = endLine;
    const from = recordStart;
    recordStart = bytes;
    if (layout === null || breaks === 0) takeRecord(record, line);
    else addMultiLineRecord(layout, record, line, from, bytes);
    return null;
  };

  /**
   * A quote that never closes would swallow the rest of the file into one field: like a person reading it, take
   * that quote as a plain character. The record it is in is read without it, up to the end of the quote's line,
   * and the file is read on from the next line.
   */
  const readWithoutUnclosedQuote = (): void => {
    const rest = utf8.toString('utf8', recordStart);
    const quote = unclosedQuote(rest, delimiter);
    if (quote === null) {
      throw new UserError(
        `${file}: line ${lastEndLine + 1}: a quoted field starts here but its closing quote (") is missing`,
      );
    }
    const lineEnd = rest.indexOf('\n', quote.index);
    const lines = rest.slice(0, lineEnd < 0 ? rest.length : lineEnd);
    const quoteLine = lastEndLine + quote.line;
    unclosedQuoteLines.push(quoteLine);
    for (const part of recordsOfRowLines(lines, delimiter))
      takeRecord(part.record, lastEndLine + 1 + part.lineInRecord);
    if (lineEnd >= 0) throw new ReadOnFrom(recordStart + Buffer.byteLength(lines) + 1, quoteLine + 1);
  };

  for (;;) {
    try {
      try {
        // A subarray, not a copy: reading on after a folded record costs no memory.
        parse(utf8.subarray(readFrom), {
          delimiter,
          record_delimiter: '\n',
          relax_column_count: true,
          relax_quotes: true,
          skip_empty_lines: true,
          on_record: onRecord,
        });
      } catch (err) {
        if (!(err instanceof CsvError) || err.code !== 'CSV_QUOTE_NOT_CLOSED') throw err;
        readWithoutUnclosedQuote();
      }
      break;
    } catch (err) {
      if (err instanceof ReadOnFrom) {
        readFrom = recordStart = err.byte;
        lastEndLine = linesBefore = err.line - 1;
        continue;
      }
      if (err instanceof UserError) throw err;
      if (err instanceof CsvError) {
        const lines = (err as unknown as { lines?: unknown }).lines;
        const where = typeof lines === 'number' ? `line ${lines + linesBefore}: ` : '';
        throw new UserError(`${file}: ${where}cannot parse CSV (${err.message.split('\n')[0]})`);
      }
      throw err;
    }
  }
  if (dayFirstDates > 0 && monthFirstDates === 0) {
    for (const [ticket, cell] of eitherWay) ticket.createdAt = parseTicketDate(cell, true);
  }
  return {
    header: header ?? [],
    tickets,
    skipped,
    rowCount,
    raggedRows,
    firstRaggedLine,
    unfoldedLines,
    rowLikeLinesInFields,
    unclosedQuoteLines,
  };
}

/** Thrown out of csv-parse to read the file again from `byte`, the start of line `line` (a folded row). */
class ReadOnFrom {
  constructor(
    readonly byte: number,
    readonly line: number,
  ) {}
}
