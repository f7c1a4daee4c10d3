// Embeddings from an OpenAI-compatible endpoint (OpenAI, Ollama, TEI, vLLM, LiteLLM), in
// concurrent batches, normalized on arrival, through the same on-disk cache as the local model.
import { UserError } from '../../errors.js';
import type { Embedder, EmbeddingMatrix, EmbedProgress, EmbedStats } from '../../types.js';
import { embedWithCache } from '../cache/cached-embed.js';
import { EmbeddingCache } from '../cache/embedding-cache.js';
import type { CacheLocation } from '../cache/location.js';
import { normalizeRows } from '../../numerics/vectors.js';
import {
  apiKeyFromEnv,
  displayUrl,
  embeddingsUrl,
  requestEmbeddings,
  type ClientOptions,
} from './embeddings-client.js';

export interface RemoteOptions {
  endpoint: string;
  /** Model name sent to the endpoint; omitted from requests when not given (TEI serves one model). */
  model?: string;
  /** Default: TICKETS_API_KEY, then OPENAI_API_KEY. */
  apiKey?: string | null;
  location: CacheLocation;
  useCache?: boolean;
  /** Texts per request (default 64). */
  batchSize?: number;
  /** Requests in flight (default 4). */
  concurrency?: number;
  /** Per request (default 60 s). */
  timeoutMs?: number;
  /** Retries after the first attempt on 429/5xx/timeouts (default 5). */
  maxRetries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Waits between attempts; default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Ends one request after its timeout; default a real timer (AbortSignal.timeout). */
  timeoutSignal?: (ms: number) => AbortSignal;
  /** Expected vector size, when known; a different answer is an error. */
  dimensions?: number;
}

export class RemoteEmbedder implements Embedder {
  readonly kind = 'remote';
  readonly model: string;
  /** The embeddings URL without credentials or query. */
  readonly endpoint: string;
  private readonly client: ClientOptions;
  private readonly cache: EmbeddingCache | null;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private dims: number | null;
  private lastStats: EmbedStats | undefined;

  constructor(options: RemoteOptions) {
    const url = embeddingsUrl(options.endpoint);
    this.endpoint = displayUrl(url);
    this.model = options.model ?? `default model of ${new URL(url).host}`;
    this.client = {
      url,
      model: options.model ?? null,
      apiKey: options.apiKey === undefined ? apiKeyFromEnv() : options.apiKey,
      timeoutMs: options.timeoutMs ?? 60_000,
      maxRetries: options.maxRetries ?? 5,
      baseDelayMs: options.baseDelayMs ?? 500,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      sleep: options.sleep,
      timeoutSignal: options.timeoutSignal,
    };
    this.batchSize = options.batchSize ?? 64;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.dims = options.dimensions ?? null;
    // Same name on another server may be other weights: the endpoint is part of the cache key.
    this.cache =
      options.useCache === false
        ? null
        : EmbeddingCache.forModel(options.location.embeddings, `remote:${this.model}`, this.endpoint);
  }

  get stats(): EmbedStats | undefined {
    return this.lastStats;
  }

  async embed(texts: string[], onProgress?: (p: EmbedProgress) => void): Promise<EmbeddingMatrix> {
    const { matrix, stats } = await embedWithCache(texts, (todo, onDone) => this.computeVectors(todo, onDone), {
      cache: this.cache,
      dims: this.dims,
      model: this.model,
      onProgress,
    });
    this.lastStats = stats;
    if (matrix.dims > 0) this.dims = matrix.dims;
    return matrix;
  }

  /** Sends texts in batches, `concurrency` requests at a time; rows come back normalized. */
  async computeVectors(
    texts: string[],
    onDone: (count: number) => void = () => undefined,
  ): Promise<{ dims: number; data: Float32Array }> {
    const batchCount = Math.ceil(texts.length / this.batchSize);
    const results: Array<Float32Array | undefined> = new Array(batchCount);
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (!failed && next < batchCount) {
        const b = next++;
        const batch = texts.slice(b * this.batchSize, (b + 1) * this.batchSize);
        try {
          results[b] = this.toRows(await requestEmbeddings(batch, this.client));
        } catch (err) {
          failed = true;
          throw err;
        }
        onDone(batch.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, batchCount) }, worker));
    const dims = this.dims ?? 0;
    const data = new Float32Array(texts.length * dims);
    results.forEach((rows, b) => data.set(rows as Float32Array, b * this.batchSize * dims));
    return { dims, data };
  }

  /** Checks every vector has the endpoint's dimension count, then normalizes. */
  private toRows(vectors: number[][]): Float32Array {
    const dims = this.dims ?? vectors[0]?.length ?? 0;
    for (const v of vectors) {
      if (!Array.isArray(v) || v.length === 0)
        throw new UserError(`the embeddings endpoint ${this.endpoint} returned an empty vector`);
      if (v.length !== dims) {
        throw new UserError(
          `the embeddings endpoint ${this.endpoint} returned ${v.length}-dimensional vectors where ${dims} ` +
            `were expected (model "${this.model}"); the model changed or the server mixes models — ` +
            `run "tickets cache clear" if it changed`,
        );
      }
    }
    this.dims = dims;
    const rows = new Float32Array(vectors.length * dims);
    vectors.forEach((v, r) => rows.set(v, r * dims));
    // All-zero rows stay zero: there is no direction to give them.
    normalizeRows(rows, vectors.length, dims);
    return rows;
  }
}
