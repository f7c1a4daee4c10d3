#!/usr/bin/env node
// The lexical embedder on one thread and on two (TICKETS_THREADS=1, then 2, in one process, back to back): wall and
// processor seconds of each, and whether the two give the same vectors bit for bit. The texts are an export's,
// cleaned by the tool (ingest and text stages), so the figures are the embed stage's.
// Usage: node scripts/bench-lexical-threads.mjs export.csv [--limit N] [--repeat 1]   (needs `npm run build` first)
import { readTicketExport } from '../dist/ingest/index.js';
import { prepareExportTexts } from '../dist/text/index.js';
import { LexicalEmbedder } from '../dist/embed/lexical/index.js';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const file = args[0];
if (!file || file.startsWith('--')) {
  console.error('usage: node scripts/bench-lexical-threads.mjs export.csv [--limit N] [--repeat 1]');
  process.exit(2);
}
const texts = prepareExportTexts(await readTicketExport(file)).texts.slice(0, option('--limit', Infinity));
const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const results = {};
for (let round = 0; round < option('--repeat', 1); round++) {
  for (const threads of ['1', '2']) {
    process.env.TICKETS_THREADS = threads;
    const [wall0, cpu0] = [performance.now(), cpu()];
    const vectors = await new LexicalEmbedder({ seed: 42 }).embed(texts);
    const wall = (performance.now() - wall0) / 1000;
    console.log(
      `${texts.length} tickets, ${threads} thread(s): ${wall.toFixed(2)} s wall, ${(cpu() - cpu0).toFixed(2)} CPU s`,
    );
    results[threads] = Buffer.from(vectors.data.buffer, vectors.data.byteOffset, vectors.data.byteLength);
  }
  console.log(`same vectors bit for bit: ${results['1'].equals(results['2'])}`);
}
