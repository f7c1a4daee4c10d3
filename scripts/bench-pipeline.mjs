#!/usr/bin/env node
// npm run bench — end-to-end wall time of `tickets cluster` on a large export, beside the peer when it is installed.
// Usage: node scripts/bench-pipeline.mjs [file.csv] [--peer]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const withPeer = args.includes('--peer');
const file = resolve(
  args.find((a) => !a.startsWith('--')) ?? join(root, '..', 'shared', 'data', 'stackoverflow20', 'tickets.csv'),
);
if (!existsSync(file)) {
  console.error(`bench: ${file} not found`);
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'tickets-bench-'));

function timed(label, cmd, argv) {
  const start = performance.now();
  const res = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 256 << 20 });
  const seconds = (performance.now() - start) / 1000;
  if (res.status !== 0) {
    console.error(`${label} failed (${res.status}): ${res.stderr.slice(-2000)}`);
    process.exit(1);
  }
  return { seconds, stderr: res.stderr };
}

const ours = timed('tickets', process.execPath, [
  join(root, 'bin', 'tickets.js'),
  'cluster',
  file,
  '--embedder',
  'lexical',
  '--json',
  join(out, 'run.json'),
  '--assignments',
  join(out, 'tickets.csv'),
  '--format',
  'json',
]);
console.log(`tickets cluster (lexical): ${ours.seconds.toFixed(1)} s  ${file}`);
console.log(ours.stderr.trim());
if (withPeer) {
  const peer = timed('peer', '/usr/bin/python3', [
    join(root, '..', 'shared', 'tools', 'peer.py'),
    file,
    join(out, 'peer.csv'),
  ]);
  console.log(`peer (BERTopic pipeline): ${peer.seconds.toFixed(1)} s`);
  console.log(`ratio tickets / peer: ${(ours.seconds / peer.seconds).toFixed(2)}`);
}
console.log(`outputs in ${out}`);
