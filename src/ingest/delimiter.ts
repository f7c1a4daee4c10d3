// Finds the field delimiter from the first records: the candidate that splits them into the same number of fields wins.
import { UserError } from '../errors.js';

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

const NAMED: Record<string, string> = {
  ',': ',',
  comma: ',',
  ';': ';',
  semicolon: ';',
  '\t': '\t',
  '\\t': '\t',
  tab: '\t',
  tsv: '\t',
  '|': '|',
  pipe: '|',
};

/** The delimiter a user option names (",", ";", "\t", "tab", "|" ...), or a UserError. */
export function parseDelimiterOption(value: string): string {
  const d = NAMED[value] ?? NAMED[value.toLowerCase()];
  if (d !== undefined) return d;
  if (value.length === 1 && value !== '"' && value !== '\n' && value !== '\r') return value;
  throw new UserError(`Unknown delimiter "${value}" (use one of , ; tab |)`);
}

/** Printable name of a delimiter for messages. */
export function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : d;
}

/**
 * Per logical record (newlines inside quotes do not end a record), how many times each
 * candidate occurs outside quotes. Reads at most `maxRecords` complete records.
 */
export function countDelimitersPerRecord(sample: string, maxRecords = 30): number[][] {
  const rows: number[][] = [];
  let counts = DELIMITER_CANDIDATES.map(() => 0);
  let inQuotes = false;
  let sawContent = false;
  for (let i = 0; i < sample.length && rows.length < maxRecords; i++) {
    const c = sample[i]!;
    if (c === '"') {
      inQuotes = !inQuotes; // a doubled quote toggles twice: no net change
      sawContent = true;
    } else if (!inQuotes && (c === '\n' || c === '\r')) {
      if (sawContent) rows.push(counts);
      counts = DELIMITER_CANDIDATES.map(() => 0);
      sawContent = false;
    } else if (!inQuotes) {
      const k = DELIMITER_CANDIDATES.indexOf(c as (typeof DELIMITER_CANDIDATES)[number]);
      if (k >= 0) counts[k]!++;
      if (c !== ' ') sawContent = true;
    }
  }
  // The last record only counts when the sample holds the whole file (no cut-off in the middle).
  if (sawContent && !inQuotes && rows.length < maxRecords && sample.length < 65536) rows.push(counts);
  return rows;
}

/**
 * Picks the delimiter from the start of the text. A candidate scores by how many records have the
 * same non-zero count as the header (consistency), then by that count; ties keep the order , ; tab |.
 * A file with one column has no delimiter at all: ',' is returned.
 */
export function sniffDelimiter(text: string): string {
  const rows = countDelimitersPerRecord(text.slice(0, 65536));
  if (rows.length === 0) return ',';
  let best = ',';
  let bestConsistency = 0;
  let bestCount = 0;
  DELIMITER_CANDIDATES.forEach((d, k) => {
    const headerCount = rows[0]![k]!;
    if (headerCount === 0) return;
    let same = 0;
    for (const r of rows) if (r[k] === headerCount) same++;
    // Data rows may carry more delimiters than the header only when the text is unquoted; be lenient.
    const consistency = rows.length === 1 ? 1 : same / rows.length;
    const better =
      consistency > bestConsistency + 1e-9 ||
      (Math.abs(consistency - bestConsistency) <= 1e-9 && headerCount > bestCount);
    if (better) {
      best = d;
      bestConsistency = consistency;
      bestCount = headerCount;
    }
  });
  return best;
}
