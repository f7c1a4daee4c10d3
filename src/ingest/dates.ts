// Parses the created-at values support tools write. Times without a zone are taken as UTC so runs do not
// depend on the laptop's time zone.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/;
const YMD_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

// The characters of "yyyy-mm-ddThh:mm:ss.sssZ", filled in place for each date.
const ISO_CHARS = Uint16Array.from('0000-00-00T00:00:00.000Z', (c) => c.charCodeAt(0));

function putDigits(at: number, n: number, width: number): void {
  for (let i = at + width - 1; i >= at; i--) {
    ISO_CHARS[i] = 48 + (n % 10);
    n = Math.floor(n / 10);
  }
}

// Built from character codes, not through Date (this runs once per row on million-row exports) nor as a
// template string: V8 keeps a template's result as a tree of its 13 pieces (about 330 bytes a ticket
// against 40 for a flat string, 0.3 GB at a million tickets).
function toIso(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  putDigits(0, year, 4);
  putDigits(5, month, 2);
  putDigits(8, day, 2);
  putDigits(11, hour, 2);
  putDigits(14, minute, 2);
  putDigits(17, second, 2);
  putDigits(20, ms, 3);
  const c = ISO_CHARS;
  // Spelled out: a call with 24 arguments is twice as fast as spreading the array.
  // prettier-ignore
  return String.fromCharCode(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], c[8], c[9], c[10], c[11], c[12], c[13],
    c[14], c[15], c[16], c[17], c[18], c[19], c[20], c[21], c[22], c[23]);
}

function num(s: string | undefined): number {
  return s === undefined ? 0 : Number(s);
}

function zoneOffsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
}

function parseIso(m: RegExpExecArray): string | null {
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  const local = toIso(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]), ms);
  if (local === null || m[8] === undefined) return local;
  return new Date(Date.parse(local) - zoneOffsetMinutes(m[8]) * 60_000).toISOString();
}

function digitsAt(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The usual machine-written forms "yyyy-mm-dd", "yyyy-mm-ddThh:mm:ss" and the same with "Z", read
 * without a regex because this runs once per row. undefined = not this shape, let the regexes try.
 */
export function parseIsoFast(s: string): string | null | undefined {
  if (s.length !== 10 && s.length !== 19 && s.length !== 20) return undefined;
  if (s[4] !== '-' || s[7] !== '-') return undefined;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 2);
  const day = digitsAt(s, 8, 2);
  if (year < 0 || month < 0 || day < 0) return undefined;
  if (s.length === 10) return toIso(year, month, day);
  const sep = s[10];
  if ((sep !== 'T' && sep !== ' ') || s[13] !== ':' || s[16] !== ':') return undefined;
  if (s.length === 20 && s[19] !== 'Z' && s[19] !== 'z') return undefined;
  const hour = digitsAt(s, 11, 2);
  const minute = digitsAt(s, 14, 2);
  const second = digitsAt(s, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  return toIso(year, month, day, hour, minute, second);
}

/**
 * Which way a slashed date "a/b/yyyy" reads: 'day-first' when a is over 12, 'month-first' when b is,
 * 'either' when both could be the month; null when the value is no such date.
 */
export function slashedDateOrder(value: string): 'day-first' | 'month-first' | 'either' | null {
  const m = SLASHED.exec(value.trim());
  if (!m) return null;
  if (num(m[1]) > 12) return 'day-first';
  return num(m[2]) > 12 ? 'month-first' : 'either';
}

/**
 * A created-at value as an ISO 8601 UTC string, or null when empty or not a date. Accepts ISO 8601,
 * dd.mm.yyyy [hh:mm[:ss]], mm/dd/yyyy [hh:mm[:ss] [AM|PM]] (dd/mm when the first part is over 12, or
 * when `dayFirst`: the export's other dates show it writes days first) and yyyy/mm/dd.
 */
export function parseTicketDate(value: string, dayFirst = false): string | null {
  const s = value.trim();
  // The shortest date is "5.3.24" (6 characters); the longest, ISO with nanoseconds and a zone, is 35.
  if (s.length < 6 || s.length > 40) return null;
  const fast = parseIsoFast(s);
  if (fast !== undefined) return fast;
  let m = ISO.exec(s);
  if (m) return parseIso(m);
  m = DOTTED.exec(s);
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + num(m[3]) : num(m[3]);
    return toIso(year, num(m[2]), num(m[1]), num(m[4]), num(m[5]), num(m[6]));
  }
  m = SLASHED.exec(s);
  if (m) {
    let first = num(m[1]);
    let second = num(m[2]);
    if ((first > 12 || dayFirst) && second <= 12) [first, second] = [second, first];
    let hour = num(m[4]);
    const ampm = m[7]?.toLowerCase();
    if (ampm !== undefined) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (ampm === 'pm' ? 12 : 0);
    }
    return toIso(num(m[3]), first, second, hour, num(m[5]), num(m[6]));
  }
  m = YMD_SLASHED.exec(s);
  if (m) return toIso(num(m[1]), num(m[2]), num(m[3]), num(m[4]), num(m[5]), num(m[6]));
  return null;
}
