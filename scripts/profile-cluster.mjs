// Where the cluster stage spends its time and memory: each step's wall time and the process's peak RSS
// after it (peak so far, so a step that raises it is the one that allocated). Vectors: a labeled set's
// lexical vectors (--set), or the labeled sets expanded to --n rows as in bench-cluster.mjs; cached
// with --cache DIR so only the cluster stage is timed. Optional quality against the set's labels.
// Or a generated export (scripts/generate-export.mjs: --export FILE --labels FILE; subject + description embedded,
// one-off tickets left out of the score as bench-scale.mjs does).
// usage: node scripts/profile-cluster.mjs [--set stackoverflow20 | --n 100000 | --export F --labels F] [--cache DIR]
//        [--seed 42] [--opt key=value ...] [--save labels.i32]
import { clusterTickets, defaultMinClusterSize } from '../dist/cluster/index.js';
import { removeBoilerplate } from '../dist/text/boilerplate.js';
import { ari, labelVector, nmi } from '../dist/eval/metrics.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ONE_OFF_LABEL } from './generate-export.mjs';
import { clusterOptionsFrom, expandVectors, lexicalVectors, readLabeledSet } from './labeled-sets.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const cacheDir = flag('--cache');
const seed = Number(flag('--seed') ?? 42);
const set = flag('--set');
const mb = (kb) => (kb / 1024).toFixed(0);

let vectors;
let truth;
let scored; // tickets the score counts (all when unset)
const exportFile = flag('--export');
if (exportFile) {
  /** @type {Record<string, string>[]} */
  const records = parse(readFileSync(exportFile), { columns: true, bom: true });
  const texts = records.map((r) => `${r.Subject}\n${r.Description}`);
  // --boilerplate: the recurring formulas left out first, as the pipeline's text stage does (cached apart).
  vectors = args.includes('--boilerplate')
    ? await lexicalVectors(
        `${basename(exportFile, '.csv')}-boilerplate`,
        texts,
        cacheDir,
        (prepared) => removeBoilerplate(prepared).texts,
      )
    : await lexicalVectors(basename(exportFile, '.csv'), texts, cacheDir);
  const labelOf = new Map();
  for (const line of readFileSync(String(flag('--labels')), 'utf8')
    .split('\n')
    .slice(1)) {
    const [id, label] = line.split(',');
    if (line) labelOf.set(id, label);
  }
  const labels = records.map((r) => labelOf.get(r['Ticket ID']));
  scored = labels.flatMap((label, i) => (label === ONE_OFF_LABEL ? [] : [i]));
  truth = labelVector(scored.map((i) => labels[i]));
} else if (set) {
  const records = readLabeledSet(set);
  vectors = await lexicalVectors(
    set,
    records.map((r) => r.text),
    cacheDir,
  );
  truth = labelVector(records.map((r) => r.label));
} else {
  const sources = [];
  for (const name of ['stackoverflow20', 'bitext_customer_support', 'clinc150']) {
    const records = readLabeledSet(name);
    sources.push(
      await lexicalVectors(
        name,
        records.map((r) => r.text),
        cacheDir,
      ),
    );
  }
  vectors = expandVectors(sources, Number(flag('--n') ?? 100_000));
}
const options = clusterOptionsFrom(args);
const before = process.resourceUsage().maxRSS;
console.log(
  `${vectors.rows} tickets × ${vectors.dims} dims, minClusterSize ${defaultMinClusterSize(vectors.rows)}, ` +
    `peak RSS before ${mb(before)} MB`,
);
const start = performance.now();
let cpu = process.cpuUsage();
const result = clusterTickets(vectors, {
  seed,
  ...options,
  onStep: (step, ms) => {
    // CPU time of all threads: on a busy machine it says more than wall time about a step's own cost.
    const used = process.cpuUsage(cpu);
    cpu = process.cpuUsage();
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(
      `  ${step.padEnd(11)} ${(ms / 1000).toFixed(2).padStart(7)} s wall ${cpuSeconds.toFixed(2).padStart(7)} s CPU   ` +
        `peak RSS ${mb(process.resourceUsage().maxRSS)} MB`,
    );
  },
});
const seconds = (performance.now() - start) / 1000;
// --save FILE: each ticket's cluster (Int32, −1 noise) and then each cluster's parent topic, for a closer look.
if (flag('--save')) {
  const saved = new Int32Array([
    result.labels.length,
    result.clusterCount,
    ...result.labels,
    ...(result.parentOf ?? []),
  ]);
  writeFileSync(String(flag('--save')), saved);
}
const load = (await import('node:os')).loadavg()[0].toFixed(1);
let noise = 0;
for (const l of result.labels) if (l < 0) noise++;
// Noise counts as one more cluster, as in bench-scale.mjs; one-off tickets are left out of the score.
const found = scored ? Int32Array.from(scored, (i) => result.labels[i]) : result.labels;
const quality = truth ? `, NMI ${nmi(truth, found).toFixed(3)} ARI ${ari(truth, found).toFixed(3)}` : '';
console.log(
  `cluster stage ${seconds.toFixed(1)} s (load average ${load}), ${result.clusterCount} clusters, noise ${((100 * noise) / vectors.rows).toFixed(1)}%${quality}`,
);
