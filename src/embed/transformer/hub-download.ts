// Loading transformers.js (lazily: lexical runs never pay for it) and downloading hub models
// into the tickets model cache.
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import type { CacheLocation } from '../cache/location.js';
import { hubHost, missingModelFiles, probeHub } from './model-source.js';

export type Transformers = typeof import('@huggingface/transformers');

/** Download progress of one model file. */
export type DownloadProgress = (file: string, loaded: number, total: number) => void;

/**
 * Imports transformers.js and points it at our cache. Remote loading stays off except inside
 * downloadModel, so offline mode never touches the network.
 */
export async function loadTransformers(location: CacheLocation, offline: boolean): Promise<Transformers> {
  const transformers = await import('@huggingface/transformers');
  const { env, LogLevel } = transformers;
  env.cacheDir = location.models;
  env.localModelPath = location.models;
  env.allowLocalModels = true;
  env.allowRemoteModels = false;
  env.useFSCache = !offline;
  env.remoteHost = hubHost();
  env.logLevel = LogLevel.ERROR;
  return transformers;
}

/** Downloads a hub model's tokenizer and ONNX weights into the model cache; returns its directory. */
export async function downloadModel(
  transformers: Transformers,
  id: string,
  location: CacheLocation,
  onProgress?: DownloadProgress,
  /** Ends the hub probe after its timeout; default a real timer (tests end it themselves). */
  probeTimeoutSignal?: (ms: number) => AbortSignal,
): Promise<string> {
  const host = hubHost();
  const probe = await probeHub(id, host, undefined, probeTimeoutSignal);
  if (!probe.reachable) {
    throw new UserError(
      `cannot download model "${id}": ${host} is unreachable (${probe.reason}); ` +
        `run "tickets models pull ${id}" with network access, use --offline with a local --model directory, or --embedder lexical`,
    );
  }
  if (!probe.found)
    throw new UserError(
      `model "${id}" was not found on ${host} or needs access rights (check the id, e.g. Xenova/all-MiniLM-L6-v2)`,
    );
  const { env, AutoTokenizer, AutoModel } = transformers;
  const progress_callback = (info: { status: string; file?: string; loaded?: number; total?: number }): void => {
    if (info.status === 'progress' && info.file) onProgress?.(info.file, info.loaded ?? 0, info.total ?? 0);
  };
  env.allowRemoteModels = true;
  env.useFSCache = true;
  try {
    await AutoTokenizer.from_pretrained(id, { progress_callback });
    try {
      const model = await AutoModel.from_pretrained(id, { dtype: 'q8', device: 'cpu', progress_callback });
      await model.dispose();
    } catch (err) {
      // Some repositories only publish full-precision weights.
      if (!/could not locate|not found|404/i.test((err as Error).message ?? '')) throw err;
      const model = await AutoModel.from_pretrained(id, { dtype: 'fp32', device: 'cpu', progress_callback });
      await model.dispose();
    }
  } catch (err) {
    const reason = ((err as Error).message ?? String(err)).split('\n')[0];
    throw new UserError(`download of model "${id}" from ${host} failed: ${reason}`);
  } finally {
    env.allowRemoteModels = false;
  }
  const dir = join(location.models, id);
  const missing = missingModelFiles(dir);
  if (missing.length > 0)
    throw new UserError(
      `download of model "${id}" from ${host} is incomplete: missing ${missing.join(', ')} in ${dir}`,
    );
  return dir;
}
