// npm run bench:diff — does a cluster keep its identity from one week to the next, and are planted events seen?
// Splits labeled sets from ../shared/data into two "weeks" and runs the real CLI (`tickets cluster --baseline`,
// `tickets diff`), then checks against the labels:
//   identity  — of matched clusters, the share whose majority label is the same in both weeks (target ≥ 90%);
//               of labels with ≥ 20 tickets in both weeks, the share that came out as one matched cluster (≥ 80%)
//   events    — disjoint weeks with a label only in week 2, one only in week 1 and one 3× as frequent in week 2:
//               reported new / gone / growing, ≤ 2 other 15+ clusters new or gone, exit 1 naming the new one,
//               and `tickets diff` giving the same changes
//   null diff — the same week again, rows shuffled, another seed: no 15+ cluster new or gone, exit 0
// Usage: node scripts/bench-diff.mjs [--sets a,b] [--size N] [--embedder lexical|transformer] [--data dir] [--keep]
//   [--parts disjoint,overlapping,events,null] (default: all)
//   --keep: keep the exports and run files (their folder is printed)
//   --data: the labeled sets' folder (default ../shared/data from the repository, or TICKETS_DATA)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { stringify } from 'csv-stringify/sync';
import { parse } from 'csv-parse/sync';
import { DATA } from './labeled-sets.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const arg = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const sets = arg('--sets', 'bitext_customer_support,stackoverflow20').split(',');
const size = Number(arg('--size', '4000'));
const embedder = arg('--embedder', 'lexical');
const data = arg('--data', process.env.TICKETS_DATA ?? DATA);
const parts = new Set(arg('--parts', 'disjoint,overlapping,events,null').split(','));
const readLabeledSet = (set) => parse(readFileSync(join(data, set, 'tickets.csv')), { columns: true, bom: true });
const dir = mkdtempSync(join(tmpdir(), 'tickets-bench-diff-'));
const embedArgs =
  embedder === 'transformer'
    ? ['--embedder', 'transformer', '--model', join(root, 'fixtures/tiny-model')]
    : ['--embedder', 'lexical'];

/** Deterministic shuffle (mulberry32), so every run of the bench uses the same weeks. */
function shuffled(items, seed) {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function cluster(name, rows, extra = []) {
  const csv = join(dir, `${name}.csv`);
  const json = join(dir, `${name}.json`);
  writeFileSync(csv, stringify(rows, { header: true, columns: ['id', 'text', 'label'] }));
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'bin/tickets.js'),
      'cluster',
      csv,
      '--text',
      'text',
      '--id',
      'id',
      '--json',
      json,
      '-q',
      ...embedArgs,
      ...extra,
    ],
    {
      encoding: 'utf8',
      env: { ...process.env, TICKETS_OFFLINE: '1', NO_COLOR: '1', TICKETS_CACHE_DIR: join(dir, 'cache') },
      maxBuffer: 1 << 28,
    },
  );
  if (res.status !== 0 && res.status !== 1) throw new Error(`cluster ${name} failed (${res.status}): ${res.stderr}`);
  return { run: JSON.parse(readFileSync(json, 'utf8')), json, code: res.status, stderr: res.stderr };
}

/** Per cluster id of a run: the share of its tickets that carry its majority label. */
function clusterPurity(run, labelOf) {
  const majority = clusterLabels(run, labelOf);
  const hits = new Map();
  for (const t of run.tickets) {
    if (t.cluster !== null && labelOf.get(t.id) === majority.get(t.cluster))
      hits.set(t.cluster, (hits.get(t.cluster) ?? 0) + 1);
  }
  return new Map(run.clusters.map((c) => [c.id, (hits.get(c.id) ?? 0) / c.size]));
}

/** Per cluster id of a run: its majority label. */
function clusterLabels(run, labelOf) {
  const counts = new Map();
  for (const t of run.tickets) {
    if (t.cluster === null) continue;
    const m = counts.get(t.cluster) ?? new Map();
    m.set(labelOf.get(t.id), (m.get(labelOf.get(t.id)) ?? 0) + 1);
    counts.set(t.cluster, m);
  }
  const majority = new Map();
  for (const [id, m] of counts) majority.set(id, [...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))[0][0]);
  return majority;
}

