import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { UserError } from '../../src/errors.js';
import { createEmbedder, downloadNotice } from '../../src/embed/index.js';
import { TransformerEmbedder } from '../../src/embed/transformer/transformer-embedder.js';
import { describeModels, pullModel } from '../../src/cli/models-command.js';
import { clearCache } from '../../src/cli/cache-command.js';
import { closedPort, startTestHub, type TestHub } from './test-hub.js';
import { TINY_MODEL, tempLocation } from './tiny-model.js';

const HUB_ID = 'tickets-test/tiny-model';
const TEXTS = ['password reset please', 'не могу войти в аккаунт', 'order late'];

let saved: NodeJS.ProcessEnv;
let hub: TestHub | null = null;
/**
 * The hub probes' deadlines, held by the test instead of a real 2.5 s timer: on a loaded machine the timer ran out
 * before the local hub's answer was read, and a download test failed with "unreachable" (a probe that times out
 * has its own test, with a deadline the test ends itself). Records each probe's timeout.
 */
const deadlines: number[] = [];
const noDeadline = (ms: number): AbortSignal => {
  deadlines.push(ms);
  return new AbortController().signal;
};
beforeEach(() => {
  saved = { ...process.env };
  delete process.env.TICKETS_OFFLINE;
  deadlines.length = 0;
});
afterEach(async () => {
  process.env = saved;
  await hub?.close();
  hub = null;
});

async function withHub(failing: string[] = []): Promise<TestHub> {
  hub = await startTestHub({ [HUB_ID]: TINY_MODEL }, failing);
  process.env.HF_ENDPOINT = hub.url;
  return hub;
}

