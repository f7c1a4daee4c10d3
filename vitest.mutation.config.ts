// The tests Stryker runs against each mutant of one source folder: that folder's own tests
// (test/ mirrors src/), so a mutant in src/eval is judged by test/eval and not by a slow clustering
// test that happens to import a metric. test/cli is never included: it spawns the built dist/,
// which a mutant in src/ does not reach. TICKETS_MUTATE is set by scripts/mutation.mjs.
import { defineConfig } from 'vitest/config';
import { MUTATION_FOLDERS } from './scripts/mutation-folders.mjs';

const folder = process.env.TICKETS_MUTATE ?? 'ingest';
const tests = MUTATION_FOLDERS[folder]?.tests ?? [`test/${folder}/**/*.test.ts`];
const skip = MUTATION_FOLDERS[folder]?.skip ?? [];

export default defineConfig({
  test: {
    include: tests,
    exclude: ['test/cli/**', 'node_modules/**', ...skip],
    // fast-check runs with a fixed seed (a deterministic suite).
    setupFiles: ['test/setup/fixed-seed.ts'],
    // Test files share one module registry: a mutant run then re-runs its tests without importing the
    // pipeline stages again (seconds per mutant on a busy 2-core machine). Stryker switches mutants at run
    // time, so reused modules see the active mutant; static mutants, which would need a fresh import, are
    // ignored (ignoreStatic in stryker.config.mjs).
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
