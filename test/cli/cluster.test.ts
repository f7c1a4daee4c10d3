import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, type CliResult } from './run-cli.js';

const out = mkdtempSync(join(tmpdir(), 'tickets-e2e-'));

function parseCsv(text: string): string[][] {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
}

/** The sample export with every output written to `dir` (run.json, report.md, assignments.csv). */
function sampleRun(dir: string): { files: string[]; result: CliResult } {
  const files = ['run.json', 'report.md', 'assignments.csv'].map((f) => join(dir, f));
  const result = runCli([
    'cluster',
    fixture('support-export.csv'),
    '--embedder',
    'lexical',
    '--json',
    files[0]!,
    '--md',
    files[1]!,
    '--assignments',
    files[2]!,
    '--cost-per-ticket',
    '5',
    '--currency',
    'EUR',
  ]);
  return { files, result };
}
// Run once at collection: the tests below read its outputs, and the determinism test compares a second run with it.
const first = sampleRun(mkdtempSync(join(out, 'first-')));

describe('tickets cluster on the sample export', () => {
  const [json, md, assignments] = first.files as [string, string, string];
  const { result } = first;

  it('exits 0 and says which columns it used', () => {
    expect(result.stderr).toContain('text: Subject + Description');
    expect(result.stderr).toContain('id: Ticket ID');
    expect(result.code).toBe(0);
  });

  it('prints a ranked table without colour when stdout is not a TTY', () => {
    expect(result.stdout).toMatch(/unclustered/);
    expect(result.stdout).not.toMatch(/\u001b\[/);
  });

  it('writes a run file that accounts for every row', () => {
    const run = JSON.parse(readFileSync(json, 'utf8'));
    expect(run.schemaVersion).toBe(2);
    const skipped = Object.values(run.totals.skipped as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(run.totals.rows).toBe(run.totals.clustered + run.totals.noise + skipped);
    expect(skipped).toBeGreaterThan(0); // the fixture has rows with empty text
    expect(run.tickets.length).toBe(run.totals.clustered + run.totals.noise);
    expect(run.clusters.length).toBeGreaterThanOrEqual(5);
    expect(run.input.columns.text).toEqual(['Subject', 'Description']);
    expect(run.embedder.kind).toBe('lexical');
    // The export has dates, so clusters are ranked by priority; --cost-per-ticket makes cost = size × 5.
    expect(run.economics.rankedBy).toBe('priority');
    for (let i = 1; i < run.clusters.length; i++) {
      expect(run.clusters[i - 1].priority).toBeGreaterThanOrEqual(run.clusters[i].priority);
    }
    const total = run.clusters.reduce((s: number, c: { cost: number }) => s + c.cost, 0) + run.noise.cost;
    expect(total).toBeCloseTo(run.economics.totalCost, 2);
    for (const c of run.clusters) {
      expect(c.cost).toBeCloseTo(c.size * 5);
      expect(c.examples.length).toBeGreaterThan(0);
      expect(c.keywords.length).toBeGreaterThan(0);
      expect(c.signature.length).toBeGreaterThan(0);
      expect(c.centroid).toBeUndefined(); // a lexical space is refitted per export
    }
  });

  it('writes one assignment per input row', () => {
    const run = JSON.parse(readFileSync(json, 'utf8'));
    const rows = parseCsv(readFileSync(assignments, 'utf8'));
    expect(rows[0].slice(0, 2)).toEqual(['id', 'cluster']);
    expect(rows.length - 1).toBe(run.totals.rows);
    const values = new Set(rows.slice(1).map((r) => r[1]));
    expect(values.has('skipped')).toBe(true);
    for (const v of values) expect(v === 'noise' || v === 'skipped' || /^C\d+$/.test(v)).toBe(true);
  });

  it('masks personal data in every output', () => {
    for (const text of [readFileSync(json, 'utf8'), readFileSync(md, 'utf8'), result.stdout]) {
      expect(text).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
      expect(text).not.toMatch(/\+7[\s(]*9\d\d/);
    }
  });

  it('writes a markdown report with a summary and one section per cluster', () => {
    const report = readFileSync(md, 'utf8');
    const run = JSON.parse(readFileSync(json, 'utf8'));
    expect(report).toMatch(/^# /m);
    expect(report).toContain('€');
    expect(report.match(/^## |^### /gm)!.length).toBeGreaterThanOrEqual(run.clusters.length);
  });
});

describe('tickets cluster on an Excel (Windows-1251, semicolon) export', () => {
  const json = join(out, 'excel.json');
  const result = runCli(['cluster', fixture('excel-export-cp1251.csv'), '--embedder', 'lexical', '--json', json]);

  it('detects the encoding, delimiter and Russian columns', () => {
    expect(result.code).toBe(0);
    const run = JSON.parse(readFileSync(json, 'utf8'));
    expect(run.input.encoding).toMatch(/1251/);
    expect(run.input.delimiter).toBe(';');
    expect(run.input.columns.text).toContain('Текст обращения');
    expect(run.clusters.some((c: { keywords: string[] }) => c.keywords.some((k) => /[а-я]/.test(k)))).toBe(true);
  });
});

describe('determinism and stdout formats', () => {
  it('gives byte-identical outputs on two full runs (apart from the time stamp and timings)', () => {
    // Two separate processes, every output; only generatedAt and the stage timings may differ.
    const second = sampleRun(mkdtempSync(join(out, 'second-')));
    const outputs = [first, second].map(({ files, result: res }) => {
      expect(res.code).toBe(0);
      const [json, md, csv] = files.map((f) => readFileSync(f, 'utf8'));
      expect(json).toMatch(/"generatedAt": "[^"]+"/);
      expect(json).toMatch(/"timings": \{[^}]*\}/);
      expect(md).toMatch(/^- Generated: .*$/m);
      return {
        json: json!.replace(/"generatedAt": "[^"]+"/, '').replace(/"timings": \{[^}]*\}/, ''),
        md: md!.replace(/^- Generated: .*$/m, ''),
        csv,
        stdout: res.stdout,
        stderr: res.stderr,
      };
    });
    expect(outputs[0]!.csv!.length).toBeGreaterThan(1000);
    expect(outputs[1]).toEqual(outputs[0]);
  });

  it('prints the run file or the markdown report to stdout with --format', () => {
    const asJson = runCli([
      'cluster',
      fixture('support-export.csv'),
      '--embedder',
      'lexical',
      '--format',
      'json',
      '-q',
    ]);
    expect(asJson.code).toBe(0);
    expect(JSON.parse(asJson.stdout).schemaVersion).toBe(2);
    expect(asJson.stderr).toBe('');
    const asMd = runCli(['cluster', fixture('support-export.csv'), '--embedder', 'lexical', '--format', 'md', '-q']);
    expect(asMd.stdout).toMatch(/^# /);
  });

  it('offers every report format on stdout and as a file option, the same text in both', () => {
    // Help wraps its lines to the terminal width.
    const help = runCli(['cluster', '--help']).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--format <format>.*choices: "table", "md", "json", "assignments"/);
    for (const option of ['--md <path>', '--json <path>', '--assignments <path>']) expect(help).toContain(option);
    const file = join(mkdtempSync(join(out, 'both-')), 'assignments.csv');
    const res = runCli(
      ['cluster', fixture('support-export.csv'), '--embedder', 'lexical', '-q'].concat([
        '--format',
        'assignments',
        '--assignments',
        file,
      ]),
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^id,cluster,confidence,line\n/);
    expect(readFileSync(file, 'utf8')).toBe(res.stdout);
  });

  it('falls back from auto to lexical offline, saying so', () => {
    const res = runCli(['cluster', fixture('support-export.csv'), '--format', 'json'], {
      TICKETS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'tickets-cache-')),
    });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/lexical/);
    expect(JSON.parse(res.stdout).embedder.kind).toBe('lexical');
  });
});
