// Sentence embeddings with transformers.js (onnxruntime-node, multi-threaded) on the CPU.
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { UserError } from '../../errors.js';
import type { Embedder, EmbeddingMatrix, EmbedProgress, EmbedStats } from '../../types.js';
import { embedWithCache } from '../cache/cached-embed.js';
import { EmbeddingCache } from '../cache/embedding-cache.js';
import type { CacheLocation } from '../cache/location.js';
import { MODEL_PROFILES, profileFor, type ModelProfile } from '../profiles.js';
import { downloadModel, loadTransformers, type DownloadProgress, type Transformers } from './hub-download.js';
import { modelRevision, onnxFile, readConfigHints, resolveModelSource } from './model-source.js';
import { lengthOrder, poolTokens } from './pooling.js';

export interface TransformerOptions {
  /** Hub id or local directory. */
  model: string;
  offline: boolean;
  location: CacheLocation;
  /** Use the on-disk embedding cache (default true). */
  useCache?: boolean;
  /** Texts per model call (default 32). */
  batchSize?: number;
  /** onnxruntime intra-op threads (default: all cores). */
  threads?: number;
  /** Byte progress of each file while a hub model downloads. */
  onDownload?: DownloadProgress;
  /** Ends the hub probe before a download after its timeout; default a real timer (tests end it themselves). */
  probeTimeoutSignal?: (ms: number) => AbortSignal;
}

/** What the tokenizer returns for a padded batch (the subset we use). */
export interface TokenizedBatch {
  input_ids: { data: BigInt64Array; dims: number[] };
  attention_mask: { data: BigInt64Array; dims: number[] };
  token_type_ids?: { data: BigInt64Array; dims: number[] };
}
/** The tokenizer called without padding/truncation: one id list per text. */
interface RawEncoding {
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids?: number[][];
}
export type BatchTokenizer = ((texts: string[], options: Record<string, unknown>) => RawEncoding) & {
  pad_token_id?: number | null;
};
type TensorConstructor = new (
  type: 'int64',
  data: BigInt64Array,
  dims: number[],
) => { data: BigInt64Array; dims: number[] };
type ModelOutput = Record<string, { data: Float32Array; dims: number[] } | undefined>;
type BatchModel = ((inputs: TokenizedBatch) => Promise<ModelOutput>) & { dispose?: () => Promise<unknown> };

/** Batches of text indices, longest texts first, each batch of similar lengths (less padding). */
export function planBatches(texts: readonly string[], batchSize: number): Int32Array[] {
  const order = lengthOrder(texts);
  const batches: Int32Array[] = [];
  for (let start = 0; start < order.length; start += batchSize) batches.push(order.subarray(start, start + batchSize));
  return batches;
}

export class TransformerEmbedder implements Embedder {
  readonly kind = 'transformer';
  readonly model: string;
  readonly profile: ModelProfile;
  /** Hash of the ONNX file and tokenizer; keys the embedding cache. */
  readonly revision: string;
  readonly tokenizer: BatchTokenizer;
  private readonly batchModel: BatchModel;
  private readonly cache: EmbeddingCache | null;
  private readonly batchSize: number;
  private readonly Tensor: TensorConstructor;
  /** Special tokens that close every sequence ([SEP], </s>): kept when a text is truncated. */
  private readonly closingTokens: number;
  private dims: number;
  private lastStats: EmbedStats | undefined;

  private constructor(parts: {
    model: string;
    profile: ModelProfile;
    revision: string;
    tokenizer: BatchTokenizer;
    batchModel: BatchModel;
    cache: EmbeddingCache | null;
    batchSize: number;
    Tensor: TensorConstructor;
  }) {
    this.model = parts.model;
    this.profile = parts.profile;
    this.revision = parts.revision;
    this.tokenizer = parts.tokenizer;
    this.batchModel = parts.batchModel;
    this.cache = parts.cache;
    this.batchSize = parts.batchSize;
    this.Tensor = parts.Tensor;
    this.closingTokens = closingTokenCount(parts.tokenizer);
    this.dims = parts.profile.dimensions;
  }

  get stats(): EmbedStats | undefined {
    return this.lastStats;
  }

