// Clustering quality on the labeled sets: embeds each set (the built-in lexical embedder, or
// vectors precomputed into a folder with --vectors DIR as <set>.f32 + <set>.meta "rows dims"),
// runs clusterTickets and prints NMI/ARI (noise as one cluster), noise share, cluster count, time.
// usage: node scripts/cluster-experiment.mjs [--sets a,b] [--vectors DIR] [--write DIR] [--opt key=value ...]
import { readFileSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { clusterTickets } from '../dist/cluster/index.js';
import { ari, completeness, homogeneity, nmi, labelVector } from '../dist/eval/metrics.js';

const DATA = '/work/shared/data';
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sets = (flag('--sets') ?? 'clinc150,hwu64,ru_rutube_support,stackoverflow20,bitext_customer_support').split(',');
const options = { seed: Number(flag('--seed') ?? 42) };
args.forEach((a, i) => {
  if (a === '--opt') {
    const [key, value] = args[i + 1].split('=');
    options[key] = value === 'true' ? true : value === 'false' ? false : Number(value);
  }
});
const vectorDir = flag('--vectors');
const writeDir = flag('--write');
// --cache DIR: keep lexical vectors between runs (same format as --vectors).
const cacheDir = flag('--cache');

async function embed(set, texts) {
  if (vectorDir) {
    const [rows, dims] = readFileSync(`${vectorDir}/${set}.meta`, 'utf8').trim().split(/\s+/).map(Number);
    const buf = readFileSync(`${vectorDir}/${set}.f32`);
    return { rows, dims, data: new Float32Array(buf.buffer, buf.byteOffset, rows * dims) };
  }
  const key = set.replace(/\//g, '_');
  if (cacheDir && existsSync(`${cacheDir}/${key}.meta`)) {
    const [rows, dims] = readFileSync(`${cacheDir}/${key}.meta`, 'utf8').trim().split(/\s+/).map(Number);
    const buf = readFileSync(`${cacheDir}/${key}.f32`);
    return { rows, dims, data: new Float32Array(buf.buffer, buf.byteOffset, rows * dims) };
  }
  const { LexicalEmbedder } = await import('../dist/embed/lexical/index.js');
  let prepared = texts;
  if (existsSync(new URL('../dist/text/index.js', import.meta.url))) {
    const text = await import('../dist/text/index.js');
    if (typeof text.prepareTicketText === 'function') prepared = texts.map((t) => {
      const p = text.prepareTicketText(t);
      return typeof p === 'string' ? p : p.text;
    });
  }
  const vectors = await new LexicalEmbedder({ seed: 42 }).embed(prepared);
  if (cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cacheDir}/${key}.meta`, `${vectors.rows} ${vectors.dims}\n`);
    writeFileSync(`${cacheDir}/${key}.f32`, Buffer.from(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength));
  }
  return vectors;
}

const rows = [];
for (const set of sets) {
  // A set is a folder under the data directory, or folder/file.csv for another labeled file there.
  const file = set.endsWith('.csv') ? `${DATA}/${set}` : `${DATA}/${set}/tickets.csv`;
  const records = parse(readFileSync(file), { columns: true, bom: true });
  const t0 = performance.now();
  const vectors = await embed(set, records.map((r) => r.text));
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
    const lines = ['id,cluster', ...records.map((r, i) => `${r.id},${result.labels[i] < 0 ? 'noise' : result.labels[i]}`)];
    writeFileSync(`${writeDir}/${set.replace(/\//g, '_')}`.replace(/(\.csv)?$/, '.csv'), lines.join('\n') + '\n');
  }
}
console.table(rows);
