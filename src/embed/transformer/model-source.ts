// Where a transformer model comes from: a local directory, the model cache, or the Hugging Face
// hub; and the checks that turn "it does not load" into one clear line.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { writeFileAtomic } from '../../atomic-write.js';
import type { ModelConfigHints, Pooling } from '../profiles.js';
import { networkReason } from '../network.js';

export interface ModelSource {
  /** What the user asked for: a hub id or the directory as given. */
  id: string;
  kind: 'local' | 'hub';
  /** What transformers.js gets: the absolute directory, or the hub id. */
  loadId: string;
  /** Directory holding the files when they are on disk (local, or cached hub model), else null. */
  dir: string | null;
}

/** Files a transformers.js model directory must have (plus one ONNX file from ONNX_FILES). */
export const REQUIRED_FILES = ['config.json', 'tokenizer.json'] as const;
/** Preferred first: the quantized file is 4× smaller and faster on CPU. */
export const ONNX_FILES = ['onnx/model_quantized.onnx', 'onnx/model.onnx'] as const;

const HUB_ID = /^[\w\-.]+\/[\w\-.]+$|^[\w\-.]+$/;

/** Default hub, or HF_ENDPOINT (a mirror, or the test hub). */
export function hubHost(env: NodeJS.ProcessEnv = process.env): string {
  const host = (env.HF_ENDPOINT ?? '').trim() || 'https://huggingface.co';
  return host.endsWith('/') ? host : `${host}/`;
}

function looksLikePath(model: string): boolean {
  return (
    model.startsWith('.') ||
    model.startsWith('~') ||
    isAbsolute(model) ||
    model.includes('\\') ||
    model.split('/').length > 2
  );
}

/** Resolves --model: an existing directory is local; otherwise a hub id, found in the cache or not. */
export function resolveModelSource(model: string, modelsDir: string): ModelSource {
  const expanded = model.startsWith('~/') ? join(homedir(), model.slice(2)) : model;
  if (existsSync(expanded) && statSync(expanded).isDirectory()) {
    const dir = resolve(expanded);
    checkModelDirectory(dir);
    return { id: model, kind: 'local', loadId: dir, dir };
  }
  if (looksLikePath(model) || !HUB_ID.test(model)) {
    throw new UserError(
      `model directory "${model}" does not exist (give a Hugging Face hub id like ${'"Xenova/all-MiniLM-L6-v2"'} or an existing directory)`,
    );
  }
  const cached = join(modelsDir, model);
  return { id: model, kind: 'hub', loadId: model, dir: missingModelFiles(cached).length === 0 ? cached : null };
}

/** Files of a complete model that `dir` lacks ("onnx/model_quantized.onnx or onnx/model.onnx" for the ONNX file). */
export function missingModelFiles(dir: string): string[] {
  const missing: string[] = REQUIRED_FILES.filter((f) => !existsSync(join(dir, f)));
  if (!ONNX_FILES.some((f) => existsSync(join(dir, f)))) missing.push(ONNX_FILES.join(' or '));
  return missing;
}

export function checkModelDirectory(dir: string): void {
  const missing = missingModelFiles(dir);
  if (missing.length > 0) {
    throw new UserError(
      `"${dir}" is not a transformers.js model directory: missing ${missing.join(', ')} (export one with ` +
        `optimum: optimum-cli export onnx --model <id> <dir>, or give a hub id)`,
    );
  }
}

