// Rows that a stray quote folded into a field of the row above. csv-parse (with relax_quotes) reads a field that
// opens with a quote up to the next quote, across line breaks: in `1,"broken` + `2,text` + `3,the 15" screen` rows 2
// and 3 become part of row 1's text. Real exports have such quotes in free text; a person reading the file sees three
// rows, so a multi-line record whose inner lines look like rows of its own neighbours is read again, line by line.
import { parse, CsvError } from 'csv-parse/sync';
import { unclosedQuoteIndex } from './unclosed-quote.js';

/** What a row of this export looks like: its field count and where its id is. */
export interface RowShape {
  delimiter: string;
  headerLength: number;
  /** Index of the id column, or null when tickets are numbered by row. */
  id: number | null;
}

/** A record read again out of a folded one: its fields and its line, counted from the folded record's first line. */
export interface UnfoldedRecord {
  record: string[];
  lineInRecord: number;
}

/**
 * The id's look, so ids of one export compare equal: runs of letters become "a", runs of letters and digits "x",
 * everything else stays ("INC-00123" → "a-0", "1000005" → "0"). Digit runs are one "0" whatever their length, so
 * ticket 99 and ticket 100 look alike; `sameIdLook` then asks their lengths to be close.
 */
export function idLook(id: string): string {
  let look = '';
  let run = '';
  const flush = (): void => {
    if (run !== '') look += /^\d+$/.test(run) ? '0' : /^\p{L}+$/u.test(run) ? 'a' : 'x';
    run = '';
  };
  for (const c of id) {
    if (/[\p{L}\p{N}]/u.test(c)) run += c;
    else {
      flush();
      look += c;
    }
  }
  flush();
  return look;
}

/** Two ids from the same export: the same look and digit counts within one (a run of ids crossing 99 → 100). */
export function sameIdLook(a: string, b: string): boolean {
  if (idLook(a) !== idLook(b)) return false;
  return Math.abs(a.replace(/\D/g, '').length - b.replace(/\D/g, '').length) <= 1;
}

function fieldCount(line: string, delimiter: string): number {
  let count = 1;
  for (let at = line.indexOf(delimiter); at >= 0; at = line.indexOf(delimiter, at + delimiter.length)) count++;
  return count;
}

/** The n-th field of a line split at every delimiter (quotes not taken into account: this only screens). */
function nthField(line: string, delimiter: string, n: number): string {
  const field = line.split(delimiter, n + 1)[n] ?? '';
  const trimmed = field.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
}

/**
 * The id of a multi-line record's own row. After a field that ran over lines, csv-parse reads the id column from the
 * record's last line (a row the stray quote folded in): the record's first line, split at the delimiter, has it then.
 */
export function ownId(record: string[], idColumn: number, firstLine: string, delimiter: string): string {
  for (let i = 0; i < idColumn; i++) if (record[i]?.includes('\n')) return nthField(firstLine, delimiter, idColumn);
  return record[idColumn]?.trim() ?? '';
}

/** The ids a line must look like to start a row: the folded record's own and the row's before it. */
export interface NeighbourIds {
  own: string;
  previous: string;
  /** The id of the row after the record; looked at only when the other two are blank. */
  next?: string;
}

/**
 * Indexes (from 1) of the lines of a multi-line record that look like the start of a row of their own. With an id
 * column: as many fields as the header at least, and an id that looks like the neighbours' ids and is neither the
 * record's own nor one seen before; with no neighbour id (the first data row, its id blank), ids that continue one
 * another. Without an id column: exactly the header's field count (two or more).
 */
