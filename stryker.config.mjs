// StrykerJS mutation testing, one source folder per run (npm run test:mutation runs them in turn).
// TICKETS_MUTATE names the folder (a key of MUTATION_FOLDERS); each folder keeps its own incremental
// file in reports/mutation/, so a second run re-tests only mutants whose code or tests changed.
import { MUTATION_FOLDERS } from './scripts/mutation-folders.mjs';

const folder = process.env.TICKETS_MUTATE ?? 'ingest';
const mutate = MUTATION_FOLDERS[folder]?.mutate;
if (!mutate) throw new Error(`TICKETS_MUTATE=${folder}: not one of ${Object.keys(MUTATION_FOLDERS).join(', ')}`);
const slug = folder.replace(/\W+/g, '-');

export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  // Only the unit tests: the CLI tests spawn the built dist/, which a mutant in src/ never reaches.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  // Our tsconfig has no extends/references to rewrite, and TypeScript 7 has no JS API for Stryker to call.
  tsconfigFile: 'no-tsconfig-rewrite.json',
  mutate,
  // 2 cores shared with other work: one test process unless told otherwise (--concurrency 2).
  concurrency: 1,
  // Static mutants (module-level tables: word lists, phrase lists, the PII patterns) re-run every test of the
  // folder each; on this shared 2-core machine they were 29% of src/text's mutants and 72% of its estimated
  // time (~7 h). They are reported as ignored, not counted; `-- --ignoreStatic false` includes them.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: `reports/mutation/${slug}.incremental.json`,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: `.stryker-tmp/${slug}`,
  cleanTempDir: 'always',
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 80, break: null },
};
