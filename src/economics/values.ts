// Reads the raw per-ticket cells of the economic columns into typed arrays. Every cell ends up parsed, missing
// (empty) or invalid; invalid ones are counted with a few examples (line and value) for the report, never dropped
// silently.
import { parseTicketDate } from '../ingest/dates.js';
import type { ColumnQuality, ExportColumns } from '../types.js';

export type HandleTimeUnit = 'minutes' | 'seconds' | 'hours';

/** Per-ticket values, aligned with the tickets. NaN / -1 mark a ticket without a usable value. */
export interface TicketValues {
  /** Created-at, epoch milliseconds. */
  createdMs: Float64Array | null;
  /** Handle time in minutes. */
  handleMinutes: Float64Array | null;
  /** Customer number (interned id or e-mail, case-insensitive), -1 when blank. */
  customer: Int32Array | null;
  /** Customer-since date, epoch milliseconds. */
  customerSinceMs: Float64Array | null;
  csat: Float64Array | null;
  /** Channel number into channelNames, -1 when blank. */
  channel: Int32Array | null;
  channelNames: string[];
  handleTimeUnit: HandleTimeUnit | null;
  quality: {
    handleTime: ColumnQuality | null;
    date: ColumnQuality | null;
    customer: ColumnQuality | null;
    customerSince: ColumnQuality | null;
    csat: ColumnQuality | null;
    channel: ColumnQuality | null;
  };
}

interface TicketCells {
  line: number;
  createdAt: string | null;
  extra: Record<string, string>;
}

const INVALID_EXAMPLES = 3;
const NUMBER = /^\d+(?:[.,]\d+)?$/;
const CLOCK = /^(\d+):(\d{1,2})(?::(\d{1,2}(?:[.,]\d+)?))?$/;
// "1h 20m", "5 мин", "90 сек", "1 ч 5 мин"
const SPELLED =
  /^(?:(\d+(?:[.,]\d+)?)\s*(?:h|hr|hrs|hours?|ч|час|часа|часов)\.?)?\s*(?:(\d+(?:[.,]\d+)?)\s*(?:m|min|mins|minutes?|мин|минуты?|минут)\.?)?\s*(?:(\d+(?:[.,]\d+)?)\s*(?:s|sec|secs|seconds?|с|сек|секунды?|секунд)\.?)?$/i;

const decimal = (s: string): number => Number(s.replace(',', '.'));

/**
 * Minutes in one handle-time cell: a number in the column's unit (decimal comma allowed), "h:mm:ss", "m:ss",
 * or spelled units ("1h 20m", "5 мин"). null for an empty cell, NaN for one that is not a duration.
 */
export function parseHandleTime(cell: string, unit: HandleTimeUnit): number | null {
  const s = cell.trim();
  if (s === '' || s === '-' || s === '—') return null;
  if (NUMBER.test(s)) {
    const n = decimal(s);
    return unit === 'seconds' ? n / 60 : unit === 'hours' ? n * 60 : n;
  }
  const clock = CLOCK.exec(s);
  if (clock) {
    // Three parts are h:mm:ss; two parts are m:ss (how helpdesks print a few minutes of work).
    const [a, b, c] = [Number(clock[1]), Number(clock[2]), clock[3] === undefined ? undefined : decimal(clock[3])];
    if (b > 59 || (c !== undefined && c >= 60)) return Number.NaN;
    return c === undefined ? a + b / 60 : a * 60 + b + c / 60;
  }
  const spelled = SPELLED.exec(s);
  if (spelled && (spelled[1] ?? spelled[2] ?? spelled[3]) !== undefined) {
    const part = (v: string | undefined): number => (v === undefined ? 0 : decimal(v));
    return part(spelled[1]) * 60 + part(spelled[2]) + part(spelled[3]) / 60;
  }
  return Number.NaN;
}

/** A CSAT cell: "4", "4.0", "4,5", "4/5" (the rating before the slash). null when empty, NaN when not a rating. */
export function parseRating(cell: string): number | null {
  const s = cell.trim();
  if (s === '' || s === '-' || s === '—') return null;
  const m = /^(\d+(?:[.,]\d+)?)(?:\s*\/\s*\d+)?$/.exec(s);
  return m ? decimal(m[1]!) : Number.NaN;
}

/** Guesses the unit of a handle-time column whose header states none: typical handle times are 2–60 minutes. */
export function guessHandleTimeUnit(cells: readonly string[]): HandleTimeUnit {
  const numbers = cells.map((c) => c.trim()).filter((c) => NUMBER.test(c));
  if (numbers.length === 0) return 'minutes';
  const sorted = numbers.map(decimal).sort((a, b) => a - b);
  // A median handle time above 3 hours "in minutes" is far more likely seconds.
  return sorted[Math.floor(sorted.length / 2)]! > 180 ? 'seconds' : 'minutes';
}

