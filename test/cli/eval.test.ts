import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { fixture, runCli, type CliResult } from './run-cli.js';

describe('tickets eval', () => {
  // Each eval clusters the 300 labeled tickets: one scored run (scores to a file, the table on stdout) serves the
  // checks on the scores, on the table and on loose label matching.
  const scoresFile = join(mkdtempSync(join(tmpdir(), 'tickets-eval-')), 'scores.json');
  let scored: CliResult | undefined;
  const scoredRun = (): CliResult =>
    (scored ??= runCli([
      'eval',
      fixture('labeled-tickets.csv'),
      '--label',
      'label',
      '--embedder',
      'lexical',
      '-q',
      '--json',
      scoresFile,
    ]));

  it('scores the clusters against the labeled column', () => {
    expect(scoredRun().code).toBe(0);
    const score = JSON.parse(readFileSync(scoresFile, 'utf8'));
    expect(score.tickets).toBe(300);
    expect(score.labels).toBe(10);
    expect(score.clusters).toBeGreaterThan(1);
    for (const key of ['nmi', 'ari', 'homogeneity', 'completeness', 'noiseShare', 'nmiClustered']) {
      expect(score[key]).toBeGreaterThanOrEqual(0);
      expect(score[key]).toBeLessThanOrEqual(1);
    }
    // Ten well-separated problems in two languages: a working pipeline is far above chance.
    expect(score.nmi).toBeGreaterThan(0.6);
    expect(score.homogeneity).toBeGreaterThan(0.7);
  });

  it('prints a readable score table unless the JSON goes to stdout', () => {
    const res = scoredRun();
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/NMI\s+0\.\d{3}/);
    expect(res.stdout).toMatch(/ARI\s+/);
  });

  it('rejects an unknown label column before clustering, listing the columns', () => {
    const res = runCli(['eval', fixture('labeled-tickets.csv'), '--label', 'category', '--embedder', 'lexical']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/"category".*"id", "text", "label"/);
  });

  it('matches the label column as the other column options do (case and spacing ignored)', () => {
    const loose = runCli([
      'eval',
      fixture('labeled-tickets.csv'),
      '--label',
      ' LABEL ',
      '--embedder',
      'lexical',
      '--json',
      '-q',
    ]);
    expect(loose.code).toBe(0);
    expect(scoredRun().code).toBe(0);
    // --json without a path prints the same scores the exact name wrote to its file.
    expect(JSON.parse(loose.stdout)).toEqual(JSON.parse(readFileSync(scoresFile, 'utf8')));
  });

  it('refuses the id column as labels, in one line', () => {
    const res = runCli(['eval', fixture('labeled-tickets.csv'), '--label', 'id', '--embedder', 'lexical']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n').at(-1)).toMatch(
      /"id" was taken as the ticket id column; name another with --id$/,
    );
  });

  it('says in one line when the scores cannot be written', () => {
    const res = runCli([
      'eval',
      fixture('labeled-tickets.csv'),
      '--label',
      'label',
      '--embedder',
      'lexical',
      '-q',
      '--json',
      '/nonexistent-dir/scores.json',
    ]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toMatch(/^tickets: cannot write the scores to \/nonexistent-dir\/scores\.json: ENOENT$/);
  });

  it('leaves blank labels out of the scores and says how many', () => {
    const rows = parse(readFileSync(fixture('labeled-tickets.csv')), { columns: true }) as Array<
      Record<string, string>
    >;
    rows.forEach((row, i) => {
      if (i % 10 === 0) row.label = i % 20 === 0 ? '' : '  ';
    });
    const file = join(mkdtempSync(join(tmpdir(), 'tickets-eval-')), 'blank-labels.csv');
    writeFileSync(file, stringify(rows, { header: true }));
    const res = runCli(['eval', file, '--label', 'label', '--embedder', 'lexical', '--json']);
    expect(res.code).toBe(0);
    const score = JSON.parse(res.stdout);
    expect(score.unlabeled).toBe(30);
    expect(score.tickets).toBe(270);
    expect(score.labels).toBe(10); // a blank is not an eleventh class
    expect(res.stderr).toMatch(/30 ticket\(s\) with a blank "label" are left out of the scores/);
  });
});