/** Per label: the cluster holding most of its tickets in a run (null when most are unclustered). */
function homeCluster(run, labelOf) {
  const counts = new Map();
  for (const t of run.tickets) {
    const label = labelOf.get(t.id);
    const m = counts.get(label) ?? new Map();
    m.set(t.cluster, (m.get(t.cluster) ?? 0) + 1);
    counts.set(label, m);
  }
  const home = new Map();
  for (const [label, m] of counts)
    home.set(label, [...m].filter(([c]) => c !== null).sort((x, y) => y[1] - x[1])[0]?.[0] ?? null);
  return home;
}

/**
 * Is a miss the matching's or the clusters'? Weighted purity of each week (share of clustered tickets carrying
 * their cluster's majority label); the most matched pairs that could share a majority label whatever the matching
 * (Σ over labels of min(clusters with that majority in week 1, in week 2)); and, of the matched pairs whose
 * majority labels differ, how many have a mixed cluster (< 50% one label) and how many were matched although
 * another week-1 cluster's label mix is closer (cosine of label histograms): a matching error.
 */
function diagnose(a, b, matched, labelOf) {
  const histograms = (run) => {
    const h = new Map();
    for (const t of run.tickets) {
      if (t.cluster === null) continue;
      const m = h.get(t.cluster) ?? new Map();
      m.set(labelOf.get(t.id), (m.get(labelOf.get(t.id)) ?? 0) + 1);
      h.set(t.cluster, m);
    }
    return h;
  };
  const cosine = (x, y) => {
    let dot = 0;
    let nx = 0;
    let ny = 0;
    for (const [k, v] of x) {
      dot += v * (y.get(k) ?? 0);
      nx += v * v;
    }
    for (const v of y.values()) ny += v * v;
    return dot / Math.sqrt(nx * ny || 1);
  };
  const [ha, hb] = [histograms(a.run), histograms(b.run)];
  const purity = (h) => {
    let top = 0;
    let all = 0;
    for (const m of h.values()) {
      top += Math.max(...m.values());
      all += [...m.values()].reduce((s, v) => s + v, 0);
    }
    return top / all;
  };
  const [majorityA, majorityB] = [clusterLabels(a.run, labelOf), clusterLabels(b.run, labelOf)];
  const [purityA, purityB] = [clusterPurity(a.run, labelOf), clusterPurity(b.run, labelOf)];
  const perLabel = (majority) => [...majority.values()].reduce((m, l) => m.set(l, (m.get(l) ?? 0) + 1), new Map());
  const [na, nb] = [perLabel(majorityA), perLabel(majorityB)];
  let ceiling = 0;
  for (const [label, n] of na) ceiling += Math.min(n, nb.get(label) ?? 0);
  const misses = matched.filter((c) => majorityA.get(c.before.id) !== majorityB.get(c.after.id));
  const mixed = misses.filter((c) => purityA.get(c.before.id) < 0.5 || purityB.get(c.after.id) < 0.5).length;
  const wrong = misses.filter((c) => {
    const own = cosine(ha.get(c.before.id), hb.get(c.after.id));
    const best = Math.max(...[...ha.values()].map((h) => cosine(h, hb.get(c.after.id))));
    return best > own + 0.2;
  }).length;
  return (
    `purity ${(100 * purity(ha)).toFixed(1)}% → ${(100 * purity(hb)).toFixed(1)}%; ` +
    `at most ${ceiling} pairs can share a majority label (${matched.length} matched); ` +
    `of ${misses.length} misses ${mixed} have a mixed cluster, ${wrong} a closer week-1 label mix elsewhere`
  );
}

