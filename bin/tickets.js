#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli (compiled to dist/ by `npm install`).
import { main, safeErrorLine } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Last line of defence: user errors are handled inside main(); this is a bug.
    process.stderr.write(
      `tickets: internal error: ${safeErrorLine(err instanceof Error ? err.message : String(err))}\n`,
    );
    process.exitCode = 1;
  },
);
