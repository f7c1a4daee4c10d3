import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Two test files at a time even on a 2-core machine (vitest's default there is one): most of the slow files
    // wait on a CLI child process or a browser, so a second file uses the core the first leaves idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // fast-check runs with a fixed seed (a deterministic suite).
    setupFiles: ['test/setup/fixed-seed.ts'],
    // Test files share one module registry per worker instead of importing the pipeline again for each of 127
    // files: 170 → 121 s on the quiet machine. No test mocks a module; the two that fake timers restore them.
    isolate: false,
    // Generous: a timeout here is a hang guard, not a speed check (speed lives in the benchmarks), and the CLI
    // tests that run whole exports took over 60 s on this machine when other work shared its two cores.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
