// Shared by the embed tests: the tiny model fixture and an independent reference for it
// (our own WordPiece + onnxruntime-node called directly + pooling written out by hand).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { resolveCacheLocation, type CacheLocation } from '../../src/embed/cache/location.js';

export const TINY_MODEL = resolve(import.meta.dirname, '../../fixtures/tiny-model');

export function tempLocation(): CacheLocation {
  return resolveCacheLocation(mkdtempSync(join(tmpdir(), 'tickets-embed-')));
}

const vocab = (
  JSON.parse(readFileSync(join(TINY_MODEL, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } }
).model.vocab;

/** BERT basic tokenization + greedy WordPiece, written from the algorithm, not from transformers.js. */
export function referenceTokenIds(text: string, maxTokens: number): number[] {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .flatMap((w) => w.split(/([\p{P}\p{S}])/u))
    .filter(Boolean);
  const ids = [vocab['[CLS]'] as number];
  for (const word of words) {
    let start = 0;
    const pieces: number[] = [];
    while (start < word.length) {
      let end = word.length;
      let id: number | undefined;
      while (end > start) {
        id = vocab[(start > 0 ? '##' : '') + word.slice(start, end)];
        if (id !== undefined) break;
        end--;
      }
      if (id === undefined) {
        pieces.length = 0;
        pieces.push(vocab['[UNK]'] as number);
        break;
      }
      pieces.push(id);
      start = end;
    }
    ids.push(...pieces);
  }
  return [...ids.slice(0, maxTokens - 1), vocab['[SEP]'] as number];
}

let session: Promise<ort.InferenceSession> | null = null;

/** Mean-pooled, L2-normalized vector of one text, by onnxruntime-node directly. */
export async function referenceVector(text: string, maxTokens = 64): Promise<Float32Array> {
  session ??= ort.InferenceSession.create(join(TINY_MODEL, 'onnx', 'model_quantized.onnx'));
  const ids = referenceTokenIds(text, maxTokens);
  const n = ids.length;
  const tensor = (values: bigint[]) => new ort.Tensor('int64', BigInt64Array.from(values), [1, n]);
  const out = await (
    await session
  ).run({
    input_ids: tensor(ids.map(BigInt)),
    attention_mask: tensor(ids.map(() => 1n)),
    token_type_ids: tensor(ids.map(() => 0n)),
  });
  const hidden = out.last_hidden_state as ort.Tensor;
  const dims = hidden.dims[2] as number;
  const data = hidden.data as Float32Array;
  const mean = new Float32Array(dims);
  for (let t = 0; t < n; t++)
    for (let d = 0; d < dims; d++) mean[d] = (mean[d] as number) + (data[t * dims + d] as number) / n;
  const norm = Math.hypot(...mean);
  return mean.map((v) => v / norm);
}

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return a.length === b.length ? m : Infinity;
}
