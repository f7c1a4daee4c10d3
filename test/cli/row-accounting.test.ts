// Every input row is accounted for, counted from the input file itself — not from the run's own
// totals, which the code computes as clustered + noise + skipped and so cannot reveal a dropped row.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'tickets-rows-'));

/** Ids of the input's data rows, in file order, as the user sees them in a spreadsheet (blank → "row N"). */
function inputIds(text: string, delimiter: string, idColumn: string): string[] {
  const records = parse(text, { delimiter, bom: true, relax_column_count: true }) as string[][];
  const at = records[0]!.indexOf(idColumn);
  expect(at).toBeGreaterThanOrEqual(0);
  return records.slice(1).map((r, i) => r[at]?.trim() || `row ${i + 1}`);
}

function tally(values: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

interface Outputs {
  assignments: string[][];
  run: {
    tickets: Array<{ id: string; cluster: string | null }>;
    skipped: Array<{ id: string; reason: string }>;
    clusters: Array<{ id: string; size: number }>;
    noise: { size: number };
  };
  markdown: string;
}

function clusterFile(file: string, name: string): Outputs {
  const paths = { json: join(out, `${name}.json`), md: join(out, `${name}.md`), csv: join(out, `${name}.csv`) };
  const res = runCli(
    // English words whatever the export's language: the checks below read the English table.
    ['cluster', file, '--embedder', 'lexical', '-q', '--lang', 'en', '--json', paths.json, '--md', paths.md].concat([
      '--assignments',
      paths.csv,
    ]),
  );
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return {
    assignments: parse(readFileSync(paths.csv, 'utf8')) as string[][],
    run: JSON.parse(readFileSync(paths.json, 'utf8')),
    markdown: readFileSync(paths.md, 'utf8'),
  };
}

/** The "Tickets" column of the markdown's ranked cluster table, per cluster id. */
function markdownSizes(markdown: string): Map<string, number> {
  const lines = markdown.split('\n');
  const head = lines.findIndex((l) => l.startsWith('| # | Cluster | Tickets |'));
  expect(head).toBeGreaterThan(0);
  const sizes = new Map<string, number>();
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((c) => c.trim());
    const id = /\]\(#(c\d+)\)/.exec(cells[2] ?? '')?.[1]?.toUpperCase();
    if (id) sizes.set(id, Number(cells[3]!.replace(/[^\d]/g, '')));
  }
  return sizes;
}

/** Checks all three outputs against the ids read straight from the input file. */
function expectEveryRowOnce(expectedIds: string[], { assignments, run, markdown }: Outputs): void {
  const [header, ...rows] = assignments;
  expect(header).toEqual(['id', 'cluster', 'confidence', 'line']);
  // The assignments file: one line per input row, each id as often as in the input.
  expect(rows).toHaveLength(expectedIds.length);
  expect(tally(rows.map((r) => r[0]!))).toEqual(tally(expectedIds));
  for (const [, cluster] of rows) expect(cluster).toMatch(/^(C\d+|noise|skipped)$/);

  // The run file: the same split, ticket by ticket.
  const fromRun = [
    ...run.tickets.map((t) => `${t.id}\t${t.cluster ?? 'noise'}`),
    ...run.skipped.map((s) => `${s.id}\tskipped`),
  ];
  expect(tally(fromRun)).toEqual(tally(rows.map((r) => `${r[0]}\t${r[1]}`)));
  const perCluster = tally(rows.map((r) => r[1]!));
  for (const c of run.clusters) expect(c.size).toBe(perCluster.get(c.id));
  expect(run.clusters.map((c) => c.id).sort()).toEqual([...perCluster.keys()].filter((k) => /^C/.test(k)).sort());
  expect(run.noise.size).toBe(perCluster.get('noise') ?? 0);

  // The markdown report: its cluster table adds up to the same clustered tickets.
  expect(markdownSizes(markdown)).toEqual(new Map([...perCluster].filter(([k]) => /^C/.test(k))));
  expect(markdown).toContain(`of ${expectedIds.length} rows`);
}

describe('row accounting against the input file', () => {
  it('puts every row of the sample export, plus awkward rows, in the outputs exactly once', () => {
    // The sample export with rows that are easy to lose: a repeated id, blank text, a blank id,
    // a quoted multi-line text, a short (ragged) row and a row with an extra field.
    const source = readFileSync(fixture('support-export.csv'), 'utf8').trimEnd();
    const extra = [
      '48000,2024-03-31T08:00:00Z,chat,Promo code not working,Same id as the first row',
      '51001,2024-03-31T08:01:00Z,chat,,',
      ',2024-03-31T08:02:00Z,email,Refund,"I returned the parcel\nand still no refund, order 123"',
      '51003,2024-03-31T08:03:00Z,phone,Login broken',
      '51004,2024-03-31T08:04:00Z,app,Crash,The app crashes on start,4,unexpected',
    ];
    const file = join(out, 'awkward.csv');
    writeFileSync(file, `${source}\n${extra.join('\n')}\n`);
    const expected = inputIds(readFileSync(file, 'utf8'), ',', 'Ticket ID');
    expect(expected).toHaveLength(405);
    expectEveryRowOnce(expected, clusterFile(file, 'awkward'));
  });

  it('puts every row of the Windows-1251 Excel export in the outputs exactly once', () => {
    const text = iconv.decode(readFileSync(fixture('excel-export-cp1251.csv')), 'windows-1251');
    const expected = inputIds(text, ';', 'Номер');
    expect(expected.length).toBeGreaterThan(100);
    expectEveryRowOnce(expected, clusterFile(fixture('excel-export-cp1251.csv'), 'excel'));
  });
});