function tracker(column: string): ColumnQuality & { note(line: number, value: string): void } {
  const quality = {
    column,
    parsed: 0,
    missing: 0,
    invalid: 0,
    invalidExamples: [] as ColumnQuality['invalidExamples'],
  };
  return {
    ...quality,
    note(line: number, value: string) {
      this.invalid++;
      if (this.invalidExamples.length < INVALID_EXAMPLES) this.invalidExamples.push({ line, value });
    },
  };
}

function finish(t: ReturnType<typeof tracker>): ColumnQuality {
  return {
    column: t.column,
    parsed: t.parsed,
    missing: t.missing,
    invalid: t.invalid,
    invalidExamples: t.invalidExamples,
  };
}

function readNumbers(
  tickets: readonly TicketCells[],
  column: string,
  parse: (cell: string) => number | null,
  allowNegative = false,
): { values: Float64Array; quality: ColumnQuality } {
  const values = new Float64Array(tickets.length).fill(Number.NaN);
  const q = tracker(column);
  tickets.forEach((t, i) => {
    const cell = t.extra[column] ?? '';
    const v = parse(cell);
    if (v === null) q.missing++;
    else if (Number.isFinite(v) && (allowNegative || v >= 0)) {
      values[i] = v;
      q.parsed++;
    } else q.note(t.line, cell.trim());
  });
  return { values, quality: finish(q) };
}

function readNames(
  tickets: readonly TicketCells[],
  column: string,
  key: (cell: string) => string,
): { codes: Int32Array; names: string[]; quality: ColumnQuality } {
  const codes = new Int32Array(tickets.length).fill(-1);
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const q = tracker(column);
  tickets.forEach((t, i) => {
    const cell = (t.extra[column] ?? '').trim();
    if (cell === '') {
      q.missing++;
      return;
    }
    const k = key(cell);
    let code = numbers.get(k);
    if (code === undefined) {
      code = names.length;
      numbers.set(k, code);
      names.push(cell);
    }
    codes[i] = code;
    q.parsed++;
  });
  return { codes, names, quality: finish(q) };
}

/** Economics of an export without any economic column: flat cost per ticket, nothing else. */
export function noTicketValues(): TicketValues {
  return {
    createdMs: null,
    handleMinutes: null,
    customer: null,
    customerSinceMs: null,
    csat: null,
    channel: null,
    channelNames: [],
    handleTimeUnit: null,
    quality: { handleTime: null, date: null, customer: null, customerSince: null, csat: null, channel: null },
  };
}

/** Reads every economic column the export has. `unitFromHeader` is the unit the handle-time header states. */
export function readTicketValues(
  tickets: readonly TicketCells[],
  columns: ExportColumns,
  unitFromHeader: HandleTimeUnit | null,
): TicketValues {
  const result = noTicketValues();
  if (columns.date) {
    const date = columns.date;
    const createdMs = new Float64Array(tickets.length).fill(Number.NaN);
    const q = tracker(date);
    tickets.forEach((t, i) => {
      if (t.createdAt !== null) {
        createdMs[i] = Date.parse(t.createdAt);
        q.parsed++;
      } else if ((t.extra[date] ?? '').trim() === '') q.missing++;
      else q.note(t.line, t.extra[date]!.trim());
    });
    result.createdMs = createdMs;
    result.quality.date = finish(q);
  }
  if (columns.handleTime) {
    const column = columns.handleTime;
    const unit = unitFromHeader ?? guessHandleTimeUnit(tickets.map((t) => t.extra[column] ?? ''));
    const read = readNumbers(tickets, column, (cell) => parseHandleTime(cell, unit));
    result.handleMinutes = read.values;
    result.handleTimeUnit = unit;
    result.quality.handleTime = read.quality;
  }
  if (columns.customer) {
    const read = readNames(tickets, columns.customer, (cell) => cell.toLowerCase());
    result.customer = read.codes;
    result.quality.customer = read.quality;
  }
  if (columns.customerSince) {
    const read = readNumbers(
      tickets,
      columns.customerSince,
      (cell) => {
        if (cell.trim() === '') return null;
        const iso = parseTicketDate(cell);
        return iso === null ? Number.NaN : Date.parse(iso);
      },
      true,
    );
    result.customerSinceMs = read.values;
    result.quality.customerSince = read.quality;
  }
  if (columns.csat) {
    const read = readNumbers(tickets, columns.csat, parseRating);
    result.csat = read.values;
    result.quality.csat = read.quality;
  }
  if (columns.channel) {
    const read = readNames(tickets, columns.channel, (cell) => cell.toLowerCase());
    result.channel = read.codes;
    result.channelNames = read.names;
    result.quality.channel = read.quality;
  }
  return result;
}
