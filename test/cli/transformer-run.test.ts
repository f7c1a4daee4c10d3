// The transformer path through the real CLI: a local model directory (the generated tiny model),
// and the embedding cache across two weekly exports that share 90% of their tickets.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-transformer-'));
const cacheDir = join(dir, 'cache');
const rows = parse(readFileSync(fixture('labeled-tickets.csv')), { columns: true }) as Array<Record<string, string>>;
const thisWeek = rows.slice(0, 200);
const nextWeek = [...rows.slice(20, 200), ...rows.slice(200, 220)]; // 180 shared + 20 new
writeFileSync(join(dir, 'week1.csv'), stringify(thisWeek, { header: true }));
writeFileSync(join(dir, 'week2.csv'), stringify(nextWeek, { header: true }));

function cluster(week: string) {
  const json = join(dir, `${week}.json`);
  const res = runCli(
    [
      'cluster',
      join(dir, `${week}.csv`),
      '--embedder',
      'transformer',
      '--model',
      fixture('tiny-model'),
      '--json',
      json,
      // The cache is under test, not what each week's export learns as boilerplate (that changes the texts).
      '--keep-boilerplate',
    ],
    { TICKETS_CACHE_DIR: cacheDir },
  );
  return { res, run: res.code === 0 ? JSON.parse(readFileSync(json, 'utf8')) : null };
}

describe('tickets cluster --embedder transformer --model <local dir>', () => {
  it('embeds every ticket on the first run and only the new 10% on the next week', () => {
    // Identical texts are embedded once, so count distinct texts.
    const distinct = (list: Array<Record<string, string>>) => new Set(list.map((r) => r.text.trim())).size;
    const first = cluster('week1');
    expect(first.res.code).toBe(0);
    const firstCount = distinct(thisWeek);
    expect(first.res.stderr).toContain(`embeddings: ${firstCount} computed, 0 from cache`);
    expect(first.run.embedder).toMatchObject({ kind: 'transformer', dimensions: 32, embedded: firstCount, cached: 0 });
    // A fixed model's space is the same next week: each cluster keeps its unit-length centre for matching.
    for (const c of first.run.clusters) {
      expect(c.centroid).toHaveLength(32);
      expect(Math.hypot(...c.centroid)).toBeCloseTo(1, 3);
    }

    const second = cluster('week2');
    expect(second.res.code).toBe(0);
    const newCount = distinct(nextWeek) - distinct(rows.slice(20, 200));
    expect(newCount).toBeGreaterThan(15);
    expect(second.res.stderr).toMatch(new RegExp(`embeddings: ${newCount} computed, \\d+ from cache`));
    expect(second.run.embedder.embedded).toBe(newCount);
    expect(second.run.embedder.cached).toBeGreaterThanOrEqual(170);
    expect(second.run.totals.rows).toBe(200);
  });

  it('takes the cache directory from --cache-dir too', () => {
    const res = runCli([
      'cluster',
      join(dir, 'week1.csv'),
      '--embedder',
      'transformer',
      '--model',
      fixture('tiny-model'),
      '--cache-dir',
      cacheDir,
      '--keep-boilerplate',
      '--format',
      'json',
      '--quiet',
    ]);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout).embedder.embedded).toBe(0);
  });

  it('stops with one line when the model directory is not a model', () => {
    const res = runCli(['cluster', fixture('support-export.csv'), '--embedder', 'transformer', '--model', dir, '-q'], {
      TICKETS_CACHE_DIR: cacheDir,
    });
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
  });
});