  /** Finds (downloading unless offline) and loads the model. Throws UserError when it cannot. */
  static async load(options: TransformerOptions): Promise<TransformerEmbedder> {
    const source = resolveModelSource(options.model, options.location.models);
    const transformers = await loadTransformers(options.location, options.offline);
    let dir = source.dir;
    if (!dir) {
      if (options.offline) {
        throw new UserError(
          `model "${source.id}" is not in the model cache (searched ` +
            `${join(options.location.models, source.id)}) and offline mode forbids downloading; ` +
            `run "tickets models pull ${source.id}" once with network access, or pass --model <local model directory>`,
        );
      }
      dir = await downloadModel(
        transformers,
        source.id,
        options.location,
        options.onDownload,
        options.probeTimeoutSignal,
      );
    }
    const hints = readConfigHints(dir);
    const profile = source.kind === 'local' ? localProfile(source.id, dir, hints) : profileFor(source.id, hints);
    const revision = await modelRevision(dir, join(options.location.embeddings, 'revisions.json'));
    const { dtype } = onnxFile(dir);
    const threads = options.threads ?? availableParallelism();
    const [tokenizer, batchModel] = await loadFromDirectory(transformers, dir, dtype, threads);
    return new TransformerEmbedder({
      model: source.id,
      profile,
      revision,
      tokenizer,
      batchModel,
      cache:
        options.useCache === false
          ? null
          : // A local model is keyed by its absolute directory: "fixtures/m", "./fixtures/m" and "/abs/fixtures/m" share one cache.
            EmbeddingCache.forModel(options.location.embeddings, source.kind === 'local' ? dir : source.id, revision),
      batchSize: options.batchSize ?? 32,
      Tensor: transformers.Tensor as unknown as TensorConstructor,
    });
  }

  async embed(texts: string[], onProgress?: (p: EmbedProgress) => void): Promise<EmbeddingMatrix> {
    const { matrix, stats } = await embedWithCache(texts, (todo, onDone) => this.computeVectors(todo, onDone), {
      cache: this.cache,
      dims: this.dims || null,
      model: this.model,
      onProgress,
    });
    this.lastStats = stats;
    return matrix;
  }

  /** Runs the model on texts (no cache): sorted batches, truncation, pooling, normalization. */
  async computeVectors(
    texts: string[],
    onDone: (count: number) => void = () => undefined,
  ): Promise<{ dims: number; data: Float32Array }> {
    let data = new Float32Array(texts.length * this.dims);
    for (const batch of planBatches(texts, this.batchSize)) {
      const inputs = this.tokenize(Array.from(batch, (i) => texts[i] as string));
      const hidden = lastHiddenState(await this.batchModel(inputs), this.model);
      const [b, seq, dims] = hidden.dims as [number, number, number];
      if (dims !== this.dims) {
        if (this.profile.dimensions !== 0) {
          throw new UserError(
            `model "${this.model}" produced ${dims}-dimensional vectors, but its profile says ${this.dims}; ` +
              `the files do not match the model id`,
          );
        }
        this.dims = dims;
        data = new Float32Array(texts.length * dims);
      }
      const pooled = new Float32Array(b * dims);
      poolTokens(
        { hidden: hidden.data, mask: inputs.attention_mask.data, batch: b, seq, dims },
        this.profile.pooling,
        this.profile.normalize,
        pooled,
      );
      for (let r = 0; r < b; r++) data.set(pooled.subarray(r * dims, (r + 1) * dims), (batch[r] as number) * dims);
      onDone(b);
    }
    return { dims: this.dims, data };
  }

  /** Tokenizes one batch exactly as embed() does: profile prefix, padding, truncation at maxTokens. */
  tokenize(texts: string[]): TokenizedBatch {
    const prefixed = this.profile.prefix ? texts.map((t) => this.profile.prefix + t) : texts;
    const raw = this.tokenizer(prefixed, { padding: false, truncation: false, return_tensor: false });
    return padBatch(raw, this.profile.maxTokens, this.closingTokens, this.tokenizer.pad_token_id ?? 0, this.Tensor);
  }

