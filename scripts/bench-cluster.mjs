// Cluster-stage speed at 100,000 tickets, and how far the approximate (NN-descent) path is from the
// exact kNN path at 20,000 tickets (StackOverflow20): each path runs with several seeds, and their mean
// quality against the human labels (NMI/ARI) is compared; the ARI between seeds gives the scale.
// Vectors: the lexical embedder over StackOverflow20 + Bitext + CLINC150 texts (cleaned as the CLI
// does; cached by labeled-sets.mjs), repeated with small seeded perturbations up to --n rows
// (default 100000). usage:
//   node scripts/bench-cluster.mjs [--n 100000] [--cache DIR] [--skip-exact] [--seeds 1,2,42]
import { clusterTickets, defaultMinClusterSize } from '../dist/cluster/index.js';
import { ari, labelVector, nmi } from '../dist/eval/metrics.js';
import { expandVectors, lexicalVectors, readLabeledSet } from './labeled-sets.mjs';

const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const total = Number(flag('--n') ?? 100_000);
const cacheDir = flag('--cache');
const recordsOf = new Map();
for (const set of ['stackoverflow20', 'bitext_customer_support', 'clinc150']) recordsOf.set(set, readLabeledSet(set));

const sources = [];
for (const [set, records] of recordsOf)
  sources.push(
    await lexicalVectors(
      set,
      records.map((r) => r.text),
      cacheDir,
    ),
  );
const big = expandVectors(sources, total);
let t0 = performance.now();
const result = clusterTickets(big, { seed: 1 });
const seconds = (performance.now() - t0) / 1000;
let noise = 0;
for (const l of result.labels) if (l < 0) noise++;
console.log(
  `speed: ${total} tickets × ${big.dims} dims, minClusterSize ${defaultMinClusterSize(total)}: ${seconds.toFixed(1)} s, ` +
    `${result.clusterCount} clusters, noise ${((100 * noise) / total).toFixed(1)}%`,
);

if (!args.includes('--skip-exact')) {
  // One seed against one seed says little: two seeds of the same path differ by more than 0.02 ARI.
  // So each path runs with several seeds, and the mean quality of the two paths is compared.
  const so = sources[0];
  const seeds = (flag('--seeds') ?? '1,2,42').split(',').map(Number);
  const truth = labelVector(recordsOf.get('stackoverflow20').map((r) => r.label));
  const paths = { approximate: 0, exact: Infinity };
  const summary = {};
  for (const [name, exactLimit] of Object.entries(paths)) {
    const runs = seeds.map((seed) => {
      const start = performance.now();
      const { labels, clusterCount } = clusterTickets(so, { seed, tuning: { exactLimit } });
      const run = {
        seed,
        labels,
        clusterCount,
        seconds: (performance.now() - start) / 1000,
        nmi: nmi(truth, labels),
        ari: ari(truth, labels),
      };
      console.log(
        `${name} kNN, seed ${seed}: NMI ${run.nmi.toFixed(3)} ARI ${run.ari.toFixed(3)}, ${clusterCount} clusters, ${run.seconds.toFixed(1)} s`,
      );
      return run;
    });
    const mean = (key) => runs.reduce((sum, r) => sum + r[key], 0) / runs.length;
    const pairs = [];
    for (let a = 0; a < runs.length; a++)
      for (let b = a + 1; b < runs.length; b++) pairs.push(ari(runs[a].labels, runs[b].labels));
    summary[name] = { runs, nmi: mean('nmi'), ari: mean('ari'), seedAgreement: pairs };
    console.log(
      `${name} kNN, ${so.rows} tickets, mean of ${runs.length} seeds: NMI ${mean('nmi').toFixed(3)} ARI ${mean('ari').toFixed(3)}; ` +
        `ARI between its seeds ${pairs.map((x) => x.toFixed(3)).join(', ')}`,
    );
  }
  const gap = summary.exact.ari - summary.approximate.ari;
  const sameSeed = seeds.map((_, i) =>
    ari(summary.exact.runs[i].labels, summary.approximate.runs[i].labels).toFixed(3),
  );
  console.log(
    `mean ARI against the labels, exact − approximate: ${gap.toFixed(3)} (limit 0.02); same-seed agreement exact vs approximate: ${sameSeed.join(', ')}`,
  );
}