const labelCounts = (rows) => rows.reduce((m, r) => m.set(r.label, (m.get(r.label) ?? 0) + 1), new Map());
const pct = (a, b) => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(1)}% (${a}/${b})`);

function identity(set, kind, weekA, weekB, labelOf) {
  const a = cluster(`${set}-${kind}-a`, weekA);
  const b = cluster(`${set}-${kind}-b`, weekB, ['--baseline', a.json]);
  const before = clusterLabels(a.run, labelOf);
  const after = clusterLabels(b.run, labelOf);
  const matched = b.run.diff.changes.filter((c) => c.before && c.after && !c.from && !c.into);
  const same = matched.filter((c) => before.get(c.before.id) === after.get(c.after.id)).length;
  // Mixed clusters (no label is half of them) have no meaningful majority label: also count topics only.
  const [purityA, purityB] = [clusterPurity(a.run, labelOf), clusterPurity(b.run, labelOf)];
  const topics = matched.filter((c) => purityA.get(c.before.id) >= 0.5 && purityB.get(c.after.id) >= 0.5);
  const sameTopics = topics.filter((c) => before.get(c.before.id) === after.get(c.after.id)).length;

  const [countA, countB] = [labelCounts(weekA), labelCounts(weekB)];
  const lastingA = new Map(a.run.clusters.map((c) => [c.id, c.lastingId]));
  const lastingB = new Map(b.run.clusters.map((c) => [c.id, c.lastingId]));
  const [homeA, homeB] = [homeCluster(a.run, labelOf), homeCluster(b.run, labelOf)];
  // Strict: the label's biggest cluster is the same lasting cluster in both weeks. Continued: its biggest cluster
  // this week continues a cluster of last week whose majority was that label (a label spread over several
  // clusters may have a different biggest one each week).
  const majorityOfLasting = new Map(a.run.clusters.map((c) => [c.lastingId, before.get(c.id)]));
  let eligible = 0;
  let kept = 0;
  let continued = 0;
  let unclustered = 0;
  for (const [label, n] of countA) {
    if (n < 20 || (countB.get(label) ?? 0) < 20) continue;
    eligible++;
    if (homeA.get(label) === null || homeB.get(label) === null) unclustered++;
    else if (lastingA.get(homeA.get(label)) === lastingB.get(homeB.get(label))) kept++;
    if (homeB.get(label) !== null && majorityOfLasting.get(lastingB.get(homeB.get(label))) === label) continued++;
  }
  const statuses = b.run.diff.changes.reduce((m, c) => ({ ...m, [c.status]: (m[c.status] ?? 0) + 1 }), {});
  console.log(
    `  ${kind.padEnd(11)} ${weekA.length}+${weekB.length} tickets, clusters ${a.run.clusters.length}→${b.run.clusters.length}: ` +
      `matched with same majority label ${pct(same, matched.length)} (clusters ≥50% one label: ${pct(sameTopics, topics.length)}); ` +
      `labels ≥20 in both weeks: biggest cluster ` +
      `continues one of that label ${pct(continued, eligible)}, same lasting cluster ${pct(kept, eligible)}` +
      (unclustered ? ` (${unclustered} of them mostly unclustered in a week)` : '') +
      `; ${JSON.stringify(statuses)}`,
  );
  console.log(`              ${diagnose(a, b, matched, labelOf)}`);
}

function events(set, rows, labelOf) {
  const counts = [...labelCounts(rows)]
    .filter(([, n]) => n >= 80)
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1));
  if (counts.length < 6) return console.log(`  events: skipped (fewer than 6 labels with 80+ tickets)`);
  // Mid-sized labels: neither the biggest nor the smallest of the eligible ones.
  const mid = Math.floor(counts.length / 2);
  const [onlyNew, onlyGone, grows] = [counts[mid - 1][0], counts[mid][0], counts[mid + 1][0]];
  const week1 = [];
  const week2 = [];
  const seen = new Map();
  for (const r of rows) {
    const k = seen.get(r.label) ?? 0;
    seen.set(r.label, k + 1);
    if (r.label === onlyNew) week2.push(r);
    else if (r.label === onlyGone) week1.push(r);
    else if (r.label === grows) (k % 4 === 0 ? week1 : week2).push(r);
    else (k % 2 === 0 ? week1 : week2).push(r);
  }
  const w1 = cluster(`${set}-events-1`, week1);
  const w2 = cluster(`${set}-events-2`, week2, ['--baseline', w1.json, '--fail-on-new', '15']);
  const changes = w2.run.diff.changes;
  const lasting2 = new Map(w2.run.clusters.map((c) => [c.id, c.lastingId]));
  const [home1, home2] = [homeCluster(w1.run, labelOf), homeCluster(w2.run, labelOf)];
  const statusOf = (pick) => changes.find(pick)?.status ?? 'unclustered';
  const newStatus = statusOf((c) => c.after?.id === home2.get(onlyNew) && c.id === lasting2.get(home2.get(onlyNew)));
  const goneStatus = statusOf((c) => c.before?.id === home1.get(onlyGone) && !c.after);
  const growStatus = statusOf((c) => c.after?.id === home2.get(grows) && c.id === lasting2.get(home2.get(grows)));
  const newId = lasting2.get(home2.get(onlyNew));
  const planted = new Set([newId, changes.find((c) => c.before?.id === home1.get(onlyGone) && !c.after)?.id]);
  // A planted label may come out as several clusters: those are its own, not false alarms.
  const [majority1, majority2] = [clusterLabels(w1.run, labelOf), clusterLabels(w2.run, labelOf)];
  const others = changes.filter(
    (c) =>
      (c.status === 'new' || c.status === 'gone') &&
      !planted.has(c.id) &&
      (c.after ?? c.before).size >= 15 &&
      !(c.status === 'new' && majority2.get(c.after.id) === onlyNew) &&
      !(c.status === 'gone' && majority1.get(c.before.id) === onlyGone),
  );
  const diff = spawnSync(
    process.execPath,
    [join(root, 'bin/tickets.js'), 'diff', w1.json, w2.json, '--format', 'json'],
    {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    },
  );
  const same = diff.status === 0 && isDeepStrictEqual(JSON.parse(diff.stdout).changes, changes);
  console.log(
    `  events      ${onlyNew} → ${newStatus}, ${onlyGone} → ${goneStatus}, ${grows} (×3) → ${growStatus}; ` +
      `other 15+ new/gone: ${others.length}${others.length ? ` (${others.map((c) => `${c.status} ${c.id} ${c.label}`).join('; ')})` : ''}; ` +
      `exit ${w2.code}${w2.stderr.includes(`${newId} `) ? ' naming ' + newId : ' NOT naming the new cluster'}; tickets diff same changes: ${same}`,
  );
}

function nullDiff(set, week, labelOf) {
  const a = cluster(`${set}-null-a`, week);
  const b = cluster(`${set}-null-b`, shuffled(week, 99), ['--baseline', a.json, '--seed', '7', '--fail-on-new', '15']);
  const flagged = b.run.diff.changes.filter(
    (c) => (c.status === 'new' || c.status === 'gone') && (c.after ?? c.before).size >= 15,
  );
  void labelOf;
  console.log(
    `  null diff   ${week.length} tickets reshuffled, --seed 7: 15+ clusters new/gone ${flagged.length}` +
      `${flagged.length ? ` (${flagged.map((c) => `${c.status} ${c.id} ${c.after?.size ?? c.before.size}`).join(', ')})` : ''}; exit ${b.code}`,
  );
}

console.log(`bench:diff — embedder ${embedder}, up to ${size} tickets per set`);
for (const set of sets) {
  const started = performance.now();
  const rows = shuffled(readLabeledSet(set), 42)
    .slice(0, size)
    .map((r) => ({ id: r.id, text: r.text, label: r.label }));
  const labelOf = new Map(rows.map((r) => [r.id, r.label]));
  console.log(`${set}:`);
  const n = rows.length;
  if (parts.has('disjoint')) identity(set, 'disjoint', rows.slice(0, n / 2), rows.slice(n / 2), labelOf);
  if (parts.has('overlapping')) {
    identity(set, 'overlapping', rows.slice(0, Math.round(n * 0.6)), rows.slice(Math.round(n * 0.4)), labelOf);
  }
  if (parts.has('events')) events(set, rows, labelOf);
  if (parts.has('null')) nullDiff(set, rows.slice(0, Math.floor(n / 2)), labelOf);
  console.log(`  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
else console.log(`run files kept in ${dir}`);
