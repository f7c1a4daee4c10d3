// `tickets cluster x.csv --format json | head -c 100`: the reader closes the pipe after its first bytes,
// the rest of the report has nowhere to go. That is a normal end (exit 0, nothing on stderr), not a stack trace.
// A real pipe through bash, as the user has it: the socket pair Node's spawn() gives a child buffers
// ~200 KB, so a whole report fits in it and the test could not fail. The report must also be far bigger
// than a pipe's 64 KiB, or it is written whole before the reader closes.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, repoRoot } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-pipe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `tickets <args> | head -c 100`: the CLI's exit code and stderr. */
function runIntoHead(args: string[]): { code: number; stderr: string } {
  const res = spawnSync(
    'bash',
    ['--noprofile', '--norc', '-c', '"$@" | head -c 100 > /dev/null; echo "${PIPESTATUS[0]}"', 'bash'].concat([
      process.execPath,
      `${repoRoot}bin/tickets.js`,
      ...args,
    ]),
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TICKETS_OFFLINE: '1' } },
  );
  return { code: Number(res.stdout.trim()), stderr: res.stderr };
}

describe('a reader that stops early (| head -c 100)', () => {
  it('--format json: exit 0, nothing on stderr, no stack trace', () => {
    const copy = join(dir, 'run.json');
    const res = runIntoHead([
      'cluster',
      fixture('support-export.csv'),
      '--embedder',
      'lexical',
      '-q',
      '--format',
      'json',
      '--json',
      copy,
    ]);
    // The same report went to the file whole: several pipe buffers long, so head did stop the writer.
    expect(statSync(copy).size).toBeGreaterThan(2 * 65_536);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
});