/** The ONNX file transformers.js will load from `dir`, and the dtype that selects it. */
export function onnxFile(dir: string): { file: string; dtype: 'q8' | 'fp32' } {
  const quantized = join(dir, ONNX_FILES[0]);
  return existsSync(quantized) ? { file: quantized, dtype: 'q8' } : { file: join(dir, ONNX_FILES[1]), dtype: 'fp32' };
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Settings an unknown model's files tell us (hidden size, length limits, sentence-transformers pooling). */
export function readConfigHints(dir: string): ModelConfigHints {
  const config = readJson(join(dir, 'config.json')) ?? {};
  const tokenizer = readJson(join(dir, 'tokenizer_config.json')) ?? {};
  const pooling = readJson(join(dir, '1_Pooling', 'config.json'));
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  let mode: Pooling | undefined;
  if (pooling?.pooling_mode_cls_token === true) mode = 'cls';
  else if (pooling?.pooling_mode_mean_tokens === true) mode = 'mean';
  return {
    hiddenSize: num(config.hidden_size) ?? num(config.d_model) ?? num(config.dim),
    maxPositionEmbeddings: num(config.max_position_embeddings),
    tokenizerMaxLength: num(tokenizer.model_max_length),
    pooling: mode,
  };
}

/**
 * Revision of a model on disk: hash of its ONNX file, tokenizer and settings files (config,
 * tokenizer_config, 1_Pooling/config). Part of the embedding cache
 * key, so a re-exported or updated model never serves stale vectors. Hashing a 118 MB file takes
 * a moment, so digests are remembered by path, size and mtime (in `memoFile` across runs).
 */
export async function modelRevision(dir: string, memoFile?: string): Promise<string> {
  const { file } = onnxFile(dir);
  const memo = new Map(Object.entries((memoFile ? readJson(memoFile) : null) ?? {}) as Array<[string, string]>);
  let changed = false;
  const parts: string[] = [];
  for (const f of [file, join(dir, 'tokenizer.json')]) {
    const st = statSync(f);
    const memoKey = `${f}|${st.size}|${st.mtimeMs}`;
    let digest = memo.get(memoKey) ?? revisionMemo.get(memoKey);
    if (!digest) {
      digest = await hashFile(f);
      changed = true;
    }
    memo.set(memoKey, digest);
    revisionMemo.set(memoKey, digest);
    parts.push(digest);
  }
  if (changed && memoFile) saveMemo(memoFile, memo);
  // The small settings files change the vectors too (pooling, token limit, hidden size): hashed whole.
  for (const f of SETTINGS_FILES) {
    try {
      parts.push(
        createHash('sha1')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      );
    } catch {
      parts.push('-'); // absent
    }
  }
  return createHash('sha1').update(parts.join(':')).digest('hex');
}

const revisionMemo = new Map<string, string>();
const SETTINGS_FILES = ['config.json', 'tokenizer_config.json', join('1_Pooling', 'config.json')];

function saveMemo(file: string, memo: Map<string, string>): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    // Only the newest 200 entries: one per model file version is plenty.
    writeFileAtomic(file, JSON.stringify(Object.fromEntries([...memo].slice(-200))));
  } catch {
    // A read-only cache just hashes again next time.
  }
}

function hashFile(file: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha1');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolvePromise(hash.digest('hex')));
  });
}

export type HubProbe = { reachable: true; found: boolean } | { reachable: false; reason: string };

/**
 * Asks the hub for the model's config.json with a short timeout, so an offline machine (DNS
 * failure, refused connection, captive network) falls back within seconds instead of hanging in
 * a download.
 */
export async function probeHub(
  id: string,
  host = hubHost(),
  timeoutMs = 2500,
  /** Tests pass a signal they abort themselves instead of waiting out the timeout. */
  timeoutSignal: (ms: number) => AbortSignal = (ms) => AbortSignal.timeout(ms),
): Promise<HubProbe> {
  try {
    const res = await fetch(`${host}${id}/resolve/main/config.json`, {
      method: 'GET',
      headers: { Range: 'bytes=0-0' },
      signal: timeoutSignal(timeoutMs),
    });
    await res.body?.cancel().catch(() => undefined);
    if (res.status === 404 || res.status === 401) return { reachable: true, found: false };
    if (res.status >= 500) return { reachable: false, reason: `the hub answered HTTP ${res.status}` };
    return { reachable: true, found: true };
  } catch (err) {
    return { reachable: false, reason: networkReason(err, timeoutMs) };
  }
}
