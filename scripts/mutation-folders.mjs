// The code whose correctness users see, by folder: what `npm run test:mutation` mutates, and the
// tests that must catch the mutants (test/ mirrors src/).
// `skip` leaves out tests too slow to re-run per mutant that state no behaviour of their own (the ingest fuzz
// test takes ~50 s and only checks "one error line or every row counted", which read-export tests state too;
// the ingest memory test parses 20,000 rows between forced garbage collections, ~1.7 s for every mutant of the
// row and date parsers, and measures the heap of Stryker's instrumented code, not of the code that ships).
/** @type {Record<string, { mutate: string[]; tests: string[]; skip?: string[] }>} */
export const MUTATION_FOLDERS = {
  ingest: {
    mutate: ['src/ingest/**/*.ts'],
    tests: ['test/ingest/**/*.test.ts'],
    skip: ['test/ingest/fuzz.test.ts', 'test/ingest/memory.test.ts'],
  },
  // The PII linearity test (megabytes of "a.a.a.@") guards only the module-level patterns, which are static
  // mutants and ignored, yet took over 20 s per run under Stryker's instrumentation on a loaded machine.
  text: { mutate: ['src/text/**/*.ts'], tests: ['test/text/**/*.test.ts'], skip: ['test/text/pii-linear.test.ts'] },
  rank: { mutate: ['src/rank/**/*.ts'], tests: ['test/rank/**/*.test.ts'] },
  // Cost and ranking's other half: handle time, CSAT, channels and weekly trends per cluster.
  economics: { mutate: ['src/economics/**/*.ts'], tests: ['test/economics/**/*.test.ts'] },
  // The terminal table, markdown, run file and assignments; the HTML page apart (its tests build 20,000- and
  // 100,000-ticket pages, seconds each, which would be re-run for every mutant of the other reports).
  report: { mutate: ['src/report/*.ts'], tests: ['test/report/*.test.ts'] },
  // The page's size tests build 20,000- and 100,000-ticket pages (seconds each): left out, the behaviour tests
  // state what a page holds on small runs.
  'report/html': {
    mutate: ['src/report/html/**/*.ts'],
    tests: ['test/report/html/**/*.test.ts'],
    skip: ['test/report/html/page-size.test.ts'],
  },
  eval: { mutate: ['src/eval/**/*.ts'], tests: ['test/eval/**/*.test.ts'] },
  'embed/cache': {
    mutate: ['src/embed/cache/**/*.ts'],
    tests: ['test/embed/embedding-cache*.test.ts', 'test/embed/cache/**/*.test.ts'],
  },
  'embed/remote': {
    mutate: ['src/embed/remote/**/*.ts'],
    tests: ['test/embed/remote*.test.ts', 'test/embed/remote/**/*.test.ts'],
  },
  // The cluster stage's defaults (smallest cluster, tuning, schedules).
  'cluster/defaults': { mutate: ['src/cluster/tuning.ts'], tests: ['test/cluster/defaults.test.ts'] },
  // The passes after HDBSCAN (outliers, noise reassignment, settling, recentring, merging, confidence, parent
  // topics, and the centres they measure by), judged by small behaviour tests on planted inputs (under a second).
  'cluster/passes': {
    mutate: [
      'src/cluster/centroids.ts',
      'src/cluster/outliers.ts',
      'src/cluster/noise.ts',
      'src/cluster/settle.ts',
      'src/cluster/recentre.ts',
      'src/cluster/merge.ts',
      'src/cluster/confidence.ts',
      'src/cluster/topics.ts',
    ],
    tests: ['test/cluster/passes/**/*.test.ts', 'test/cluster/confidence.test.ts', 'test/cluster/settle.test.ts'],
  },
};
