#!/usr/bin/env node
// npm run bench:quality — `tickets eval` over the labeled sets in ../shared/data, beside the peer's figures.
// Usage: node scripts/bench-quality.mjs [--data <dir>] [--embedder lexical] [--seed 42] [set ...]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchArguments, root } from './bench-arguments.mjs';

const { args, flag, dataDir } = benchArguments();
const embedder = flag('--embedder', 'lexical');
const seed = flag('--seed', '42');

// The peer (BERTopic's documented pipeline, ../shared/tools/peer.py) and the goals of issue 4.
const SETS = {
  clinc150: { peer: [0.701, 0.191, 0.113, 163], goal: [0.78, 0.38] },
  hwu64: { peer: [0.585, 0.173, 0.149, 43], goal: [0.67, 0.35] },
  ru_rutube_support: { peer: [0.329, 0.052, 0.281, 27], goal: [0.41, 0.1] },
  stackoverflow20: { peer: [0.385, 0.039, 0.243, 452], goal: [0.55, 0.24] },
  bitext_customer_support: { peer: [0.547, 0.025, 0.116, 739], goal: [0.65, 0.34] },
};
const chosen = args.length ? args : Object.keys(SETS);

const rows = [];
for (const name of chosen) {
  const file = join(dataDir, name, 'tickets.csv');
  if (!existsSync(file)) {
    console.error(`skip ${name}: ${file} not found`);
    continue;
  }
  const start = performance.now();
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'bin', 'tickets.js'),
      'eval',
      file,
      '--label',
      'label',
      '--text',
      'text',
      '--id',
      'id',
      '--embedder',
      embedder,
      '--seed',
      seed,
      '--json',
      '--quiet',
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  const seconds = (performance.now() - start) / 1000;
  if (res.status !== 0) {
    console.error(`${name}: tickets eval failed (${res.status}): ${res.stderr.trim()}`);
    continue;
  }
  const s = JSON.parse(res.stdout);
  const ref = SETS[name];
  rows.push({ name, s, ref, seconds });
  console.error(
    `${name}: NMI ${s.nmi} ARI ${s.ari} noise ${s.noiseShare} clusters ${s.clusters} (${seconds.toFixed(1)} s)`,
  );
}

const f3 = (x) => x.toFixed(3);
const pct = (x) => `${(x * 100).toFixed(1)}%`;
const lines = [
  `| dataset | tickets (labels) | tickets NMI / ARI | noise | clusters | time | peer NMI / ARI / noise / clusters | goal NMI / ARI | goal met |`,
  `|---|---|---|---|---|---|---|---|---|`,
];
for (const { name, s, ref, seconds } of rows) {
  const [pn, pa, pnoise, pc] = ref.peer;
  const [gn, ga] = ref.goal;
  const met = s.nmi >= gn && s.ari >= ga && s.noiseShare <= 0.1 ? 'yes' : 'no';
  lines.push(
    `| ${name} | ${s.tickets} (${s.labels}) | **${f3(s.nmi)} / ${f3(s.ari)}** | ${pct(s.noiseShare)} | ${s.clusters} | ${seconds.toFixed(1)} s | ${f3(pn)} / ${f3(pa)} / ${pct(pnoise)} / ${pc} | ≥ ${gn} / ≥ ${ga} | ${met} |`,
  );
}
console.log(lines.join('\n'));
