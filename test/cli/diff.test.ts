// Two weekly runs through the real CLI: `tickets cluster --baseline`, the gate, `tickets diff`, the job summary.
// Disjoint weeks from the labeled fixture with planted events: "app-crash" only in week 2, "promo" only in week 1.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-diff-'));
const rows = parse(readFileSync(fixture('labeled-tickets.csv')), { columns: true }) as Array<Record<string, string>>;
const labelOf = new Map(rows.map((r) => [r.id, r.label]));
const week1: typeof rows = [];
const week2: typeof rows = [];
const seen = new Map<string, number>();
for (const r of rows) {
  const k = seen.get(r.label) ?? 0;
  seen.set(r.label, k + 1);
  if (r.label === 'app-crash') week2.push(r);
  else if (r.label === 'promo') week1.push(r);
  else (k % 2 === 0 ? week1 : week2).push(r);
}
// Each week's tickets are dated in that week, so the history gets one point per week.
const write = (name: string, list: typeof rows, day: string) => {
  const dated = list.map((r, i) => ({ ...r, created: `${day} ${String(8 + (i % 10)).padStart(2, '0')}:00` }));
  writeFileSync(join(dir, name), stringify(dated, { header: true }));
  return join(dir, name);
};
const csv1 = write('week1.csv', week1, '2026-11-06');
const csv2 = write('week2.csv', week2, '2026-11-13');
// The same week again, rows reversed.
const csv1again = write('week1-again.csv', [...week1].reverse(), '2026-11-06');
const out = (name: string) => join(dir, name);
const read = (name: string) => JSON.parse(readFileSync(out(name), 'utf8'));
const lexical = ['--embedder', 'lexical', '--text', 'text', '--date', 'created', '-q'];

interface Change {
  id: string;
  status: string;
  before: { id: string; size: number } | null;
  after: { id: string; size: number } | null;
}

/** Majority label of each cluster of a run file. */
function majorityLabels(run: { tickets: Array<{ id: string; cluster: string | null }> }): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const t of run.tickets) {
    if (!t.cluster) continue;
    const m = counts.get(t.cluster) ?? new Map<string, number>();
    m.set(labelOf.get(t.id)!, (m.get(labelOf.get(t.id)!) ?? 0) + 1);
    counts.set(t.cluster, m);
  }
  return new Map([...counts].map(([c, m]) => [c, [...m].sort((a, b) => b[1] - a[1])[0][0]]));
}

