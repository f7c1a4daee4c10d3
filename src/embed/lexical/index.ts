// The built-in offline embedder: TF-IDF over stemmed words and in-word character n-grams,
// reduced by a seeded randomized truncated SVD (LSA) to a few hundred L2-normalized dimensions.
// Cost, for n tickets of c characters in all, s = min(n, fitSampleSize) fitted tickets with z TF-IDF entries,
// d ≤ 100,000 columns, k ≤ 256 dimensions and w = k + oversample: vocabulary and rows O(c_sample) time and
// O(2^tableBits) memory; the SVD O(z·w + s·w² + d·w²) time (svd.ts), O(z + (s + d)·w) memory; the projection
// of the other tickets O(c + entries·k) time (projection.ts); the output n × (k + 1) float32, allocated once.
// From 8,000 tickets the features for the vocabulary and the fitted rows are built on two threads (row-threads.ts),
// as are the SVD's products (svd-threads.ts) and the projection (main thread rows, helper products: projection.ts),
// the same bits as on one thread.
import type { Embedder, EmbeddingMatrix, EmbedProgress } from '../../types.js';
import type { FeatureSettings } from './features.js';
import { seededUniform } from '../../numerics/random.js';
import { threadsAllowed, zeroed } from '../../numerics/threads.js';
import type { SparseRows } from './sparse.js';
import { randomizedSvd, type TruncatedSvd } from './svd.js';
import { projectTexts } from './projection.js';
import { svdThreads } from './svd-threads.js';
import { rowThreads, TicketRowThreads } from './row-threads.js';
import { ticketRow, TicketRow, type BlockWeights } from './tfidf.js';
import { pickVocabulary, type VocabularySettings } from './vocabulary.js';

export interface LexicalSettings {
  features: FeatureSettings;
  vocabulary: VocabularySettings;
  weights: BlockWeights;
  /** The SVD is fitted on at most this many tickets (a seeded sample); all tickets are then projected. */
  fitSampleSize: number;
  /** Output dimensions never exceed this share of the ticket count (tiny corpora get fewer). */
  maxDimensionsPerTicket: number;
  /**
   * The randomized SVD: a converged fit (`converged`: 6 power iterations, 80 extra directions) when it costs
   * at most `convergedWork` multiply-adds (a few seconds; small exports, whose many dimensions per ticket
   * reach into the flat part of the spectrum), else `fast` (1 iteration, 16 extra directions), which keeps
   * the geometry of a converged fit (mean |Δcos| 0.05 over ticket pairs, the same nearest neighbours; no
   * iteration: 0.13) at a sixth of its cost or less.
   */
  converged: SvdPlan;
  fast: SvdPlan;
  convergedWork: number;
  /** Component i is scaled by σᵢ^exponent: 1 is plain LSA (U·Σ), 0 whitens (U). */
  singularValueExponent: number;
  /** Drop the first component (close to the corpus mean direction, shared by every ticket). */
  dropFirstComponent: boolean;
}

export const DEFAULT_LEXICAL_SETTINGS: LexicalSettings = {
  features: { wordBigrams: true, charMin: 3, charMax: 5, intentWords: true },
  vocabulary: {
    tableBits: 22,
    minDocumentFrequency: 2,
    maxDocumentShare: 0.5,
    maxWordFeatures: 40_000,
    maxCharFeatures: 60_000,
  },
  weights: { wordShare: 0.4 },
  fitSampleSize: 50_000,
  maxDimensionsPerTicket: 0.1,
  converged: { powerIterations: 6, oversample: 80 },
  fast: { powerIterations: 1, oversample: 16 },
  convergedWork: 4e9,
  singularValueExponent: 1,
  dropFirstComponent: false,
};

export interface LexicalEmbedderOptions {
  seed?: number;
  /** Upper bound on the output dimensions (default 256). */
  dimensions?: number;
  /** Overrides for experiments; the defaults are the measured best general settings. */
  settings?: Partial<LexicalSettings>;
}

export class LexicalEmbedder implements Embedder {
  readonly kind = 'lexical';
  readonly model: string;
  readonly stats = { embedded: 0, cached: 0 };
  private readonly seed: number;
  private readonly dimensions: number;
  private readonly settings: LexicalSettings;

  constructor(options: LexicalEmbedderOptions = {}) {
    this.seed = options.seed ?? 42;
    this.dimensions = Math.max(1, Math.floor(options.dimensions ?? 256));
    this.settings = { ...DEFAULT_LEXICAL_SETTINGS, ...options.settings };
    const f = this.settings.features;
    const words = (f.wordBigrams ? 'word1-2' : 'word1') + (f.intentWords ? '+intent' : '');
    this.model = `tfidf-${words}+char${f.charMin}-${f.charMax}/svd${this.dimensions}`;
  }

