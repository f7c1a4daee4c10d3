#!/usr/bin/env node
// npm run bench:scale — end-to-end time and peak memory of `tickets cluster` (lexical embedder, zero flags) on
// generated helpdesk exports of 10,000 / 100,000 / 1,000,000 tickets (scripts/generate-export.mjs), per stage
// (the run file's `timings`), and how well the planted topics are recovered (NMI / ARI, noise as one more
// cluster; the 3% one-off tickets left out of the score). With --peer, StackOverflow20 (20,000 real tickets) is run
// by both tools in the same minutes and scored with ../shared/tools/score.py.
// With --distinct the exports are the all-different ones (scripts/generate-export.mjs --distinct: each ticket with
// its customer's own details, as in a real export), reported as their own rows. Every row says the share of distinct
// texts once cleaned by the tool (scripts/distinct-share.mjs, computed once per kept export): the text and embed
// stages do each distinct text once, so a templated export costs less than a real one of the same size. Processor
// seconds (user + system, both threads) are given per stage and in all (the `--verbose` summary): the figures to
// compare when the machine is busy with other work.
// Usage: node scripts/bench-scale.mjs [--sizes 10000,100000,1000000] [--distinct] [--peer] [--data DIR]
//        [--timeout-min 20] [--keep DIR]   (generated exports are kept in DIR between runs; default: temp dir)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ari, labelVector, nmi } from '../dist/eval/metrics.js';
import { ONE_OFF_LABEL, writeGeneratedExport } from './generate-export.mjs';
import { distinctShare } from './distinct-share.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const sizes = (option('--sizes') ?? '10000,100000,1000000').split(',').map(Number);
const data = resolve(option('--data') ?? join(root, '..', 'shared', 'data'));
const timeoutMs = Number(option('--timeout-min') ?? 20) * 60_000;
const keep = resolve(option('--keep') ?? join(tmpdir(), 'tickets-bench-scale'));
const distinct = args.includes('--distinct');
mkdirSync(keep, { recursive: true });
const out = mkdtempSync(join(tmpdir(), 'tickets-scale-run-'));
const hasTime = existsSync('/usr/bin/time');

/** Runs a command under /usr/bin/time; resolves with wall seconds, processor seconds and peak RSS (bytes). */
function measured(command, argv) {
  return new Promise((done) => {
    const start = performance.now();
    const wrapped = hasTime
      ? ['/usr/bin/time', ['-f', 'peak-rss-kb %M cpu-s %U %S', command, ...argv]]
      : [command, argv];
    // Its own process group, so a timeout stops the run itself and not only /usr/bin/time in front of it.
    const child = spawn(wrapped[0], wrapped[1], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-20_000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const rss = /peak-rss-kb (\d+) cpu-s ([\d.]+) ([\d.]+)/.exec(stderr);
      done({
        seconds: (performance.now() - start) / 1000,
        peakBytes: rss ? Number(rss[1]) * 1024 : NaN,
        cpuSeconds: rss ? Number(rss[2]) + Number(rss[3]) : NaN,
        ok: code === 0,
        timedOut,
        stderr,
      });
    });
  });
}

/** id → cluster from an assignments CSV (id,cluster,…); noise and skipped as written. */
function readAssignments(file) {
  const byId = new Map();
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0].split(',');
  const idAt = header.indexOf('id');
  const clusterAt = header.indexOf('cluster');
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const cells = lines[i].split(',');
    byId.set(cells[idAt], cells[clusterAt]);
  }
  return byId;
}

function plantedScore(labelsFile, assignmentsFile) {
  const assigned = readAssignments(assignmentsFile);
  const truth = [];
  const found = [];
  for (const line of readFileSync(labelsFile, 'utf8').split('\n').slice(1)) {
    if (!line) continue;
    const [id, label] = line.split(',');
    if (label === ONE_OFF_LABEL) continue;
    truth.push(label);
    found.push(assigned.get(id) ?? 'missing');
  }
  const t = labelVector(truth);
  const f = labelVector(found);
  return { nmi: nmi(t, f), ari: ari(t, f) };
}

/** Processor seconds per stage from the `--verbose` summary ("embed  44.8 s  12.0 s  593 MB  611 MB"). */
function stageCpu(stderr) {
  const cpu = {};
  for (const [, stage, value] of stderr.matchAll(/^(ingest|text|embed|cluster|label)\s+[\d.]+ s\s+([\d.]+) s/gm))
    cpu[stage] = Number(value);
  return cpu;
}

/** Distinct and unique cleaned texts of an export, computed once and kept beside it. */
async function distinctOf(file) {
  const kept = file.replace(/\.csv$/, '-distinct.json');
  if (existsSync(kept)) return JSON.parse(readFileSync(kept, 'utf8'));
  const counts = await distinctShare(file);
  writeFileSync(kept, JSON.stringify(counts));
  return counts;
}

const seconds = (ms) => (ms === undefined ? '–' : (ms / 1000).toFixed(1));
const gb = (bytes) => (Number.isFinite(bytes) ? (bytes / 2 ** 30).toFixed(2) : '–');

