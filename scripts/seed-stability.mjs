// Seed stability of the cluster stage on the labeled sets: clusterTickets with several seeds on the
// same lexical vectors, ARI between every pair of seeds (noise as one cluster), plus each seed's
// quality against the human labels. The cluster stage must agree with itself at ARI ≥ 0.90.
// With --embed-seeds the lexical embedder takes each seed too (its randomized SVD draws its test
// matrix from it), as `tickets cluster --seed N` does: the agreement a user sees between two runs.
// usage: node scripts/seed-stability.mjs [--sets a,b] [--seeds 1,2,42,7] [--cache DIR] [--embed-seeds] [--opt key=value ...]
import { clusterTickets } from '../dist/cluster/index.js';
import { LexicalEmbedder } from '../dist/embed/lexical/index.js';
import { prepareTicketText } from '../dist/text/index.js';
import { ari, labelVector, nmi } from '../dist/eval/metrics.js';
import { DEFAULT_SETS, clusterOptionsFrom, lexicalVectors, readLabeledSet } from './labeled-sets.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const sets = (flag('--sets') ?? DEFAULT_SETS).split(',');
const seeds = (flag('--seeds') ?? '1,2,42,7').split(',').map(Number);
const cacheDir = flag('--cache');
const extra = clusterOptionsFrom(args);
const embedSeeds = args.includes('--embed-seeds');

const table = [];
for (const set of sets) {
  const records = readLabeledSet(set);
  const fixedVectors = embedSeeds ? null : await lexicalVectors(set, records.map((r) => r.text), cacheDir);
  const truth = labelVector(records.map((r) => r.label));
  const runs = [];
  for (const seed of seeds) {
    const vectors = fixedVectors ?? (await new LexicalEmbedder({ seed }).embed(records.map((r) => prepareTicketText(r.text))));
    const t0 = performance.now();
    const result = clusterTickets(vectors, { ...extra, seed });
    runs.push({ seed, labels: result.labels, clusters: result.clusterCount, seconds: (performance.now() - t0) / 1000 });
  }
  const pairs = [];
  for (let a = 0; a < runs.length; a++) {
    for (let b = a + 1; b < runs.length; b++) pairs.push(ari(runs[a].labels, runs[b].labels));
  }
  const row = {
    set,
    n: records.length,
    minPairARI: Math.min(...pairs).toFixed(3),
    meanPairARI: (pairs.reduce((s, x) => s + x, 0) / pairs.length).toFixed(3),
    NMI: runs.map((r) => nmi(truth, r.labels).toFixed(3)).join('/'),
    ARI: runs.map((r) => ari(truth, r.labels).toFixed(3)).join('/'),
    clusters: runs.map((r) => r.clusters).join('/'),
    sec: (runs.reduce((s, r) => s + r.seconds, 0) / runs.length).toFixed(1),
  };
  table.push(row);
  console.log(JSON.stringify(row));
}
console.log(`seeds ${seeds.join(', ')}${embedSeeds ? ' (embedder and cluster stage)' : ' (cluster stage, vectors of seed 42)'}; pairs: every two seeds; pass when minPairARI ≥ 0.90`);
console.table(table);
