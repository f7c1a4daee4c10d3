// Clustering quality on the labeled sets: embeds each set (the built-in lexical embedder, or
// vectors precomputed into a folder with --vectors DIR as <set>.f32 + <set>.meta "rows dims"),
// runs clusterTickets and prints NMI/ARI (noise as one cluster), noise share, cluster count, time.
// usage: node scripts/cluster-experiment.mjs [--data DIR] [--sets a,b] [--vectors DIR] [--write DIR] [--opt key=value ...]
import { writeFileSync, mkdirSync } from 'node:fs';
import { clusterTickets } from '../dist/cluster/index.js';
import { ari, completeness, homogeneity, nmi, labelVector } from '../dist/eval/metrics.js';
import {
  DEFAULT_SETS,
  clusterOptionsFrom,
  lexicalVectors,
  precomputedVectors,
  readLabeledSet,
} from './labeled-sets.mjs';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sets = (flag('--sets') ?? DEFAULT_SETS).split(',');
const options = { seed: Number(flag('--seed') ?? 42), ...clusterOptionsFrom(args) };
const vectorDir = flag('--vectors');
const writeDir = flag('--write');
// --cache DIR: keep lexical vectors between runs (same format as --vectors).
const cacheDir = flag('--cache');

const embed = (set, texts) => (vectorDir ? precomputedVectors(vectorDir, set) : lexicalVectors(set, texts, cacheDir));

const rows = [];
for (const set of sets) {
  const records = readLabeledSet(set);
  const t0 = performance.now();
  const vectors = await embed(
    set,
    records.map((r) => r.text),
  );
  const t1 = performance.now();
  const result = clusterTickets(vectors, options);
  const t2 = performance.now();
  const truth = labelVector(records.map((r) => r.label));
  let noise = 0;
  for (const c of result.labels) if (c < 0) noise++;
  const row = {
    set,
    n: records.length,
    NMI: nmi(truth, result.labels).toFixed(3),
    ARI: ari(truth, result.labels).toFixed(3),
    hom: homogeneity(truth, result.labels).toFixed(3),
    comp: completeness(truth, result.labels).toFixed(3),
    noise: `${((100 * noise) / records.length).toFixed(1)}%`,
    clusters: result.clusterCount,
    parents: result.parentOf ? new Set(result.parentOf).size : 0,
    embedSec: ((t1 - t0) / 1000).toFixed(1),
    clusterSec: ((t2 - t1) / 1000).toFixed(1),
  };
  rows.push(row);
  console.log(JSON.stringify(row));
  if (writeDir) {
    mkdirSync(writeDir, { recursive: true });
    const lines = [
      'id,cluster',
      ...records.map((r, i) => `${r.id},${result.labels[i] < 0 ? 'noise' : result.labels[i]}`),
    ];
    writeFileSync(`${writeDir}/${set.replace(/\//g, '_')}`.replace(/(\.csv)?$/, '.csv'), lines.join('\n') + '\n');
  }
}
console.table(rows);
