import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative as relativePath } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { UserError } from '../../src/errors.js';
import { TransformerEmbedder } from '../../src/embed/transformer/transformer-embedder.js';
import { maxAbsDiff, referenceVector, TINY_MODEL, tempLocation } from './tiny-model.js';

const TEXTS = [
  'Не могу войти в аккаунт, пароль не подходит',
  'password reset please',
  'my order is late, where is my package',
  'Списали деньги дважды, верните на карту',
  'app crashes after update on android',
  'hello',
  'доставка опоздал курьер',
  'refund money back for damaged item, please help',
  'промокод не работает',
];

const row = (m: { dims: number; data: Float32Array }, i: number) => m.data.subarray(i * m.dims, (i + 1) * m.dims);

async function load(options: Partial<Parameters<typeof TransformerEmbedder.load>[0]> = {}) {
  return TransformerEmbedder.load({ model: TINY_MODEL, offline: true, location: tempLocation(), ...options });
}

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('transformer embedder on a local model directory', () => {
  test('loads offline from the directory with settings read from its config', async () => {
    const embedder = await load();
    expect(embedder.kind).toBe('transformer');
    expect(embedder.model).toBe(TINY_MODEL);
    expect(embedder.profile).toMatchObject({ dimensions: 32, pooling: 'mean', maxTokens: 64, prefix: '' });
    expect(embedder.revision).toMatch(/^[0-9a-f]{40}$/);
    const m = await embedder.embed(TEXTS);
    expect([m.rows, m.dims]).toEqual([TEXTS.length, 32]);
    for (let i = 0; i < m.rows; i++) expect(Math.hypot(...row(m, i))).toBeCloseTo(1, 5);
  });

  test('mean pooling matches onnxruntime-node run directly with a hand-written tokenizer and pooling', async () => {
    const embedder = await load();
    const m = await embedder.embed(TEXTS);
    for (let i = 0; i < TEXTS.length; i++) {
      expect(maxAbsDiff(row(m, i), await referenceVector(TEXTS[i] as string))).toBeLessThan(1e-5);
    }
  });

  test('a batch gives the same vectors as one text at a time (padding does not leak)', async () => {
    const embedder = await load({ batchSize: 4, useCache: false });
    const together = await embedder.embed(TEXTS);
    for (let i = 0; i < TEXTS.length; i++) {
      const alone = await embedder.embed([TEXTS[i] as string]);
      expect(maxAbsDiff(alone.data, row(together, i))).toBeLessThan(1e-6);
    }
  });

  test('long texts are truncated at the maximum tokens', async () => {
    const embedder = await load({ useCache: false });
    const words = Array.from({ length: 200 }, (_, i) => ['order', 'late', 'заказ', 'доставка', 'refund'][i % 5]);
    // 64 tokens = [CLS] + 62 words + [SEP]: everything after word 62 must not matter.
    const long = await embedder.embed([words.join(' ')]);
    const cut = await embedder.embed([words.slice(0, 62).join(' ')]);
    expect(maxAbsDiff(long.data, cut.data)).toBeLessThan(1e-6);
    expect(maxAbsDiff(long.data, await referenceVector(words.join(' ')))).toBeLessThan(1e-5);
  });

  test('cls pooling from a sentence-transformers pooling config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-cls-'));
    cleanup.push(dir);
    cpSync(TINY_MODEL, dir, { recursive: true });
    mkdirSync(join(dir, '1_Pooling'));
    writeFileSync(
      join(dir, '1_Pooling', 'config.json'),
      JSON.stringify({ pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }),
    );
    const embedder = await load({ model: dir, useCache: false });
    expect(embedder.profile.pooling).toBe('cls');
    const a = await embedder.embed(['password reset', 'order late']);
    // CLS is the first token, whose hidden state does not depend on the text in this per-token model.
    expect(maxAbsDiff(row(a, 0), row(a, 1))).toBeLessThan(1e-6);
  });
});

