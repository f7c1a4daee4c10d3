#!/usr/bin/env node
// npm run test:mutation [-- folder ...] [-- --concurrency 2]: StrykerJS over each source folder in turn
// (its own tests only, see vitest.mutation.config.ts), incremental, then the score per folder.
// Writes reports/mutation/summary.md; exits 1 when a folder scores below 80%.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { MUTATION_FOLDERS } from './mutation-folders.mjs';

const args = process.argv.slice(2);
const passThrough = [];
const folders = [];
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('--')) {
    // A flag's value is the next word unless that is another flag, a folder name, or missing (--force).
    const next = args[i + 1];
    const takesValue = next !== undefined && !next.startsWith('--') && !MUTATION_FOLDERS[next];
    passThrough.push(args[i], ...(takesValue ? [args[++i]] : []));
  } else folders.push(args[i]);
}
for (const f of folders) {
  if (!MUTATION_FOLDERS[f]) {
    console.error(`test:mutation: unknown folder "${f}" (one of ${Object.keys(MUTATION_FOLDERS).join(', ')})`);
    process.exit(2);
  }
}
const chosen = folders.length > 0 ? folders : Object.keys(MUTATION_FOLDERS);
const slug = (folder) => folder.replace(/\W+/g, '-');
mkdirSync('reports/mutation', { recursive: true });

/** Stryker's mutation score: detected (killed or timed out) over all valid mutants. */
function scoreOf(mutants) {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0, Ignored: 0 };
  for (const m of mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  const valid = count.Killed + count.Timeout + count.Survived + count.NoCoverage;
  return { ...count, valid, score: valid === 0 ? 100 : (100 * (count.Killed + count.Timeout)) / valid };
}

const rows = [];
for (const folder of chosen) {
  console.error(`\n=== mutation testing src/${folder} ===`);
  const run = spawnSync('npx', ['stryker', 'run', ...passThrough], {
    stdio: 'inherit',
    env: { ...process.env, TICKETS_MUTATE: folder },
  });
  const file = `reports/mutation/${slug(folder)}.json`;
  if (run.status !== 0 || !existsSync(file)) {
    console.error(`test:mutation: Stryker failed on src/${folder} (exit ${run.status})`);
    process.exit(1);
  }
  const files = Object.entries(JSON.parse(readFileSync(file, 'utf8')).files);
  const perFile = files.map(([name, f]) => `${name.replace(/^src\//, '')} ${scoreOf(f.mutants).score.toFixed(1)}%`);
  rows.push({ folder, perFile, ...scoreOf(files.flatMap(([, f]) => f.mutants)) });
}

const table = [
  '| Folder | Mutants | Killed | Timeout | Survived | No coverage | Ignored (static) | Score | Per file |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows.map(
    (r) =>
      `| src/${r.folder} | ${r.valid} | ${r.Killed} | ${r.Timeout} | ${r.Survived} | ${r.NoCoverage} | ${r.Ignored} | ` +
      `${r.score.toFixed(1)}% | ${r.perFile.join(', ')} |`,
  ),
].join('\n');
writeFileSync('reports/mutation/summary.md', `${table}\n`);
console.log(`\n${table}`);
process.exit(rows.some((r) => r.score < 80) ? 1 : 0);
