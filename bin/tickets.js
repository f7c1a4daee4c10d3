#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli (compiled to dist/ by `npm install`).
import { main, safeErrorLine } from '../dist/cli/main.js';

// A reader that stops early (`tickets cluster x.csv --format json | head`) closes the pipe: the rest of
// the report has nowhere to go. That is a normal end, not an error; the run finishes with its own exit code.
// Any other failure to write (a full disk behind `> report.json`) is one line and exit 1.
let outputFailed = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    if (stream === process.stdout) {
      process.stderr.write(`tickets: cannot write to standard output: ${err.code ?? safeErrorLine(err.message)}\n`);
    }
    outputFailed = true;
    process.exitCode = 1;
  });
}

main(process.argv).then(
  (code) => {
    process.exitCode = outputFailed && code === 0 ? 1 : code;
  },
  (err) => {
    // Last line of defence: user errors are handled inside main(); this is a bug.
    process.stderr.write(
      `tickets: internal error: ${safeErrorLine(err instanceof Error ? err.message : String(err))}\n`,
    );
    process.exitCode = 1;
  },
);