describe('embedding cache through the transformer', () => {
  test('a second run embeds nothing and returns the same vectors', async () => {
    const location = tempLocation();
    const first = await load({ location });
    const a = await first.embed(TEXTS);
    expect(first.stats).toEqual({ embedded: TEXTS.length, cached: 0 });
    const second = await load({ location });
    const b = await second.embed(TEXTS);
    expect(second.stats).toEqual({ embedded: 0, cached: TEXTS.length });
    expect(maxAbsDiff(a.data, b.data)).toBe(0);
  });

  test('a run sharing 90% of its texts embeds only the new 10%', async () => {
    const location = tempLocation();
    const week1 = Array.from({ length: 500 }, (_, i) => `order ${i} late, доставка ${i % 7}`);
    const week2 = [...week1.slice(50), ...Array.from({ length: 50 }, (_, i) => `refund ${i} please, возврат ${i}`)];
    const embedder = await load({ location });
    await embedder.embed(week1);
    const m = await embedder.embed(week2);
    expect(embedder.stats).toEqual({ embedded: 50, cached: 450 });
    const fresh = await (await load({ useCache: false })).embed(week2);
    expect(maxAbsDiff(m.data, fresh.data)).toBeLessThan(1e-6);
  });

  test('duplicate texts and whitespace variants are embedded once', async () => {
    const embedder = await load();
    const m = await embedder.embed(['order late', ' order   late\n', 'order late']);
    expect(embedder.stats).toEqual({ embedded: 1, cached: 0 });
    expect(maxAbsDiff(row(m, 0), row(m, 1))).toBe(0);
  });

  test('a changed model file gets a new revision, so old vectors are not served', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-rev-'));
    cleanup.push(dir);
    cpSync(TINY_MODEL, dir, { recursive: true });
    const location = tempLocation();
    const before = await load({ model: dir, location });
    await before.embed(TEXTS);
    cpSync(join(TINY_MODEL, 'onnx', 'model.onnx'), join(dir, 'onnx', 'model_quantized.onnx'));
    const after = await load({ model: dir, location });
    expect(after.revision).not.toBe(before.revision);
    await after.embed(TEXTS);
    expect(after.stats).toEqual({ embedded: TEXTS.length, cached: 0 });
  });
});

describe('the cache key follows everything that changes the vectors (issue 19)', () => {
  test('a changed pooling or token limit gets a new revision; the model given three ways shares one cache', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-settings-'));
    cleanup.push(dir);
    cpSync(TINY_MODEL, dir, { recursive: true });
    const location = tempLocation();
    const first = await load({ model: dir, location });
    await first.embed(TEXTS);
    mkdirSync(join(dir, '1_Pooling'), { recursive: true });
    writeFileSync(join(dir, '1_Pooling', 'config.json'), JSON.stringify({ pooling_mode_cls_token: true }));
    const pooled = await load({ model: dir, location });
    expect(pooled.revision).not.toBe(first.revision);
    await pooled.embed(TEXTS);
    expect(pooled.stats).toEqual({ embedded: TEXTS.length, cached: 0 });
    writeFileSync(join(dir, 'tokenizer_config.json'), JSON.stringify({ model_max_length: 16 }));
    const shorter = await load({ model: dir, location });
    expect(shorter.revision).not.toBe(pooled.revision);

    // Relative, ./relative and absolute: one cache, so the second and third runs embed nothing.
    const relative = relativePath(process.cwd(), TINY_MODEL);
    const shared = tempLocation();
    const a = await load({ model: relative, location: shared });
    await a.embed(TEXTS);
    for (const model of [`./${relative}`, TINY_MODEL]) {
      const again = await load({ model, location: shared });
      await again.embed(TEXTS);
      expect(again.stats, model).toEqual({ embedded: 0, cached: TEXTS.length });
    }
  });
});

describe('transformer errors', () => {
  test('offline with a hub id that is not cached names the searched path and the fix', async () => {
    const location = tempLocation();
    const err = await load({ model: 'Xenova/all-MiniLM-L6-v2', location }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const message = (err as Error).message;
    expect(message).toContain(join(location.models, 'Xenova/all-MiniLM-L6-v2'));
    expect(message).toContain('tickets models pull Xenova/all-MiniLM-L6-v2');
    expect(message).not.toContain('\n');
  });

  test('a directory that is not a model says which files are missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-notmodel-'));
    cleanup.push(dir);
    writeFileSync(join(dir, 'config.json'), '{}');
    const err = await load({ model: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(
      /not a transformers\.js model directory: missing tokenizer\.json, onnx\/model_quantized\.onnx or onnx\/model\.onnx/,
    );
  });

  test('a model path that does not exist', async () => {
    const err = await load({ model: './no/such/model-dir' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain('does not exist');
  });

  test('a corrupt ONNX file is a one-line error, not a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickets-corrupt-'));
    cleanup.push(dir);
    cpSync(TINY_MODEL, dir, { recursive: true });
    writeFileSync(join(dir, 'onnx', 'model_quantized.onnx'), 'not a protobuf');
    const err = await load({ model: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(/^cannot load the model in ".*corrupt.*": /);
    expect((err as Error).message).not.toContain('\n');
  });
});