async function runTickets(file, name) {
  const runFile = join(out, `${name}.json`);
  const assignments = join(out, `${name}-assignments.csv`);
  const result = await measured(process.execPath, [
    join(root, 'bin', 'tickets.js'),
    'cluster',
    file,
    '--embedder',
    'lexical',
    '--no-cache',
    '--json',
    runFile,
    '--assignments',
    assignments,
    '--verbose',
  ]);
  const run = result.ok ? JSON.parse(readFileSync(runFile, 'utf8')) : null;
  return { ...result, run, assignments, stageCpu: stageCpu(result.stderr) };
}

const rows = [];
console.log(`bench:scale on ${new Date().toISOString()}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ')[0]}`);
for (const tickets of sizes) {
  const stem = distinct ? `generated-distinct-${tickets}` : `generated-${tickets}`;
  const name = `${distinct ? 'all-different' : 'generated'} ${tickets.toLocaleString('en')}`;
  const file = join(keep, `${stem}.csv`);
  const labels = join(keep, `${stem}-labels.csv`);
  if (!existsSync(file) || !existsSync(labels))
    writeGeneratedExport({ tickets, file, labelsFile: labels, seed: 7, distinct });
  const texts = await distinctOf(file);
  const result = await runTickets(file, stem);
  if (!result.ok) {
    const why = result.timedOut
      ? `did not finish in ${timeoutMs / 60_000} min`
      : result.stderr.trim().split('\n').pop();
    rows.push({ name, failed: why, ...result, texts });
    console.log(`${name}: ${why}`);
    continue;
  }
  const score = plantedScore(labels, result.assignments);
  rows.push({ name, tickets, ...result, score, texts });
  console.log(
    `${name}: ${result.seconds.toFixed(1)} s, ${result.cpuSeconds.toFixed(1)} CPU s, ${gb(result.peakBytes)} GB, ` +
      `NMI ${score.nmi.toFixed(3)}`,
  );
}

if (args.includes('--peer')) {
  const so20 = join(data, 'stackoverflow20', 'tickets.csv');
  const ours = await runTickets(so20, 'stackoverflow20');
  const peerOut = join(out, 'peer.csv');
  const peer = await measured('/usr/bin/python3', [join(root, '..', 'shared', 'tools', 'peer.py'), so20, peerOut]);
  const score = (assignments) => {
    const res = spawnSync('/usr/bin/python3', [join(root, '..', 'shared', 'tools', 'score.py'), so20, assignments], {
      encoding: 'utf8',
    });
    return res.stdout.trim().replace(/\s+/g, ' ');
  };
  rows.push({
    name: 'StackOverflow20 (20,000)',
    tickets: 20_000,
    ...ours,
    scoreText: ours.ok ? score(ours.assignments) : '',
  });
  console.log(`StackOverflow20: tickets ${ours.seconds.toFixed(1)} s (${score(ours.assignments)})`);
  console.log(
    peer.ok
      ? `StackOverflow20: peer ${peer.seconds.toFixed(1)} s (${score(peerOut)}); tickets / peer time ${(ours.seconds / peer.seconds).toFixed(2)}`
      : `peer failed: ${peer.stderr.trim().split('\n').pop()} (install: see ../shared/tools/README.md)`,
  );
}

const share = (texts) => (texts ? `${((100 * texts.distinct) / texts.tickets).toFixed(1)}%` : '–');
console.log(
  '\n| export | distinct texts | wall | CPU | peak RSS | ingest | text | embed | cluster | label | tickets / min | clusters | noise | NMI / ARI |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) {
  if (row.failed) {
    console.log(`| ${row.name} | ${share(row.texts)} | ${row.failed} | | ${gb(row.peakBytes)} GB | | | | | | | | | |`);
    continue;
  }
  const t = row.run.timings ?? {};
  const totals = row.run.totals ?? {};
  const quality = row.score ? `${row.score.nmi.toFixed(3)} / ${row.score.ari.toFixed(3)}` : row.scoreText;
  const noise = totals.rows ? `${((100 * (totals.noise ?? 0)) / totals.rows).toFixed(1)}%` : '–';
  console.log(
    `| ${row.name} | ${share(row.texts)} | ${row.seconds.toFixed(1)} s | ${row.cpuSeconds.toFixed(1)} s | ${gb(row.peakBytes)} GB | ${seconds(t.ingest)} | ${seconds(t.text)} | ` +
      `${seconds(t.embed)} | ${seconds(t.cluster)} | ${seconds(t.label)} | ${Math.round((row.tickets * 60) / row.seconds).toLocaleString('en')} | ` +
      `${row.run.clusters?.length ?? '–'} | ${noise} | ${quality} |`,
  );
}
console.log('\nProcessor seconds per stage (user + system, both threads; `--verbose`):\n');
console.log('| export | ingest | text | embed | cluster | label |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) {
  const c = row.stageCpu ?? {};
  const cell = (stage) => (c[stage] === undefined ? '–' : c[stage].toFixed(1));
  console.log(`| ${row.name} | ${['ingest', 'text', 'embed', 'cluster', 'label'].map(cell).join(' | ')} |`);
}
console.log(`\noutputs in ${out}; generated exports kept in ${keep}`);
