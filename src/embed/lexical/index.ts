// The built-in offline embedder: TF-IDF over stemmed words and in-word character n-grams,
// reduced by a seeded randomized truncated SVD (LSA) to a few hundred L2-normalized dimensions.
import type { Embedder, EmbeddingMatrix, EmbedProgress } from '../../types.js';
import type { FeatureSettings } from './features.js';
import { normalizeRows } from '../../numerics/vectors.js';
import { seededUniform } from '../../numerics/random.js';
import { SparseRowsBuilder, type SparseRows } from './sparse.js';
import { randomizedSvd, type TruncatedSvd } from './svd.js';
import { projectRow } from './svd-kernels.js';
import { svdThreads } from './svd-threads.js';
import { ticketRow, TicketRow, type BlockWeights } from './tfidf.js';
import { buildVocabulary, type Vocabulary, type VocabularySettings } from './vocabulary.js';

export interface LexicalSettings {
  features: FeatureSettings;
  vocabulary: VocabularySettings;
  weights: BlockWeights;
  /** The SVD is fitted on at most this many tickets (a seeded sample); all tickets are then projected. */
  fitSampleSize: number;
  /** Output dimensions never exceed this share of the ticket count (tiny corpora get fewer). */
  maxDimensionsPerTicket: number;
  /**
   * Power iterations and extra sketch directions of the randomized SVD. Enough of both that it
   * converges: two seeds then give nearly the same vectors (mean |Δcos| over ticket pairs on HWU64:
   * 0.05 with 1 iteration and 10 extra directions, 0.0014 with these), so `--seed` moves the clusters only as much as
   * the cluster stage itself does. Costs about 30 s more at 100,000 tickets (on two threads).
   */
  powerIterations: number;
  oversample: number;
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
  powerIterations: 6,
  oversample: 80,
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
    const vocabulary = buildVocabulary(texts, sample, s.features, vocabularySettings);
    progress(0.15);
    await nextTick();
    const fitRows = tfidfRows(texts, sample, vocabulary, s);
    progress(0.3);
    await nextTick();
    // Fewer dimensions for small corpora (measured better), but never so few that tiny ones collapse.
    const bySize = Math.max(Math.floor(fitCount * s.maxDimensionsPerTicket), Math.min(fitCount, 32));
    const wanted = Math.max(1, Math.min(this.dimensions, bySize));
    const skip = s.dropFirstComponent && wanted > 1 ? 1 : 0;
    const svd = await randomizedSvd(fitRows, wanted + skip, {
      seed: this.seed,
      oversample: s.oversample,
      powerIterations: s.powerIterations,
      vectors: sample ? 'right' : 'left',
      threads: svdThreads(fitCount),
      onProgress: (share) => progress(0.3 + 0.5 * share),
    });
    progress(0.8);
    await nextTick();
    const dims = Math.max(0, svd.rank - skip);
    const projected = sample
      ? await projectTexts(texts, vocabulary, s, projection(svd, vocabulary.columns, skip, dims, s), dims, (done) =>
          progress(0.8 + (0.2 * done) / n),
        )
      : scaledLeft(svd, n, skip, dims, s);
    this.stats.embedded = n;
    progress(1);
    return unitRows(projected, n, dims);
  }
}

/** Fitted rows: U·Σ^exponent, without the skipped components. */
function scaledLeft(svd: TruncatedSvd, rows: number, skip: number, dims: number, s: LexicalSettings): Float32Array {
  const out = new Float32Array(rows * dims);
  for (let c = 0; c < dims; c++) {
    const scale = svd.singularValues[c + skip] ** s.singularValueExponent;
    for (let i = 0; i < rows; i++) out[i * dims + c] = svd.left[i * svd.rank + c + skip] * scale;
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

function tfidfRows(
  texts: readonly string[],
  sample: Int32Array | null,
  vocabulary: Vocabulary,
  s: LexicalSettings,
): SparseRows {
  const count = sample ? sample.length : texts.length;
  const builder = new SparseRowsBuilder(count, count * 64);
  const row = new TicketRow();
  for (let i = 0; i < count; i++) {
    ticketRow(texts[sample ? sample[i] : i], vocabulary, s.features, s.weights, row);
    builder.append(row.columns, row.values, row.length);
  }
  return builder.finish(vocabulary.columns);
}

// One thread: the product is memory-bound (rows of a ~100 MB projection read at random), and a helper
// thread was barely faster (docs/decisions.md).
async function projectTexts(
  texts: readonly string[],
  vocabulary: Vocabulary,
  s: LexicalSettings,
  projection: Float32Array,
  dims: number,
  onDone: (done: number) => void,
): Promise<Float32Array> {
  const out = new Float32Array(texts.length * dims);
  const row = new TicketRow();
  for (let i = 0; i < texts.length; i++) {
    ticketRow(texts[i], vocabulary, s.features, s.weights, row);
    projectRow(row.columns, row.values, row.length, projection, dims, out, i * dims);
    if ((i + 1) % 10_000 === 0) {
      onDone(i + 1);
      await nextTick();
    }
  }
  return out;
}

/**
 * L2-normalizes every row. Tickets with no usable feature (all stop words, or only rare words) get one
 * extra dimension of their own: identical to each other and orthogonal to every worded ticket.
 */
function unitRows(vectors: Float32Array, rows: number, dims: number): EmbeddingMatrix {
  const empty = normalizeRows(vectors, rows, dims);
  if (empty.length === 0) return { rows, dims, data: vectors };
  const wider = dims + 1;
  const data = new Float32Array(rows * wider);
  for (let i = 0; i < rows; i++) data.set(vectors.subarray(i * dims, (i + 1) * dims), i * wider);
  for (const i of empty) data[i * wider + dims] = 1;
  return { rows, dims: wider, data };
}