export function rowStartsInside(
  lines: string[],
  shape: RowShape,
  ids: NeighbourIds,
  seenIds: ReadonlySet<string>,
): number[] {
  const starts: number[] = [];
  if (shape.id === null && shape.headerLength < 2) return starts;
  const noNeighbour = shape.id !== null && ids.own === '' && ids.previous === '';
  const unknown: Array<[line: number, id: string]> = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const fields = fieldCount(line, shape.delimiter);
    if (shape.id === null) {
      if (fields === shape.headerLength) starts.push(i);
      continue;
    }
    if (fields < shape.headerLength) continue;
    const id = nthField(line, shape.delimiter, shape.id);
    // An empty id looks like no known id: the known ids are not empty.
    if (id === ids.own || seenIds.has(id)) continue;
    if (noNeighbour) {
      if (id !== '') unknown.push([i, id]);
    } else if ((ids.own !== '' && sameIdLook(ids.own, id)) || (ids.previous !== '' && sameIdLook(ids.previous, id)))
      starts.push(i);
  }
  if (!noNeighbour) return starts;
  // The row after the record ends the run: a stray quote is often closed by the next row's own quoted field.
  if (ids.next) unknown.push([-1, ids.next]);
  return continuingIds(unknown).filter((line) => line > 0);
}

/** The lines whose id has the look of the one before or after it and differs from it: a run of rows, not text. */
function continuingIds(lines: Array<[line: number, id: string]>): number[] {
  const continues = (a: string, b: string | undefined): boolean => b !== undefined && a !== b && sameIdLook(a, b);
  return lines
    .filter(([, id], k) => continues(id, lines[k - 1]?.[1]) || continues(id, lines[k + 1]?.[1]))
    .map(([line]) => line);
}

/** The id field of the first non-blank line from `from` on (the row after a record), or "" at the end. */
export function idOfLineAt(text: Buffer, from: number, delimiter: string, idColumn: number): string {
  for (let start = from; start < text.length;) {
    const end = text.indexOf(10, start);
    const line = text.toString('utf8', start, end < 0 ? text.length : end);
    if (line.trim() !== '') return nthField(line, delimiter, idColumn);
    if (end < 0) break;
    start = end + 1;
  }
  return '';
}

const PARSE_OPTIONS = { record_delimiter: '\n', relax_column_count: true, relax_quotes: true, skip_empty_lines: true };

function recordsOf(text: string, delimiter: string): UnfoldedRecord[] {
  const records: UnfoldedRecord[] = [];
  parse(text, {
    ...PARSE_OPTIONS,
    delimiter,
    on_record: (record: string[], ctx: { lines: number }) => {
      let breaks = 0;
      for (const field of record) breaks += field.split('\n').length - 1;
      records.push({ record, lineInRecord: ctx.lines - 1 - breaks });
      return null;
    },
  });
  return records;
}

const quoteNotClosed = (err: unknown): boolean => err instanceof CsvError && err.code === 'CSV_QUOTE_NOT_CLOSED';

/**
 * The row a folded record starts with (its first line and the lines of text after it, up to the first line that
 * looks like a row) as records. Its stray quote never closes within these lines: read it as the file reader does,
 * as if the quote were not there; if that splits the lines (the later ones were text of that field), the field
 * runs to the end of the lines instead.
 */
export function recordsOfRowLines(part: string, delimiter: string): UnfoldedRecord[] {
  // The scanner first: a CsvError thrown for each folded row costs more than reading the row (its stack trace).
  let text = part;
  for (let at = unclosedQuoteIndex(text, delimiter); at !== null; at = unclosedQuoteIndex(text, delimiter)) {
    text = text.slice(0, at) + text.slice(at + 1);
  }
  // One line without quotes is its fields as typed: no parser needed (an export of such rows restarts it per row).
  if (!text.includes('"') && !text.includes('\n')) return [{ record: text.split(delimiter), lineInRecord: 0 }];
  const records = recordsOf(text, delimiter);
  if (records.length === 1) return records;
  // Without the quote the lines come apart: they were that field's text, so it runs to their end.
  try {
    const closedAtEnd = recordsOf(`${part}"`, delimiter);
    if (closedAtEnd.length === 1) return closedAtEnd;
  } catch (err) {
    if (!quoteNotClosed(err)) throw err;
  }
  return records;
}
