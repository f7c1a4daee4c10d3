#!/usr/bin/env node
// npm run bench:embed — texts per second of our transformer path (TransformerEmbedder.embed, cache
// off) against onnxruntime-node called directly on the same ONNX file with the same tokenization,
// the same batches and the same pooling. The ratio is the cost of transformers.js plus our code.
//
//   node scripts/bench-embed.mjs [modelDir] [--texts 20000] [--batch 32] [--repeat 3] [--threads N]
//
// Default model: fixtures/tiny-model (tiny, so the ratio stresses per-batch overhead; give a real
// model directory, e.g. ~/.cache/tickets/models/Xenova/paraphrase-multilingual-MiniLM-L12-v2,
// for numbers that reflect real inference).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { resolveCacheLocation } from '../dist/embed/cache/location.js';
import { normalizeText } from '../dist/embed/cache/text-key.js';
import { onnxFile } from '../dist/embed/transformer/model-source.js';
import { poolTokens } from '../dist/embed/transformer/pooling.js';
import { planBatches, TransformerEmbedder } from '../dist/embed/transformer/transformer-embedder.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1]?.startsWith('--')));
const modelDir = resolve(positional[0] ?? join(root, 'fixtures', 'tiny-model'));
const textCount = flag('texts', 20000);
const batchSize = flag('batch', 32);
const repeat = flag('repeat', 3);
const threads = flag('threads', availableParallelism());

/** Seeded ticket-like texts, English and Russian, 4 to 80 words. */
function makeTexts(n) {
  const words = `password reset login account locked cannot sign email code payment card charged twice refund order
delivery late courier package tracking app crash error update phone subscription cancel invoice price discount address
пароль сброс войти аккаунт заблокирован оплата карта списали возврат заказ доставка курьер приложение ошибка подписка`.split(
    /\s+/,
  );
  let s = 12345;
  const rand = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, (_, i) => {
    const len = 4 + Math.floor(rand() ** 2 * 76);
    return `#${i} ${Array.from({ length: len }, () => words[Math.floor(rand() * words.length)]).join(' ')}`;
  });
}

const texts = makeTexts(textCount);
const cacheRoot = mkdtempSync(join(tmpdir(), 'tickets-bench-embed-'));
const embedder = await TransformerEmbedder.load({
  model: modelDir,
  offline: true,
  location: resolveCacheLocation(cacheRoot),
  useCache: false,
  batchSize,
  threads,
});
const { pooling, normalize } = embedder.profile;
const session = await ort.InferenceSession.create(onnxFile(modelDir).file, {
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
});

/** The same work as embedder.embed minus transformers.js: same normalization, batches, tokens, pooling. */
async function direct(all) {
  const normalized = all.map(normalizeText);
  /** @type {Float32Array | null} */
  let out = null;
  for (const batch of planBatches(normalized, batchSize)) {
    const inputs = embedder.tokenize(Array.from(batch, (i) => normalized[i]));
    const feeds = {};
    for (const name of session.inputNames) {
      const t = inputs[name];
      feeds[name] = new ort.Tensor('int64', t.data, t.dims);
    }
    const hidden = /** @type {{ data: Float32Array; dims: readonly number[] }} */ (
      (await session.run(feeds)).last_hidden_state
    );
    const [b, seq, dims] = hidden.dims;
    out ??= new Float32Array(all.length * dims);
    const pooled = new Float32Array(b * dims);
    poolTokens(
      { hidden: hidden.data, mask: inputs.attention_mask.data, batch: b, seq, dims },
      pooling,
      normalize,
      pooled,
    );
    for (let r = 0; r < b; r++) out.set(pooled.subarray(r * dims, (r + 1) * dims), batch[r] * dims);
  }
  return /** @type {Float32Array} */ (out);
}

async function time(fn) {
  const start = performance.now();
  const result = await fn();
  return { seconds: (performance.now() - start) / 1000, result };
}

// Warm-up: first runs allocate arenas and JIT the JS.
await embedder.embed(texts.slice(0, 256));
await direct(texts.slice(0, 256));

const ours = [];
const theirs = [];
let maxDiff = 0;
for (let r = 0; r < repeat; r++) {
  // Alternate the order so neither side always pays for the other's garbage.
  let a;
  let b;
  if (r % 2 === 0) {
    a = await time(() => embedder.embed(texts));
    b = await time(() => direct(texts));
  } else {
    b = await time(() => direct(texts));
    a = await time(() => embedder.embed(texts));
  }
  ours.push(a.seconds);
  theirs.push(b.seconds);
  for (let i = 0; i < b.result.length; i++) maxDiff = Math.max(maxDiff, Math.abs(a.result.data[i] - b.result[i]));
}
const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const oursS = median(ours);
const directS = median(theirs);
console.log(`model: ${modelDir} (${onnxFile(modelDir).dtype}, ${embedder.profile.dimensions} dims)`);
console.log(`texts: ${textCount}, batch ${batchSize}, threads ${threads}, median of ${repeat}`);
console.log(`ours (transformers.js path): ${(textCount / oursS).toFixed(0)} texts/s (${oursS.toFixed(3)} s)`);
console.log(`onnxruntime-node directly:   ${(textCount / directS).toFixed(0)} texts/s (${directS.toFixed(3)} s)`);
// Per-repeat ratios of back-to-back runs cancel most of the drift of a shared machine.
const ratios = ours.map((o, i) => o / theirs[i]);
console.log(
  `ratio ours/direct time: ${(oursS / directS).toFixed(3)}× of medians, ${median(ratios).toFixed(3)}× median of per-run ratios [${ratios.map((r) => r.toFixed(3)).join(', ')}] (goal ≤ 1.10×)`,
);
console.log(`max |difference| between the two paths: ${maxDiff.toExponential(2)}`);
await embedder.dispose();
rmSync(cacheRoot, { recursive: true, force: true });