  async embed(texts: string[], onProgress?: (p: EmbedProgress) => void): Promise<EmbeddingMatrix> {
    const n = texts.length;
    const progress = (share: number): void => onProgress?.({ done: Math.round(share * n), total: n });
    const s = this.settings;
    progress(0);
    const sample = n > s.fitSampleSize ? seededSample(n, s.fitSampleSize, this.seed) : null;
    const fitCount = sample ? sample.length : n;
    // Small corpora get small hash tables (allocation dominates there) and keep once-seen features.
    const vocabularySettings = {
      ...s.vocabulary,
      tableBits: Math.min(s.vocabulary.tableBits, Math.max(12, Math.ceil(Math.log2(fitCount * 256 + 1)))),
      minDocumentFrequency: fitCount >= 100 ? s.vocabulary.minDocumentFrequency : 1,
    };
    const rows = new TicketRowThreads({ features: s.features, weights: s.weights }, rowThreads(n));
    try {
      const counts = rows.countFeatures(texts, sample, vocabularySettings.tableBits);
      const vocabulary = pickVocabulary(counts, fitCount, vocabularySettings);
      rows.useVocabulary(vocabulary);
      progress(0.15);
      await nextTick();
      const fitThreads = svdThreads(fitCount);
      const fitRows = rows.rows(texts, sample, fitThreads >= 2);
      progress(0.3);
      await nextTick();
      // Fewer dimensions for small corpora (measured better), but never so few that tiny ones collapse.
      const bySize = Math.max(Math.floor(fitCount * s.maxDimensionsPerTicket), Math.min(fitCount, 32));
      const wanted = Math.max(1, Math.min(this.dimensions, bySize));
      const skip = s.dropFirstComponent && wanted > 1 ? 1 : 0;
      const svd = await randomizedSvd(fitRows, wanted + skip, {
        seed: this.seed,
        ...svdPlan(fitRows, wanted + skip, s),
        vectors: sample ? 'right' : 'left',
        threads: fitThreads,
        onProgress: (share) => progress(0.3 + 0.5 * share),
      });
      progress(0.8);
      await nextTick();
      const dims = Math.max(0, svd.rank - skip);
      // One spare column per row, for tickets without a usable feature (see unitRows): no copy later.
      const stride = dims + 1;
      const projected = sample
        ? await projectTexts(
            texts,
            (text: string, row: TicketRow) => ticketRow(text, vocabulary, s.features, s.weights, row),
            new TicketRow(),
            projection(svd, vocabulary.columns, skip, dims, s),
            dims,
            stride,
            svdThreads(n),
            (done) => progress(0.8 + (0.2 * done) / n),
          )
        : scaledLeft(svd, n, skip, dims, stride, s);
      this.stats.embedded = n;
      progress(1);
      return unitRows(projected, n, dims, stride);
    } finally {
      rows.close();
    }
  }
}

export interface SvdPlan {
  powerIterations: number;
  oversample: number;
}

/** The converged plan when its work (two sparse products and an orthonormalization per iteration) fits the budget. */
export function svdPlan(x: SparseRows, rank: number, s: LexicalSettings): SvdPlan {
  const w = Math.min(rank + s.converged.oversample, x.rows, x.cols);
  const work = s.converged.powerIterations * (2 * x.indptr[x.rows] * w + 1.5 * x.rows * w * w);
  return work <= s.convergedWork ? s.converged : s.fast;
}

/** Fitted rows: U·Σ^exponent, without the skipped components, `stride` apart. */
function scaledLeft(
  svd: TruncatedSvd,
  rows: number,
  skip: number,
  dims: number,
  stride: number,
  s: LexicalSettings,
): Float32Array {
  // Born in shared memory when the cluster stage may use a second thread: its kNN search and covariance read the
  // vectors there in place (copying 20,000 × 257 floats there cost the main thread 0.1-0.4 s).
  const out = zeroed(Float32Array, rows * stride, threadsAllowed() >= 2);
  const scale = new Float64Array(dims);
  for (let c = 0; c < dims; c++) scale[c] = svd.singularValues[c + skip] ** s.singularValueExponent;
  // Row by row: both matrices are row-major, so every read and write is sequential.
  for (let i = 0; i < rows; i++) {
    const from = i * svd.rank + skip;
    const to = i * stride;
    for (let c = 0; c < dims; c++) out[to + c] = svd.left[from + c] * scale[c];
  }
  return out;
}

/** P = V·Σ^(exponent-1): a TF-IDF row x maps to x·P, which equals U·Σ^exponent for the fitted rows. */
function projection(svd: TruncatedSvd, columns: number, skip: number, dims: number, s: LexicalSettings): Float32Array {
  const out = new Float32Array(columns * dims);
  for (let c = 0; c < dims; c++) {
    const scale = svd.singularValues[c + skip] ** (s.singularValueExponent - 1);
    for (let j = 0; j < columns; j++) out[j * dims + c] = svd.right[j * svd.rank + c + skip] * scale;
  }
  return out;
}

function nextTick(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** `size` distinct ticket indices chosen by a seeded partial shuffle, in increasing order. */
export function seededSample(n: number, size: number, seed: number): Int32Array {
  const uniform = seededUniform(seed ^ 0x5eed);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(uniform() * (n - i));
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  return order.slice(0, size).sort();
}

/**
 * L2-normalizes every row (rows are `stride` = dims + 1 apart, the last column zero). Tickets with no usable
 * feature (all stop words, or only rare words) get that extra dimension: identical to each other and
 * orthogonal to every worded ticket. Without such tickets the rows are packed to `dims` in place.
 */
function unitRows(vectors: Float32Array, rows: number, dims: number, stride: number): EmbeddingMatrix {
  let empty = false;
  for (let i = 0; i < rows; i++) {
    const at = i * stride;
    let norm = 0;
    for (let c = 0; c < dims; c++) norm += vectors[at + c] ** 2;
    if (norm < 1e-20) {
      empty = true;
      vectors[at + dims] = 1;
      continue;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let c = 0; c < dims; c++) vectors[at + c] *= scale;
  }
  if (empty) return { rows, dims: stride, data: vectors };
  for (let i = 1; i < rows; i++) vectors.copyWithin(i * dims, i * stride, i * stride + dims);
  return { rows, dims, data: vectors.subarray(0, rows * dims) };
}
