// What we know about each supported embedding model: the numbers transformers.js cannot guess
// (pooling, the query prefix, the length the model was trained on).

export type Pooling = 'mean' | 'cls';

export interface ModelProfile {
  /** Hugging Face hub id, or the directory path for a local model. */
  id: string;
  dimensions: number;
  pooling: Pooling;
  /** Prepended to every text (e5 models were trained with "query: "). */
  prefix: string;
  /** Longer inputs are truncated to this many tokens (special tokens included). */
  maxTokens: number;
  /** L2-normalize the pooled vector (always true for our cosine-based clustering). */
  normalize: boolean;
  /** One line for `tickets models`. */
  description: string;
  /** What a download fetches (config, tokenizer, quantized ONNX weights), in MB, for the notice before it. */
  downloadMB?: number;
}

export const DEFAULT_MODEL = 'Xenova/paraphrase-multilingual-MiniLM-L12-v2';

export const MODEL_PROFILES: readonly ModelProfile[] = [
  {
    id: DEFAULT_MODEL,
    dimensions: 384,
    pooling: 'mean',
    prefix: '',
    maxTokens: 128,
    normalize: true,
    description: 'default; 50+ languages incl. Russian; ~118 MB quantized',
    downloadMB: 118,
  },
  {
    id: 'Xenova/multilingual-e5-small',
    dimensions: 384,
    pooling: 'mean',
    prefix: 'query: ',
    maxTokens: 512,
    normalize: true,
    description: 'multilingual (~100 languages); texts get the "query: " prefix; ~118 MB quantized',
    downloadMB: 118,
  },
  {
    id: 'Xenova/all-MiniLM-L6-v2',
    dimensions: 384,
    pooling: 'mean',
    prefix: '',
    maxTokens: 256,
    normalize: true,
    description: 'English only; fastest; ~23 MB quantized',
    downloadMB: 23,
  },
  {
    id: 'Xenova/bge-small-en-v1.5',
    dimensions: 384,
    pooling: 'cls',
    prefix: '',
    maxTokens: 512,
    normalize: true,
    description: 'English only; CLS pooling; ~34 MB quantized',
    downloadMB: 34,
  },
];

export function knownProfile(id: string): ModelProfile | null {
  return MODEL_PROFILES.find((p) => p.id.toLowerCase() === id.toLowerCase()) ?? null;
}

/** The parts of a model's config.json / tokenizer_config.json / 1_Pooling/config.json we read. */
export interface ModelConfigHints {
  hiddenSize?: number;
  maxPositionEmbeddings?: number;
  tokenizerMaxLength?: number;
  /** From sentence-transformers' 1_Pooling/config.json, when the repository has one. */
  pooling?: Pooling;
}

// Tokenizers often report a huge sentinel (1e30) for "no limit"; BERT-style models stop at 512.
const FALLBACK_MAX_TOKENS = 512;

/** Profile for any model: the known one, else defaults read from its config (mean pooling). */
export function profileFor(id: string, hints: ModelConfigHints): ModelProfile {
  const known = knownProfile(id);
  if (known) return known;
  const limits = [hints.maxPositionEmbeddings, hints.tokenizerMaxLength, FALLBACK_MAX_TOKENS].filter(
    (n): n is number => typeof n === 'number' && Number.isFinite(n) && n > 2,
  );
  return {
    id,
    dimensions: hints.hiddenSize ?? 0,
    pooling: hints.pooling ?? 'mean',
    prefix: '',
    maxTokens: Math.min(...limits),
    normalize: true,
    description: 'not a known profile: settings read from its config',
  };
}