describe('createEmbedder', () => {
  test('lexical', async () => {
    const { embedder, notice } = await createEmbedder({ embedder: 'lexical', seed: 1 });
    expect(embedder.kind).toBe('lexical');
    expect(notice).toBeNull();
  });

  test('transformer from a local directory', async () => {
    const { root } = tempLocation();
    const { embedder, notice } = await createEmbedder({
      embedder: 'transformer',
      model: TINY_MODEL,
      seed: 1,
      offline: true,
      cacheDir: root,
    });
    expect([embedder.kind, embedder.model, notice]).toEqual(['transformer', TINY_MODEL, null]);
    const m = await embedder.embed(TEXTS);
    expect(m.dims).toBe(32);
    expect(embedder.stats).toEqual({ embedded: 3, cached: 0 });
  });

  test('auto uses the transformer when the model is a local directory', async () => {
    const { root } = tempLocation();
    const { embedder, notice } = await createEmbedder({
      embedder: 'auto',
      model: TINY_MODEL,
      seed: 1,
      cacheDir: root,
      offline: true,
    });
    expect(embedder.kind).toBe('transformer');
    expect(notice).toBeNull();
  });

  test('auto falls back to lexical offline when the model is not cached, with one notice line', async () => {
    const { root, models } = tempLocation();
    const { embedder, notice } = await createEmbedder({ embedder: 'auto', seed: 1, cacheDir: root, offline: true });
    expect(embedder.kind).toBe('lexical');
    expect(notice).toContain('Xenova/paraphrase-multilingual-MiniLM-L12-v2');
    expect(notice).toContain(models);
    expect(notice).not.toContain('\n');
  });

  test('TICKETS_OFFLINE=1 means offline', async () => {
    process.env.TICKETS_OFFLINE = '1';
    process.env.HF_ENDPOINT = `http://127.0.0.1:${await closedPort()}`;
    const { root } = tempLocation();
    const { embedder, notice } = await createEmbedder({ embedder: 'auto', seed: 1, cacheDir: root });
    expect(embedder.kind).toBe('lexical');
    expect(notice).toContain('offline');
  });

  test('auto falls back when the hub refuses connections', async () => {
    process.env.HF_ENDPOINT = `http://127.0.0.1:${await closedPort()}`;
    const { root } = tempLocation();
    const { embedder, notice } = await createEmbedder({ embedder: 'auto', seed: 1, cacheDir: root });
    expect(embedder.kind).toBe('lexical');
    expect(notice).toContain('unreachable');
  });

  test('auto falls back when the hub does not answer (probe timeout)', async () => {
    const { createServer } = await import('node:net');
    // The probe's deadline passes the moment the hub has the connection: a timeout without waiting 2.5 s for one.
    const deadlines: AbortController[] = [];
    const expire = () =>
      deadlines.shift()?.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    const silent = createServer(() => expire()); // accepts, never answers
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    try {
      process.env.HF_ENDPOINT = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const { root } = tempLocation();
      const { embedder, notice } = await createEmbedder({
        embedder: 'auto',
        seed: 1,
        cacheDir: root,
        probeTimeoutSignal: () => {
          const controller = new AbortController();
          deadlines.push(controller);
          return controller.signal;
        },
      });
      expect(embedder.kind).toBe('lexical');
      expect(notice).toContain('no answer within 2.5 s');
      expect(deadlines).toEqual([]); // the probe did reach the hub
    } finally {
      silent.close();
    }
  });

  test('--embedder transformer offline without the model is an error, not a fallback', async () => {
    const { root } = tempLocation();
    const err = await createEmbedder({ embedder: 'transformer', seed: 1, cacheDir: root, offline: true }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain('offline mode forbids downloading');
  });

  test('remote needs an endpoint', async () => {
    const err = await createEmbedder({ embedder: 'remote', seed: 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain('--endpoint');
  });
});

describe('downloads from the hub (a local test hub over HTTP)', () => {
  test('the notice before the default model is downloaded says how big', () => {
    expect(downloadNotice('Xenova/paraphrase-multilingual-MiniLM-L12-v2', '/c/models', {})).toBe(
      'downloading the embedding model Xenova/paraphrase-multilingual-MiniLM-L12-v2 (about 118 MB, once) from ' +
        'huggingface.co into /c/models/Xenova/paraphrase-multilingual-MiniLM-L12-v2; --embedder lexical or --offline never download',
    );
  });

  test('auto downloads a missing model into the cache, then works offline', async () => {
    const testHub = await withHub();
    const location = tempLocation();
    const said: string[] = [];
    const { embedder, notice } = await createEmbedder({
      embedder: 'auto',
      model: HUB_ID,
      seed: 1,
      cacheDir: location.root,
      notify: (line) => said.push(line),
      probeTimeoutSignal: noDeadline,
    });
    // auto's probe, then the download's.
    expect(deadlines).toEqual([2500, 2500]);
    expect(notice).toBeNull();
    // Said before it happens: what, from where, to where, how to avoid it.
    expect(said).toEqual([
      `downloading the embedding model ${HUB_ID} (size unknown, once) from ${testHub.url} into ` +
        `${join(location.models, HUB_ID)}; --embedder lexical or --offline never download`,
    ]);
    expect(embedder.kind).toBe('transformer');
    expect(existsSync(join(location.models, HUB_ID, 'onnx', 'model_quantized.onnx'))).toBe(true);
    expect(testHub.requests.some((r) => r.endsWith('/onnx/model_quantized.onnx'))).toBe(true);
    const online = await embedder.embed(TEXTS);

    // On disk now: nothing more to say.
    const second = await createEmbedder({
      embedder: 'auto',
      model: HUB_ID,
      seed: 1,
      cacheDir: location.root,
      notify: (line) => said.push(line),
      probeTimeoutSignal: noDeadline,
    });
    expect(second.embedder.kind).toBe('transformer');
    expect(said).toHaveLength(1);

    await testHub.close();
    hub = null;
    const offline = await TransformerEmbedder.load({ model: HUB_ID, offline: true, location, useCache: false });
    const again = await offline.embed(TEXTS);
    expect(Array.from(again.data)).toEqual(Array.from(online.data));
  });

  test('models pull downloads ahead of time, and the listing shows the cache', async () => {
    await withHub();
    const location = tempLocation();
    const lines: string[] = [];
    const summary = await pullModel(HUB_ID, location, (l) => lines.push(l), noDeadline);
    expect(deadlines).toEqual([2500]);
    expect(summary).toContain(join(location.models, HUB_ID));
    expect(lines.some((l) => l.includes('onnx/model_quantized.onnx'))).toBe(true);
    expect(await pullModel(HUB_ID, location, () => undefined)).toContain('already in the model cache');
    const listing = describeModels(location);
    expect(listing).toContain(location.models);
    expect(listing).toContain(location.embeddings);
    expect(listing).toMatch(/Xenova\/paraphrase-multilingual-MiniLM-L12-v2\s+384\s+mean\s+128\s+-\s+no/);
    expect(listing).toContain(`other cached models (settings read from their config): ${HUB_ID}`);
  });

  test('a download that fails midway is a clear error', async () => {
    await withHub(['onnx/model_quantized.onnx']);
    const location = tempLocation();
    const err = await TransformerEmbedder.load({
      model: HUB_ID,
      offline: false,
      location,
      probeTimeoutSignal: noDeadline,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toMatch(
      /^download of model "tickets-test\/tiny-model" from http:\/\/127\.0\.0\.1:\d+\/ failed: Internal server error .*onnx\/model_quantized\.onnx/,
    );
    expect(deadlines).toEqual([2500]);
  });

  test('a hub id the hub does not know', async () => {
    await withHub();
    const location = tempLocation();
    const err = await createEmbedder({
      embedder: 'auto',
      model: 'nobody/nothing',
      seed: 1,
      cacheDir: location.root,
      probeTimeoutSignal: noDeadline,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain('"nobody/nothing" was not found');
  });

  test('transformer with an unreachable hub says how to fix it', async () => {
    process.env.HF_ENDPOINT = `http://127.0.0.1:${await closedPort()}`;
    const err = await TransformerEmbedder.load({
      model: HUB_ID,
      offline: false,
      location: tempLocation(),
      probeTimeoutSignal: noDeadline,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as Error).message).toContain('is unreachable (connection refused)');
  });

  test('cache clear removes embeddings, and models only when asked', async () => {
    const location = tempLocation();
    const embedder = await TransformerEmbedder.load({ model: TINY_MODEL, offline: true, location });
    await embedder.embed(TEXTS);
    expect(existsSync(location.embeddings)).toBe(true);
    expect(clearCache(location, false)).toContain(`removed ${location.embeddings}`);
    expect(existsSync(location.embeddings)).toBe(false);
    const again = await TransformerEmbedder.load({ model: TINY_MODEL, offline: true, location });
    await again.embed(TEXTS);
    expect(again.stats).toEqual({ embedded: 3, cached: 0 });
  });
});
