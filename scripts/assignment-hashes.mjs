// Proof that a refactor left the clusters alone: runs `tickets cluster --embedder lexical` on each labeled set
// (one at a time) and prints two sha256 hashes of its assignments CSV: of the id,cluster columns (the partition)
// and of the whole file (confidence included). Compare the table before and after a change.
// Usage: npm run build && node scripts/assignment-hashes.mjs [data dir, default ../shared/data] [--out dir]
//        [--sets a,b,...]; --out keeps the assignments and run files (default .assignment-hashes/, git-ignored).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SETS = [
  'clinc150',
  'hwu64',
  'ru_rutube_support',
  'stackoverflow20',
  'bitext_customer_support',
  'ru_autointent_fewshot/tickets_ru_massive.csv',
  'helpdesk_endava_it_tickets',
  'helpdesk_multilang_tickets_tobibueck',
];

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  args.splice(i, 2);
  return value;
};
const outDir = resolve(flag('--out') ?? join(root, '.assignment-hashes'));
const sets = flag('--sets')?.split(',') ?? SETS;
const dataDir = resolve(args[0] ?? join(root, '..', 'shared', 'data'));
if (!existsSync(dataDir)) {
  console.error(`assignment-hashes: no data directory at ${dataDir}`);
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

/** Hashes of an assignments CSV: its id,cluster columns alone, and the whole text. */
function assignmentHashes(csv) {
  const sha = (text) => createHash('sha256').update(text).digest('hex');
  // Ids never hold a comma unquoted at the end, and confidence is the last field: drop it.
  const partition = csv
    .split('\n')
    .map((line) => line.replace(/,[^,]*$/, ''))
    .join('\n');
  return { clusters: sha(partition), file: sha(csv) };
}

for (const set of sets) {
  const file = set.endsWith('.csv') ? join(dataDir, set) : join(dataDir, set, 'tickets.csv');
  const name = set.replace(/\.csv$/, '').replace(/\//g, '_');
  const assignments = join(outDir, `${name}.csv`);
  const started = Date.now();
  execFileSync(
    process.execPath,
    [
      join(root, 'bin', 'tickets.js'),
      'cluster',
      file,
      '--embedder',
      'lexical',
      '--quiet',
      '--format',
      'json',
      '--assignments',
      assignments,
      '--json',
      join(outDir, `${name}.json`),
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { clusters, file: whole } = assignmentHashes(readFileSync(assignments, 'utf8'));
  console.log(`${name}  clusters ${clusters}  file ${whole}  (${seconds} s)`);
}
