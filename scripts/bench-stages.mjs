#!/usr/bin/env node
// npm run bench:stages -- <export.csv> — the stages before clustering (ingest → text → embed, lexical, seed 42),
// run with the pipeline's own functions: per stage wall time, CPU time (user + system, every thread) and RSS at
// its end with the peak so far. CPU time is the figure to compare when the machine is busy.
// With --all, the whole `tickets cluster` job instead (runClusterJob, zero flags, lexical, seed 42: every stage as
// the CLI runs it, the cluster stage too), then the reports the CLI writes (run file, assignments, markdown, table),
// each timed; --layout-epochs N lowers the cluster stage's layout epochs to get past it quickly at 1,000,000 tickets.
// Usage: node scripts/bench-stages.mjs export.csv [--text col[,col]] [--id col] [--all [--layout-epochs N]]
import { readTicketExport } from '../dist/ingest/index.js';
import { prepareExportTexts } from '../dist/text/index.js';
import { removeBoilerplate } from '../dist/text/boilerplate.js';
import { LexicalEmbedder } from '../dist/embed/lexical/index.js';
import { runClusterJob } from '../dist/pipeline.js';
import { renderAssignments, renderMarkdown, renderRunFile, renderTable } from '../dist/report/index.js';

const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const file = args.find((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1].startsWith('--')));
if (!file) {
  console.error(
    'usage: node scripts/bench-stages.mjs export.csv [--text col[,col]] [--id col] [--all [--layout-epochs N]]',
  );
  process.exit(2);
}
const mb = (bytes) => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;
let wall = performance.now();
let cpu = process.cpuUsage();
const lines = [];
function stage(name) {
  const used = process.cpuUsage(cpu);
  lines.push(
    `${name.padEnd(22)} wall ${((performance.now() - wall) / 1000).toFixed(1).padStart(7)} s   cpu ${((used.user + used.system) / 1e6).toFixed(1).padStart(7)} s   ` +
      `rss ${mb(process.memoryUsage.rss()).padStart(9)}   peak ${mb(process.resourceUsage().maxRSS * 1024).padStart(9)}`,
  );
  console.error(lines.at(-1));
  wall = performance.now();
  cpu = process.cpuUsage();
}
if (args.includes('--all')) {
  const epochs = flag('--layout-epochs');
  const run = await runClusterJob(file, {
    ingest: { text: flag('--text')?.split(','), id: flag('--id') },
    embed: { embedder: 'lexical', seed: 42, useCache: false },
    cluster: { seed: 42, ...(epochs ? { tuning: { layoutEpochs: Number(epochs) } } : {}) },
    cost: {},
    recordedOptions: {},
    notify: (line) => console.error(line),
    stages: { begin: () => () => undefined, end: (name) => stage(name) },
  });
  stage('rank (after label)');
  for (const [name, render] of Object.entries({ renderRunFile, renderAssignments, renderMarkdown, renderTable })) {
    const text = render(run, { color: false });
    stage(`${name} (${mb(Buffer.byteLength(text))})`);
  }
  console.error(`${run.totals.clusters} clusters, ${run.totals.noise} noise of ${run.totals.rows} rows`);
  process.exit(0);
}
const ingested = await readTicketExport(file, { text: flag('--text')?.split(','), id: flag('--id') });
stage(`ingest (${ingested.tickets.length.toLocaleString('en-US')})`);
const prepared = prepareExportTexts(ingested);
stage('text: clean + mask');
const { texts } = removeBoilerplate(prepared.texts, { detect: true });
stage('text: boilerplate');
const vectors = await new LexicalEmbedder({ seed: 42 }).embed(texts);
stage(`embed (${vectors.dims} dims)`);
