// Embedding quality without a clusterer: the share of each ticket's 10 nearest neighbours (cosine) that
// share its human label, on the labeled sets in ../shared/data (--data DIR). Compares LexicalEmbedder variants
// against a plain word-unigram TF-IDF baseline (no SVD). Optional --cluster runs clusterTickets + score.py.
//
//   npm run build && node scripts/knn-purity.mjs [--data DIR] [--sets clinc150,hwu64] [--variants default,q1] [--queries 2000] [--cluster]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { LexicalEmbedder } from '../dist/embed/lexical/index.js';
import { seededUniform } from '../dist/numerics/random.js';
import { contentWords } from '../dist/text/tokens.js';
import { DATA } from './labeled-sets.mjs';

// The scorer sits beside the data: <data>/../tools/score.py.
const SCORER = join(dirname(DATA), 'tools', 'score.py');
const SETS = ['clinc150', 'hwu64', 'ru_rutube_support', 'stackoverflow20', 'bitext_customer_support'];
const K = 10;

// Variants are LexicalEmbedder settings overrides (merged one level deep into the defaults).
const VARIANTS = {
  default: {},
  q1: { powerIterations: 1 },
  d128: { dimensions: 128 },
  d192: { dimensions: 192 },
  d384: { dimensions: 384 },
  drop1: { dropFirstComponent: true },
  whiten: { singularValueExponent: 0 },
  half: { singularValueExponent: 0.5 },
  words: { weights: { wordShare: 1 } },
  chars: { weights: { wordShare: 0 } },
  w30: { weights: { wordShare: 0.3 } },
  w70: { weights: { wordShare: 0.7 } },
  unigrams: { features: { wordBigrams: false, charMin: 3, charMax: 5 } },
  char2_4: { features: { wordBigrams: true, charMin: 2, charMax: 4 } },
  char3_6: { features: { wordBigrams: true, charMin: 3, charMax: 6 } },
  char4_5: { features: { wordBigrams: true, charMin: 4, charMax: 5 } },
  small: { vocabulary: { maxWordFeatures: 10_000, maxCharFeatures: 15_000 } },
  dpt10: { maxDimensionsPerTicket: 0.1 },
  dpt50: { maxDimensionsPerTicket: 0.5 },
  dpt05: { maxDimensionsPerTicket: 0.05 },
  w50: { weights: { wordShare: 0.5 } },
  q2: { powerIterations: 2 },
};