describe('weekly runs with --baseline and tickets diff', () => {
  const first = runCli(['cluster', csv1, ...lexical, '--json', out('week1.json')]);
  const summary = out('summary.md');
  writeFileSync(summary, '# Earlier step\n');
  const second = runCli(
    [
      'cluster',
      csv2,
      ...lexical,
      '--json',
      out('week2.json'),
      '--md',
      out('week2.md'),
      '--baseline',
      out('week1.json'),
      '--fail-on-new',
      '8',
    ],
    { GITHUB_STEP_SUMMARY: summary },
  );

  it('starts a trend on the first run: lasting ids by rank, one week of history', () => {
    expect(first.code).toBe(0);
    const run = read('week1.json');
    expect(run.clusters.map((c: { lastingId: string }) => c.lastingId)).toEqual(
      run.clusters.map((_: unknown, i: number) => `T${i + 1}`),
    );
    expect(run.nextId).toBe(run.clusters.length + 1);
    expect(run.diff).toBeUndefined();
  });

  it('calls the planted label new, the dropped one gone, and trips the gate naming the new cluster', () => {
    expect(second.code).toBe(1);
    const before = read('week1.json');
    const after = read('week2.json');
    const changes: Change[] = after.diff.changes;
    const [labels1, labels2] = [majorityLabels(before), majorityLabels(after)];
    const crash = changes.filter((c) => c.after && labels2.get(c.after.id) === 'app-crash');
    const promo = changes.filter((c) => c.before && !c.after && labels1.get(c.before.id) === 'promo');
    expect(crash.length).toBeGreaterThan(0);
    for (const c of crash) expect(c.status).toBe('new');
    // Every promo cluster of week 1 is gone, and at most two others of 8+ tickets are called new or gone
    // (the done-when of issue 16, at this fixture's scale).
    expect(promo.length).toBe([...labels1.values()].filter((l) => l === 'promo').length);
    const others = changes.filter(
      (c) => (c.status === 'new' || c.status === 'gone') && !crash.includes(c) && !promo.includes(c),
    );
    expect(others.filter((c) => (c.after ?? c.before)!.size >= 8).length).toBeLessThanOrEqual(2);
    // New ids never reuse an old one.
    const oldIds = new Set(before.clusters.map((c: { lastingId: string }) => c.lastingId));
    for (const c of crash) expect(oldIds.has(c.id)).toBe(false);
    const big = crash.filter((c) => c.after!.size >= 8);
    expect(big.length).toBeGreaterThan(0);
    for (const c of big) expect(second.stderr).toContain(`tickets: gate: new cluster ${c.id} `);
    expect(second.stderr).toContain('(--fail-on-new 8)');
    expect(second.stdout).toMatch(/Since .*week1\.csv: .*new/);
  });

  it('carries lasting ids and weekly history in the run file, the diff in the markdown and the job summary', () => {
    const after = read('week2.json');
    const kept = after.diff.changes.filter((c: Change) => c.status === 'stable');
    expect(kept.length).toBeGreaterThan(3);
    for (const change of kept) {
      const cluster = after.clusters.find((c: { id: string }) => c.id === change.after.id);
      expect(cluster.lastingId).toBe(change.id);
      expect(cluster.history).toHaveLength(2);
    }
    expect(readFileSync(out('week2.md'), 'utf8')).toContain('## What changed since week1.csv');
    const written = readFileSync(summary, 'utf8');
    expect(written.startsWith('# Earlier step\n## What changed since week1.csv')).toBe(true);
    expect(written).toContain('### Gate failed');
  });

  it('uses the baseline before clustering: known topics keep their ids, gone ones are remembered', () => {
    const before = read('week1.json');
    const after = read('week2.json');
    for (const c of before.clusters) expect(c.exemplars.length).toBe(Math.min(10, c.size));
    expect(after.baseline).toEqual({ file: before.input.file, generatedAt: before.generatedAt });
    const known = after.clusters.filter((c: { knownTopic?: string }) => c.knownTopic);
    expect(known.length).toBeGreaterThan(3);
    const [labels1, labels2] = [majorityLabels(before), majorityLabels(after)];
    const lastingOf = new Map(before.clusters.map((c: { id: string; lastingId: string }) => [c.lastingId, c.id]));
    let same = 0;
    for (const c of known) {
      expect(c.lastingId).toBe(c.knownTopic);
      if (labels2.get(c.id) === labels1.get(lastingOf.get(c.knownTopic) as string)) same++;
    }
    expect(same / known.length).toBeGreaterThanOrEqual(0.9);
    // The planted label had no known topic to join.
    for (const c of after.clusters) if (labels2.get(c.id) === 'app-crash') expect(c.knownTopic).toBeUndefined();
    const gone = after.diff.changes.filter((c: Change) => c.status === 'gone').map((c: Change) => c.id);
    expect(after.goneClusters.map((g: { lastingId: string }) => g.lastingId).sort()).toEqual(gone.sort());
    for (const g of after.goneClusters) expect(g).toMatchObject({ runsGone: 1 });
  });

  it('tickets diff of the two run files gives the same changes and the same gate', () => {
    const diff = runCli(['diff', out('week1.json'), out('week2.json'), '--format', 'json', '--fail-on-new', '8']);
    expect(diff.code).toBe(1);
    expect(JSON.parse(diff.stdout).changes).toEqual(read('week2.json').diff.changes);
    const table = runCli(['diff', out('week1.json'), out('week2.json')]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ new\s+│ T\d+/);
  });

  it('follows a fix from the config file', () => {
    const stable = read('week2.json').diff.changes.find((c: Change) => c.status === 'stable');
    const config = out('tickets.config.json');
    writeFileSync(config, JSON.stringify({ fixes: [{ cluster: stable.id, date: '2026-11-10', note: 'menu item' }] }));
    const res = runCli(['diff', out('week1.json'), out('week2.json'), '--config', config, '--format', 'md']);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('### Fixes');
    expect(res.stdout).toContain(`- ${stable.id} `);
    const json = runCli(['diff', out('week1.json'), out('week2.json'), '--config', config, '--format', 'json']);
    const fixed = JSON.parse(json.stdout).changes.find((c: Change) => c.id === stable.id);
    expect(fixed.fix).toMatchObject({ date: '2026-11-10', note: 'menu item', weeksBefore: 1, weeksAfter: 1 });
  });

  it('null diff: the same week again, shuffled, another seed — nothing new or gone, gate passes', () => {
    const res = runCli([
      'cluster',
      csv1again,
      ...lexical,
      '--seed',
      '7',
      '--json',
      out('again.json'),
      '--baseline',
      out('week1.json'),
      '--fail-on-new',
      '8',
    ]);
    expect(res.code).toBe(0);
    const changes: Change[] = read('again.json').diff.changes;
    expect(changes.filter((c) => c.status === 'new' || c.status === 'gone')).toEqual([]);
  });

  it('usage and input errors are one line and exit 2', () => {
    const missing = runCli(['diff', out('nope.json'), out('week2.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^tickets: cannot read the run file .*nope\.json: ENOENT$/);
    const foreign = out('v99.json');
    writeFileSync(foreign, JSON.stringify({ ...read('week1.json'), schemaVersion: 99 }));
    const version = runCli(['diff', foreign, out('week2.json')]);
    expect(version.code).toBe(2);
    expect(version.stderr).toContain('unsupported schemaVersion 99');
    const noBaseline = runCli(['cluster', csv1, ...lexical, '--fail-on-new', '5']);
    expect(noBaseline.code).toBe(2);
    expect(noBaseline.stderr.trim()).toBe('tickets: --fail-on-new needs --baseline <last run.json>');
    const badPercent = runCli(['diff', out('week1.json'), out('week2.json'), '--fail-on-growth', 'lots']);
    expect(badPercent.code).toBe(2);
  });
});

describe('weekly runs with the transformer embedder (tiny model)', () => {
  const model = [
    '--embedder',
    'transformer',
    '--model',
    fixture('tiny-model'),
    '--text',
    'text',
    '--date',
    'created',
    '-q',
  ];
  const env = { TICKETS_CACHE_DIR: join(dir, 'cache') };

  // Three model runs: slow when the machine is shared.
  it('matches by centres as well, and tickets diff agrees with --baseline', { timeout: 240_000 }, () => {
    expect(runCli(['cluster', csv1, ...model, '--json', out('t1.json')], env).code).toBe(0);
    const res = runCli(['cluster', csv2, ...model, '--json', out('t2.json'), '--baseline', out('t1.json')], env);
    expect(res.code).toBe(0);
    const changes = read('t2.json').diff.changes;
    const matched = changes.filter((c: { evidence?: { centroid: number | null } }) => c.evidence);
    expect(matched.length).toBeGreaterThan(0);
    for (const c of matched) expect(typeof c.evidence.centroid).toBe('number');
    // Known topics from the baseline (its centroids: the same model) took their tickets before clustering.
    const clusters = read('t2.json').clusters as Array<{ knownTopic?: string; lastingId: string }>;
    const known = clusters.filter((c) => c.knownTopic);
    expect(known.length).toBeGreaterThan(0);
    for (const c of known) expect(c.lastingId).toBe(c.knownTopic);
    const diff = runCli(['diff', out('t1.json'), out('t2.json'), '--format', 'json']);
    expect(JSON.parse(diff.stdout).changes).toEqual(changes);
  });
});