/**
 * The export with a stray quote (") opening the field after the first `before` delimiters of every 25th one-line
 * row, as free text from a spreadsheet has them; and the line where each data row starts, read from the clean text.
 */
function withStrayQuotes(
  text: string,
  delimiter: string,
  before: number,
): { text: string; rows: Array<[string, number]> } {
  const records = parse(text, { delimiter, bom: true, relax_column_count: true, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const lines = text.split('\n');
  const rows: Array<[string, number]> = [];
  const broken: number[] = [];
  records.slice(1).forEach(({ record, info }, i) => {
    const breaks = record.join('').split('\n').length - 1;
    const line = info.lines - breaks;
    rows.push([record[0]!, line]);
    const fields = lines[line - 1]!.split(delimiter);
    if (breaks === 0 && i % 25 === 3 && !fields[before]!.startsWith('"')) {
      fields[before] = `"${fields[before]}`;
      lines[line - 1] = fields.join(delimiter);
      broken.push(line);
    }
  });
  expect(broken.length).toBeGreaterThan(3);
  return { text: lines.join('\n'), rows };
}

describe('rows a stray quote would fold into a field', () => {
  it('every row of exports with stray quotes has its line in the assignments file, once, and the warning says where', () => {
    const cases = [
      { name: 'support-export.csv', encoding: 'utf-8', delimiter: ',', before: 3 },
      { name: 'excel-export-cp1251.csv', encoding: 'windows-1251', delimiter: ';', before: 2 },
    ];
    for (const { name, encoding, delimiter, before } of cases) {
      const clean = iconv.decode(readFileSync(fixture(name)), encoding);
      const { text, rows } = withStrayQuotes(clean, delimiter, before);
      const file = join(out, `stray-${name}`);
      writeFileSync(file, iconv.encode(text, encoding));
      const assignments = join(out, `stray-${name}.assignments.csv`);
      const res = runCli(['cluster', file, '--embedder', 'lexical', '--lang', 'en', '--assignments', assignments]);
      expect(res.code).toBe(0);
      const [header, ...written] = parse(readFileSync(assignments, 'utf8')) as string[][];
      expect(header).toEqual(['id', 'cluster', 'confidence', 'line']);
      // One assignment for each row of the export, on the line where the row starts, with the row's id.
      const byLine = written
        .map(([id, , , line]) => [id!, Number(line)] as [string, number])
        .sort((a, b) => a[1] - b[1]);
      expect(byLine).toEqual(rows.map(([id, line]) => [id.trim() || expect.stringMatching(/^row \d+$/), line]));
      expect(res.stderr).toMatch(/a stray quote \(".*\) had folded \d+ line\(s\) into a field of the row before them/);
    }
  });
});

describe('a stray quote in the very first data row', () => {
  it('its id blank, so no id before or on it: the rows folded into it come back, each on its line', () => {
    const clean = readFileSync(fixture('support-export.csv'), 'utf8');
    const records = parse(clean, { relax_column_count: true, info: true }) as unknown as Array<{
      record: string[];
      info: { lines: number };
    }>;
    const rows = records
      .slice(1)
      .map(({ record, info }) => [record[0]!, info.lines - (record.join('').split('\n').length - 1)] as const);
    // The first row's id cleared and a quote opening its subject, closed only by the next row's quoted text.
    const [header, first, ...rest] = clean.split('\n');
    const fields = first!.split(',');
    const broken = ['', fields[1], fields[2], `"${fields[3]}`, ...fields.slice(4)].join(',');
    const file = join(out, 'stray-first-row.csv');
    writeFileSync(file, [header, broken, ...rest].join('\n'));
    const assignments = join(out, 'stray-first-row.assignments.csv');
    const res = runCli(['cluster', file, '--embedder', 'lexical', '--lang', 'en', '--assignments', assignments]);
    expect(res.code, res.stderr).toBe(0);
    const [, ...written] = parse(readFileSync(assignments, 'utf8')) as string[][];
    const byLine = written.map(([id, , , line]) => [id!, Number(line)] as const).sort((a, b) => a[1] - b[1]);
    expect(byLine).toEqual([['row 1', 2], ...rows.slice(1)]);
    expect(res.stderr).toContain(
      'a stray quote (") had folded 1 line(s) into a field of the row before them; read as rows of their own: line 3',
    );
  });
});
