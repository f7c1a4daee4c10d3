// The approximate kNN graph of the cluster stage, step by step (issue 18): each step's wall time and CPU time
// (all threads, process.cpuUsage), each NN-descent round's updates, the peak RSS, and the graph's recall against
// the exact neighbours of --sample tickets drawn at random (brute force on the float vectors, cached beside the
// vectors). Vectors: a generated export's (--export F, subject + description) or a labeled set's (--set NAME),
// lexical, cached with --cache DIR as profile-cluster.mjs does. TICKETS_THREADS=1 runs it on one thread.
// usage: node scripts/profile-knn.mjs (--export F | --set NAME) [--cache DIR] [--seed 42] [--k 15] [--sample 300]
//        [--opt key=value ...]   (approximateKnn options: trees, leafSize, maxCandidates, searchK, delta, ...)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { approximateKnn } from '../dist/cluster/knn.js';
import { seededRandom } from '../dist/numerics/random.js';
import { lexicalVectors, readLabeledSet } from './labeled-sets.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const cacheDir = flag('--cache');
const seed = Number(flag('--seed') ?? 42);
const k = Number(flag('--k') ?? 15);
const sample = Number(flag('--sample') ?? 300);
const options = {};
args.forEach((a, i) => {
  if (a === '--opt') {
    const [key, value] = args[i + 1].split('=');
    options[key] = Number(value);
  }
});

const exportFile = flag('--export');
const name = exportFile ? basename(exportFile, '.csv') : String(flag('--set'));
/** The texts are read only when the vectors are not cached yet. */
const texts = () => {
  if (!exportFile) return readLabeledSet(name).map((r) => r.text);
  /** @type {Record<string, string>[]} */
  const records = parse(readFileSync(exportFile), { columns: true, bom: true });
  return records.map((r) => `${r.Subject}\n${r.Description}`);
};
const vectors =
  cacheDir && existsSync(`${cacheDir}/${name}.meta`)
    ? await lexicalVectors(name, [], cacheDir)
    : await lexicalVectors(name, texts(), cacheDir);
const { rows: n, dims, data } = vectors;

const cpuSeconds = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
};
console.log(`${name}: ${n} tickets × ${dims} dims, k ${k}, seed ${seed}, load average ${loadavg()[0].toFixed(1)}`);
const started = performance.now();
const cpuStart = cpuSeconds();
let cpu = cpuStart;
const graph = approximateKnn(vectors, k, {
  seed,
  ...options,
  onStep: (step, ms, updates) => {
    const now = cpuSeconds();
    const rounds = updates === undefined ? '' : `   updates ${updates} (${(updates / (n * (k + 10))).toFixed(4)}·n·k)`;
    console.log(
      `  ${step.padEnd(9)} ${(ms / 1000).toFixed(2).padStart(7)} s wall ${(now - cpu).toFixed(2).padStart(7)} s CPU${rounds}`,
    );
    cpu = now;
  },
});
const wall = (performance.now() - started) / 1000;
console.log(
  `kNN graph ${wall.toFixed(2)} s wall, ${(cpuSeconds() - cpuStart).toFixed(2)} s CPU, ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, load average ${loadavg()[0].toFixed(1)}`,
);

// Recall@k against the exact neighbours of sampled tickets (a tie with the k-th exact neighbour counts as found).
const truthFile = cacheDir ? `${cacheDir}/${name}.truth-${k}-${sample}.json` : undefined;
let truth;
if (truthFile && existsSync(truthFile)) truth = JSON.parse(readFileSync(truthFile, 'utf8'));
else {
  const random = seededRandom(1);
  const dots = new Float32Array(n);
  truth = [];
  for (let s = 0; s < sample; s++) {
    const i = Math.floor(random() * n);
    for (let j = 0; j < n; j++) {
      let dot = 0;
      for (let t = 0; t < dims; t++) dot += data[i * dims + t] * data[j * dims + t];
      dots[j] = j === i ? -Infinity : dot;
    }
    const nearest = Array.from({ length: n }, (_, j) => j)
      .sort((a, b) => dots[b] - dots[a])
      .slice(0, k);
    truth.push([i, nearest, dots[nearest[k - 1]]]);
  }
  if (truthFile) writeFileSync(truthFile, JSON.stringify(truth));
}
let found = 0;
for (const [i, nearest, kth] of truth) {
  const exact = new Set(nearest);
  for (let s = 0; s < k; s++) {
    const j = graph.indices[i * k + s];
    let dot = 0;
    for (let t = 0; t < dims; t++) dot += data[i * dims + t] * data[j * dims + t];
    if (exact.has(j) || dot >= kth - 1e-6) found++;
  }
}
console.log(`recall@${k} ${(found / (truth.length * k)).toFixed(4)} on ${truth.length} sampled tickets`);