  async dispose(): Promise<void> {
    await this.batchModel.dispose?.();
  }
}

/**
 * How many special tokens end every encoding: the common tail of the encodings of "" and of a
 * word, beyond their common head ([CLS] x [SEP] vs [CLS] [SEP] → 1).
 */
function closingTokenCount(tokenizer: BatchTokenizer): number {
  const [empty, word] = tokenizer(['', 'a'], { padding: false, truncation: false, return_tensor: false }).input_ids as [
    number[],
    number[],
  ];
  let head = 0;
  while (head < empty.length && empty[head] === word[head]) head++;
  let tail = 0;
  while (tail < empty.length - head && empty[empty.length - 1 - tail] === word[word.length - 1 - tail]) tail++;
  return tail;
}

/**
 * Pads a batch to its longest text and truncates texts longer than maxTokens, keeping the closing
 * special tokens the way Hugging Face truncation does (transformers.js would cut [SEP] off).
 */
export function padBatch(
  raw: RawEncoding,
  maxTokens: number,
  closing: number,
  padId: number,
  Tensor: TensorConstructor,
): TokenizedBatch {
  const b = raw.input_ids.length;
  const seq = Math.max(1, ...raw.input_ids.map((ids) => Math.min(ids.length, maxTokens)));
  const ids = new BigInt64Array(b * seq).fill(BigInt(padId));
  const mask = new BigInt64Array(b * seq);
  const types = raw.token_type_ids ? new BigInt64Array(b * seq) : null;
  for (let r = 0; r < b; r++) {
    const source = raw.input_ids[r] as number[];
    const n = source.length;
    const keep = Math.min(n, maxTokens);
    // Positions taken from the source: the head, then (when cut) the closing tokens from its end.
    const cut = n > maxTokens ? Math.min(closing, keep) : 0;
    for (let t = 0; t < keep; t++) {
      const from = t < keep - cut ? t : n - (keep - t);
      ids[r * seq + t] = BigInt(source[from] as number);
      mask[r * seq + t] = BigInt((raw.attention_mask[r] as number[])[from] as number);
      if (types) types[r * seq + t] = BigInt((raw.token_type_ids?.[r] as number[])[from] as number);
    }
  }
  const batch: TokenizedBatch = {
    input_ids: new Tensor('int64', ids, [b, seq]),
    attention_mask: new Tensor('int64', mask, [b, seq]),
  };
  if (types) batch.token_type_ids = new Tensor('int64', types, [b, seq]);
  return batch;
}

/** A local copy of a known model (directory named like it) keeps the known profile. */
function localProfile(id: string, dir: string, hints: ReturnType<typeof readConfigHints>): ModelProfile {
  const name = basename(dir).toLowerCase();
  const known = MODEL_PROFILES.find((p) => p.id.toLowerCase().split('/').pop() === name);
  return known ? { ...known, id } : { ...profileFor(id, hints), id };
}

function lastHiddenState(output: ModelOutput, model: string): { data: Float32Array; dims: number[] } {
  const hidden = output.last_hidden_state ?? output.token_embeddings;
  if (!hidden || hidden.dims.length !== 3) {
    throw new UserError(
      `model "${model}" has no last_hidden_state output [batch, tokens, dims]; it is not a feature-extraction model`,
    );
  }
  return hidden;
}

async function loadFromDirectory(
  transformers: Transformers,
  dir: string,
  dtype: 'q8' | 'fp32',
  threads: number,
): Promise<[BatchTokenizer, BatchModel]> {
  try {
    // The directory is complete: loading never needs the network, whatever the mode.
    transformers.env.allowRemoteModels = false;
    const tokenizer = (await transformers.AutoTokenizer.from_pretrained(dir)) as unknown as BatchTokenizer;
    const model = (await transformers.AutoModel.from_pretrained(dir, {
      dtype,
      device: 'cpu',
      session_options: { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' },
    })) as unknown as BatchModel;
    return [tokenizer, model];
  } catch (err) {
    if (err instanceof UserError) throw err;
    const reason = (err as Error).message?.split('\n')[0] ?? String(err);
    throw new UserError(`cannot load the model in "${dir}": ${reason}`);
  }
}
