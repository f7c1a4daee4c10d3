// Seed stability of the cluster stage on the labeled sets: clusterTickets with several seeds on the
// same lexical vectors, ARI between every pair of seeds (noise as one cluster), plus each seed's
// quality against the human labels. The cluster stage must agree with itself at ARI ≥ 0.90.
// usage: node scripts/seed-stability.mjs [--sets a,b] [--seeds 1,2,42,7] [--cache DIR] [--opt key=value ...]
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { clusterTickets } from '../dist/cluster/index.js';
import { ari, labelVector, nmi } from '../dist/eval/metrics.js';
import { LexicalEmbedder } from '../dist/embed/lexical/index.js';
import { prepareTicketText } from '../dist/text/index.js';

const DATA = '/work/shared/data';
const args = process.argv.slice(2);
const flag = (name) => (args.indexOf(name) >= 0 ? args[args.indexOf(name) + 1] : undefined);
const sets = (flag('--sets') ?? 'clinc150,hwu64,ru_rutube_support,stackoverflow20,bitext_customer_support').split(',');
const seeds = (flag('--seeds') ?? '1,2,42,7').split(',').map(Number);
const cacheDir = flag('--cache');
const extra = {};
args.forEach((a, i) => {
  if (a === '--opt') {
    const [key, value] = args[i + 1].split('=');
    extra[key] = value === 'true' ? true : value === 'false' ? false : Number(value);
  }
});

async function vectorsOf(set, texts) {
  const key = set.replace(/\//g, '_');
  if (cacheDir && existsSync(`${cacheDir}/${key}.meta`)) {
    const [rows, dims] = readFileSync(`${cacheDir}/${key}.meta`, 'utf8').trim().split(/\s+/).map(Number);
    const buf = readFileSync(`${cacheDir}/${key}.f32`);
    return { rows, dims, data: new Float32Array(buf.buffer, buf.byteOffset, rows * dims) };
  }
  const prepared = texts.map((t) => {
    const p = prepareTicketText(t);
    return typeof p === 'string' ? p : p.text;
  });
  const vectors = await new LexicalEmbedder({ seed: 42 }).embed(prepared);
  if (cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cacheDir}/${key}.meta`, `${vectors.rows} ${vectors.dims}\n`);
    writeFileSync(`${cacheDir}/${key}.f32`, Buffer.from(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength));
  }
  return vectors;
}

const table = [];
for (const set of sets) {
  const file = set.endsWith('.csv') ? `${DATA}/${set}` : `${DATA}/${set}/tickets.csv`;
  const records = parse(readFileSync(file), { columns: true, bom: true });
  const vectors = await vectorsOf(set, records.map((r) => r.text));
  const truth = labelVector(records.map((r) => r.label));
  const runs = [];
  for (const seed of seeds) {
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
console.log(`seeds ${seeds.join(', ')}; pairs: every two seeds; pass when minPairARI ≥ 0.90`);
console.table(table);