function argument(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

async function cleaner() {
  try {
    const text = await import('../dist/text/index.js');
    if (typeof text.prepareTicketText === 'function') return (t) => text.prepareTicketText(t);
  } catch {
    // src/text/index.ts not built yet: raw text.
  }
  return null;
}

function load(set, clean) {
  /** @type {Array<Record<string, string>>} */
  const rows = parse(readFileSync(join(DATA, set, 'tickets.csv')), { columns: true, skip_empty_lines: true });
  const prepared = rows.map((r) => (clean ? clean(r.text) : r.text));
  const texts = prepared.map((p) => (typeof p === 'string' ? p : (p?.text ?? String(p))));
  return { ids: rows.map((r) => r.id), texts, labels: rows.map((r) => r.label) };
}

function queryIndices(n, count) {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  const uniform = seededUniform(99);
  const chosen = new Set();
  while (chosen.size < count) chosen.add(Math.floor(uniform() * n));
  return [...chosen].sort((a, b) => a - b);
}

/** Mean share of the K nearest neighbours with the same label; `score(q, out)` fills similarities to all rows. */
function purity(n, labels, queries, score) {
  const sims = new Float32Array(n);
  let total = 0;
  for (const q of queries) {
    score(q, sims);
    sims[q] = -Infinity;
    const top = topK(sims, K);
    let same = 0;
    for (const j of top) if (labels[j] === labels[q]) same++;
    total += same / K;
  }
  return total / queries.length;
}

function topK(sims, k) {
  const best = [];
  for (let j = 0; j < sims.length; j++) {
    const s = sims[j];
    if (best.length < k) {
      best.push(j);
      best.sort((a, b) => sims[b] - sims[a]);
    } else if (s > sims[best[k - 1]]) {
      best[k - 1] = j;
      best.sort((a, b) => sims[b] - sims[a]);
    }
  }
  return best;
}

function denseScorer(m) {
  return (q, out) => {
    const base = q * m.dims;
    for (let j = 0; j < m.rows; j++) {
      let dot = 0;
      const o = j * m.dims;
      for (let c = 0; c < m.dims; c++) dot += m.data[base + c] * m.data[o + c];
      out[j] = dot;
    }
  };
}

/** Baseline: unstemmed word-unigram TF-IDF (sublinear tf, smooth idf, L2), exact cosine via an inverted index. */
function baselineScorer(texts) {
  const vocab = new Map();
  const docs = texts.map((t) => {
    const counts = new Map();
    for (const w of contentWords(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
    return counts;
  });
  const df = new Map();
  for (const d of docs) for (const w of d.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const n = texts.length;
  const postings = new Map();
  const vectors = docs.map((d, i) => {
    const entries = [...d].map(([w, tf]) => [w, (1 + Math.log(tf)) * (Math.log((1 + n) / (1 + df.get(w))) + 1)]);
    const norm = Math.hypot(...entries.map((e) => e[1])) || 1;
    for (const e of entries) {
      e[1] /= norm;
      if (!postings.has(e[0])) postings.set(e[0], []);
      postings.get(e[0]).push([i, e[1]]);
    }
    return entries;
  });
  void vocab;
  return (q, out) => {
    out.fill(0);
    for (const [w, v] of vectors[q]) for (const [j, u] of postings.get(w)) out[j] += v * u;
  };
}

async function embedWith(variant, texts, defaults) {
  const { dimensions, ...settings } = VARIANTS[variant];
  const full = { ...settings };
  for (const key of ['features', 'vocabulary', 'weights'])
    if (settings[key]) full[key] = { ...defaults[key], ...settings[key] };
  const started = performance.now();
  const m = await new LexicalEmbedder({ seed: 42, dimensions, settings: full }).embed(texts);
  return { m, seconds: (performance.now() - started) / 1000 };
}

async function scoreClusters(set, ids, m) {
  const { clusterTickets } = await import('../dist/cluster/index.js');
  const started = performance.now();
  const a = clusterTickets(m, { seed: 42 });
  const seconds = (performance.now() - started) / 1000;
  const dir = mkdtempSync(join(tmpdir(), 'knn-purity-'));
  const file = join(dir, 'assign.csv');
  writeFileSync(
    file,
    'id,cluster\n' + ids.map((id, i) => `${id},${a.labels[i] < 0 ? 'noise' : a.labels[i]}`).join('\n') + '\n',
  );
  const out = execFileSync('python3', [SCORER, join(DATA, set, 'tickets.csv'), file], {
    encoding: 'utf8',
  });
  return `${out.trim().replace(/\s+/g, ' ')} (cluster ${seconds.toFixed(1)}s)`;
}

const sets = argument('sets', SETS.join(',')).split(',');
const variants = argument('variants', 'default').split(',');
const queriesWanted = Number(argument('queries', '2000'));
const withClusters = process.argv.includes('--cluster');
const withBaseline = !process.argv.includes('--no-baseline');
const clean = await cleaner();
const { DEFAULT_LEXICAL_SETTINGS } = await import('../dist/embed/lexical/index.js');
console.log(`text cleaning: ${clean ? 'prepareTicketText' : 'raw'}; k=${K}; queries ≤ ${queriesWanted}`);
const table = [];
for (const set of sets) {
  const { ids, texts, labels } = load(set, clean);
  const queries = queryIndices(texts.length, queriesWanted);
  const row = { set, n: texts.length };
  if (withBaseline) row.baseline = purity(texts.length, labels, queries, baselineScorer(texts)).toFixed(3);
  for (const v of variants) {
    const { m, seconds } = await embedWith(v, texts, DEFAULT_LEXICAL_SETTINGS);
    row[v] = `${purity(texts.length, labels, queries, denseScorer(m)).toFixed(3)} (${m.dims}d ${seconds.toFixed(1)}s)`;
    if (withClusters) console.log(`${set} ${v}: ${await scoreClusters(set, ids, m)}`);
  }
  console.log(JSON.stringify(row));
  table.push(row);
}
console.table(table);
