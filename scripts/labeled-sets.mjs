// Shared by the cluster experiments: read a labeled set from ../shared/data and its lexical vectors,
// cached in a folder as <set>.f32 + <set>.meta ("rows dims") so repeated experiments skip embedding.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { LexicalEmbedder } from '../dist/embed/lexical/index.js';
import { prepareTicketText } from '../dist/text/index.js';
import { seededRandom } from '../dist/numerics/random.js';

// Every script that reads the sets takes --data DIR (default ../shared/data, beside the repository).
const dataFlag = process.argv.indexOf('--data');
export const DATA =
  dataFlag >= 0
    ? resolve(process.argv[dataFlag + 1])
    : resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'data');
export const DEFAULT_SETS = 'clinc150,hwu64,ru_rutube_support,stackoverflow20,bitext_customer_support';

/**
 * A set is a folder under the data directory, or folder/file.csv for another labeled file there.
 * @returns {Array<{ id: string; text: string; label: string }>}
 */
export function readLabeledSet(set) {
  const file = set.endsWith('.csv') ? join(DATA, set) : join(DATA, set, 'tickets.csv');
  return parse(readFileSync(file), { columns: true, bom: true });
}

function readVectors(dir, key) {
  const [rows, dims] = readFileSync(`${dir}/${key}.meta`, 'utf8').trim().split(/\s+/).map(Number);
  const buf = readFileSync(`${dir}/${key}.f32`);
  return { rows, dims, data: new Float32Array(buf.buffer, buf.byteOffset, rows * dims) };
}

/** Lexical vectors of the set's texts (seed 42), from `cacheDir` when it has them. */
export async function lexicalVectors(set, texts, cacheDir, clean = (prepared) => prepared) {
  const key = set.replace(/\//g, '_');
  if (cacheDir && existsSync(`${cacheDir}/${key}.meta`)) return readVectors(cacheDir, key);
  const vectors = await new LexicalEmbedder({ seed: 42 }).embed(clean(texts.map(prepareTicketText)));
  if (cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(`${cacheDir}/${key}.meta`, `${vectors.rows} ${vectors.dims}\n`);
    writeFileSync(
      `${cacheDir}/${key}.f32`,
      Buffer.from(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength),
    );
  }
  return vectors;
}

/** Precomputed vectors from a folder (e.g. a model's), same format as the cache. */
export function precomputedVectors(dir, set) {
  return readVectors(dir, set);
}

/** --opt key=value pairs as cluster options: minClusterSize and minSamples, the rest as tuning (src/cluster/tuning.ts). */
export function clusterOptionsFrom(args) {
  const options = { tuning: {} };
  args.forEach((a, i) => {
    if (a === '--opt') {
      const [key, text] = args[i + 1].split('=');
      const value = text === 'true' ? true : text === 'false' ? false : Number(text);
      if (key === 'minClusterSize' || key === 'minSamples') options[key] = value;
      else options.tuning[key] = value;
    }
  });
  return options;
}

function gaussian(random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * `total` unit vectors from the sources' rows taken in turn; copies after the first pass get a small
 * seeded perturbation (≈ cosine 0.98 to the original): a large input with the sources' topic structure.
 */
export function expandVectors(sources, total) {
  const dims = Math.min(...sources.map((s) => s.dims));
  const random = seededRandom(7);
  const data = new Float32Array(total * dims);
  const sourceRows = sources.reduce((a, s) => a + s.rows, 0);
  for (let i = 0; i < total; i++) {
    let r = i % sourceRows;
    let s = 0;
    while (r >= sources[s].rows) r -= sources[s++].rows;
    const src = sources[s];
    const noise = i < sourceRows ? 0 : 0.2 / Math.sqrt(dims);
    let norm = 0;
    for (let t = 0; t < dims; t++) {
      const x = src.data[r * src.dims + t] + noise * gaussian(random);
      data[i * dims + t] = x;
      norm += x * x;
    }
    for (let t = 0; t < dims; t++) data[i * dims + t] /= Math.sqrt(norm) || 1;
  }
  return { rows: total, dims, data };
}
