// Cluster-stage speed at 100,000 tickets, and how far the approximate (NN-descent) path is from the
// exact kNN path at 20,000 tickets (StackOverflow20): quality against the human labels (NMI/ARI) of
// each path, plus the ARI between the two labelings and between two seeds for scale.
// Vectors: the lexical embedder over StackOverflow20 + Bitext + CLINC150 texts, repeated with small
// seeded perturbations up to --n rows (default 100000). usage:
//   node scripts/bench-cluster.mjs [--n 100000] [--cache DIR] [--skip-exact]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { clusterTickets, defaultMinClusterSize } from '../dist/cluster/index.js';
import { seededRandom } from '../dist/cluster/random.js';
import { ari, labelVector, nmi } from '../dist/eval/metrics.js';

const DATA = '/work/shared/data';
const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const total = Number(flag('--n') ?? 100_000);
const cacheDir = flag('--cache');

async function lexicalVectors(set) {
  if (cacheDir && existsSync(`${cacheDir}/${set}.meta`)) {
    const [rows, dims] = readFileSync(`${cacheDir}/${set}.meta`, 'utf8').trim().split(/\s+/).map(Number);
    const buf = readFileSync(`${cacheDir}/${set}.f32`);
    return { rows, dims, data: new Float32Array(buf.buffer, buf.byteOffset, rows * dims) };
  }
  const { LexicalEmbedder } = await import('../dist/embed/lexical/index.js');
  const records = parse(readFileSync(`${DATA}/${set}/tickets.csv`), { columns: true, bom: true });
  const vectors = await new LexicalEmbedder({ seed: 42 }).embed(records.map((r) => r.text));
  if (cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cacheDir}/${set}.meta`, `${vectors.rows} ${vectors.dims}\n`);
    writeFileSync(`${cacheDir}/${set}.f32`, Buffer.from(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength));
  }
  return vectors;
}

function gaussian(random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const sources = [];
for (const set of ['stackoverflow20', 'bitext_customer_support', 'clinc150']) sources.push(await lexicalVectors(set));
const dims = Math.min(...sources.map((s) => s.dims));
const random = seededRandom(7);
const data = new Float32Array(total * dims);
const sourceRows = sources.reduce((a, s) => a + s.rows, 0);
for (let i = 0; i < total; i++) {
  let r = i % sourceRows;
  let s = 0;
  while (r >= sources[s].rows) r -= sources[s++].rows;
  const src = sources[s];
  // Copies after the first get a small perturbation (≈ cosine 0.98 to the original).
  const noise = i < sourceRows ? 0 : 0.2 / Math.sqrt(dims);
  let norm = 0;
  for (let t = 0; t < dims; t++) {
    const x = src.data[r * src.dims + t] + noise * gaussian(random);
    data[i * dims + t] = x;
    norm += x * x;
  }
  for (let t = 0; t < dims; t++) data[i * dims + t] /= Math.sqrt(norm) || 1;
}
const big = { rows: total, dims, data };
let t0 = performance.now();
const result = clusterTickets(big, { seed: 1 });
const seconds = (performance.now() - t0) / 1000;
let noise = 0;
for (const l of result.labels) if (l < 0) noise++;
console.log(
  `speed: ${total} tickets × ${dims} dims, minClusterSize ${defaultMinClusterSize(total)}: ${seconds.toFixed(1)} s, ` +
    `${result.clusterCount} clusters, noise ${((100 * noise) / total).toFixed(1)}%`,
);

if (!args.includes('--skip-exact')) {
  const so = sources[0];
  t0 = performance.now();
  const approx = clusterTickets(so, { seed: 1, exactLimit: 0 });
  const tApprox = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const exact = clusterTickets(so, { seed: 1, exactLimit: Infinity });
  const tExact = (performance.now() - t0) / 1000;
  const seed2 = clusterTickets(so, { seed: 2, exactLimit: 0 });
  const records = parse(readFileSync(`${DATA}/stackoverflow20/tickets.csv`), { columns: true, bom: true });
  const truth = labelVector(records.map((r) => r.label));
  const quality = (labels) => `NMI ${nmi(truth, labels).toFixed(3)} ARI ${ari(truth, labels).toFixed(3)}`;
  console.log(`exact kNN, ${so.rows} tickets: ${quality(exact.labels)}, ${exact.clusterCount} clusters, ${tExact.toFixed(1)} s`);
  console.log(`approximate kNN, ${so.rows} tickets: ${quality(approx.labels)}, ${approx.clusterCount} clusters, ${tApprox.toFixed(1)} s`);
  console.log(`approximate seed 2: ${quality(seed2.labels)}, ${seed2.clusterCount} clusters`);
  console.log(
    `agreement (ARI): exact vs approximate ${ari(exact.labels, approx.labels).toFixed(3)}, ` +
      `approximate seed 1 vs seed 2 ${ari(approx.labels, seed2.labels).toFixed(3)}`,
  );
}
