// Picks the embedder for a run: lexical (always works), transformer (local model), or remote.
import { join } from 'node:path';
import { UserError } from '../errors.js';
import type { Embedder, ProgressReporter, StartProgress } from '../types.js';
import { resolveCacheLocation, offlineFromEnv } from './cache/location.js';
import { LexicalEmbedder } from './lexical/index.js';
import { DEFAULT_MODEL, knownProfile } from './profiles.js';
import { RemoteEmbedder } from './remote/remote-embedder.js';
import { displayUrl } from './remote/embeddings-client.js';
import { probeHub, resolveModelSource } from './transformer/model-source.js';
import { TransformerEmbedder } from './transformer/transformer-embedder.js';

const NO_PROGRESS: ProgressReporter = { update: () => undefined, stop: () => undefined };

export type EmbedderKind = 'auto' | 'lexical' | 'transformer' | 'remote';

export interface EmbedderOptions {
  embedder: EmbedderKind;
  /** Hub id or local directory (transformer), or the model name sent to the endpoint (remote). */
  model?: string;
  /** OpenAI-compatible endpoint for `remote` (with `auto`, giving one selects remote). */
  endpoint?: string;
  /** Never touch the network (also TICKETS_OFFLINE=1). */
  offline?: boolean;
  seed: number;
  /** Shows the model download's progress (the CLI passes its progress bar); none when absent. */
  startProgress?: StartProgress;
  /** Overrides TICKETS_CACHE_DIR / XDG_CACHE_HOME / ~/.cache/tickets. */
  cacheDir?: string;
  /** Use the on-disk embedding cache (default true). */
  useCache?: boolean;
  /** One line before a model is downloaded: what, how big, from where, to where, how to avoid it. */
  notify?: (line: string) => void;
  /** Ends the hub probes (auto's, and the one before a download) after their timeout; default a real timer (tests
   * end them themselves). */
  probeTimeoutSignal?: (ms: number) => AbortSignal;
}

export interface CreatedEmbedder {
  embedder: Embedder;
  /** One line for stderr when `auto` fell back to lexical, else null. */
  notice: string | null;
}

export async function createEmbedder(options: EmbedderOptions): Promise<CreatedEmbedder> {
  const offline = options.offline ?? offlineFromEnv();
  const location = resolveCacheLocation(options.cacheDir);
  const useCache = options.useCache !== false;
  const lexical = (): Embedder => new LexicalEmbedder({ seed: options.seed });
  const transformer = async (model: string): Promise<TransformerEmbedder> => {
    if (!offline && !resolveModelSource(model, location.models).dir) {
      options.notify?.(downloadNotice(model, location.models));
    }
    const download = options.startProgress?.(`downloading ${model} (MB)`) ?? NO_PROGRESS;
    try {
      return await TransformerEmbedder.load({
        model,
        offline,
        location,
        useCache,
        onDownload: weightsProgress((p) => download.update(p)),
        probeTimeoutSignal: options.probeTimeoutSignal,
      });
    } finally {
      download.stop();
    }
  };

  switch (options.embedder) {
    case 'lexical':
      return { embedder: lexical(), notice: null };
    case 'transformer':
      return { embedder: await transformer(options.model ?? DEFAULT_MODEL), notice: null };
    case 'remote':
      return { embedder: remote(options, location, useCache, offline), notice: null };
    case 'auto':
      if (options.endpoint) return { embedder: remote(options, location, useCache, offline), notice: null };
      return autoTransformer(
        options.model ?? DEFAULT_MODEL,
        Boolean(options.model),
        offline,
        location.models,
        transformer,
        lexical,
        options.probeTimeoutSignal,
      );
    default:
      throw new UserError(`unknown embedder "${String(options.embedder)}" (use auto, lexical, transformer or remote)`);
  }
}

/** The line said before a model is downloaded (the first `auto` run downloads the default model). */
export function downloadNotice(model: string, modelsDir: string, env: NodeJS.ProcessEnv = process.env): string {
  const size = knownProfile(model)?.downloadMB;
  const host = env.HF_ENDPOINT ? displayUrl(env.HF_ENDPOINT).replace(/\/$/, '') : 'huggingface.co';
  return (
    `downloading the embedding model ${model} (${size ? `about ${size} MB` : 'size unknown'}, once) from ${host} ` +
    `into ${join(modelsDir, model)}; --embedder lexical or --offline never download`
  );
}

/** Progress of the big file (the ONNX weights) in MB; the small JSON files are not worth a bar. */
function weightsProgress(update: (p: { done: number; total: number }) => void) {
  return (file: string, loaded: number, total: number): void => {
    if (file.endsWith('.onnx') && total > 0)
      update({ done: Math.round(loaded / 1e6), total: Math.max(1, Math.round(total / 1e6)) });
  };
}

function remote(
  options: EmbedderOptions,
  location: ReturnType<typeof resolveCacheLocation>,
  useCache: boolean,
  offline: boolean,
): Embedder {
  if (!options.endpoint)
    throw new UserError(
      '--embedder remote needs --endpoint <url> (an OpenAI-compatible API, e.g. http://localhost:11434/v1)',
    );
  if (offline)
    throw new UserError(
      '--embedder remote cannot run with --offline / TICKETS_OFFLINE=1: it calls the endpoint over the network',
    );
  return new RemoteEmbedder({ endpoint: options.endpoint, model: options.model, location, useCache });
}

/**
 * The transformer when its model is on disk or downloadable, else lexical with a notice. The hub
 * is probed with a short timeout first, so an offline laptop falls back in seconds.
 */
async function autoTransformer(
  model: string,
  explicit: boolean,
  offline: boolean,
  modelsDir: string,
  transformer: (model: string) => Promise<TransformerEmbedder>,
  lexical: () => Embedder,
  probeTimeoutSignal?: (ms: number) => AbortSignal,
): Promise<CreatedEmbedder> {
  const source = resolveModelSource(model, modelsDir); // a bad local directory is an error, not a fallback
  const fallback = (why: string): CreatedEmbedder => ({
    embedder: lexical(),
    notice:
      `transformer model "${model}" is not available (${why}); using the lexical embedder — run ` +
      `"tickets models pull ${model}" with network access for meaning-based clusters`,
  });
  if (!source.dir) {
    if (offline) return fallback(`offline and not in the model cache ${modelsDir}`);
    const probe = await probeHub(model, undefined, undefined, probeTimeoutSignal);
    if (!probe.reachable) return fallback(`the model hub is unreachable: ${probe.reason}`);
    if (!probe.found) {
      if (explicit)
        throw new UserError(
          `model "${model}" was not found on the Hugging Face hub or needs access rights (check the id, e.g. Xenova/all-MiniLM-L6-v2)`,
        );
      return fallback('not found on the hub');
    }
  }
  try {
    return { embedder: await transformer(model), notice: null };
  } catch (err) {
    // A download that breaks midway still leaves the user a result, with the reason.
    if (err instanceof UserError && !source.dir) return fallback(err.message);
    throw err;
  }
}

export { offlineFromEnv } from './cache/location.js';
/** For recording an endpoint in the run file without credentials or query string. */
export { displayUrl } from './remote/embeddings-client.js';
