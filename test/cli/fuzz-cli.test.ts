// Broken exports through the whole program, as a user runs it: each kind of break (test/ingest/mutations.ts)
// once, on top of up to two others, through `tickets cluster`. Either exit 0 with every input row in the
// assignments (a cluster, noise, or skipped with its line) and in the run file's totals, or exit 2 with
// exactly one line on stderr. Never another exit code, a signal, a hang or a stack trace.
// One run per kind keeps it bounded (≈ 1 s of CPU a run); two runs at a time use both cores.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { readTicketExport } from '../../src/ingest/index.js';
import { mulberry32 } from '../../src/numerics/random.js';
import { mutatedExport, NAMES } from '../ingest/mutations.js';
import { repoRoot } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-fuzz-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

function runCliAsync(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [`${repoRoot}bin/tickets.js`, ...args], {
      cwd: repoRoot,
      env: { ...process.env, NO_COLOR: '1', TICKETS_OFFLINE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: timeoutMs,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

interface Case {
  kinds: string[];
  file: string;
}

/** Runs one broken export through the CLI and checks the contract; says whether it was refused. */
async function checkCli({ kinds, file }: Case): Promise<'read' | 'refused'> {
  const what = `${kinds.join(' + ')} (${file})`;
  const assignments = `${file}.assignments.csv`;
  const runFile = `${file}.run.json`;
  const res = await runCliAsync(
    ['cluster', file, '-q', '--embedder', 'lexical', '--assignments', assignments, '--json', runFile],
    90_000,
  );
  expect(res.signal, `${what}: killed (a hang?)`).toBeNull();
  expect(res.stderr, what).not.toMatch(/\n\s+at |internal error|Error:/);
  if (res.code === 2) {
    expect(res.stderr.trimEnd().split('\n'), what).toHaveLength(1);
    expect(res.stderr, what).toMatch(/^tickets: /);
    return 'refused';
  }
  expect(res.code, `${what}: ${res.stderr.slice(0, 300)}`).toBe(0);
  // Every row the file holds (counted here, in-process, independently of the run) is in the assignments.
  const { rowCount } = await readTicketExport(file, {});
  const rows = parse(readFileSync(assignments), { columns: true }) as Array<Record<string, string>>;
  expect(rows, what).toHaveLength(rowCount);
  for (const row of rows) expect(Number(row.line), what).toBeGreaterThanOrEqual(2);
  const run = JSON.parse(readFileSync(runFile, 'utf8')) as {
    totals: { rows: number; clustered: number; noise: number; skipped: Record<string, number> };
    skipped: Array<{ line: number; reason: string }>;
  };
  const { totals } = run;
  const skipped = Object.values(totals.skipped).reduce((a, b) => a + b, 0);
  expect(totals.rows, what).toBe(rowCount);
  expect(totals.clustered + totals.noise + skipped, what).toBe(rowCount);
  expect(run.skipped, what).toHaveLength(skipped);
  expect(
    rows.filter((r) => r.cluster === 'skipped'),
    what,
  ).toHaveLength(skipped);
  for (const s of run.skipped) {
    expect(s.reason, what).not.toBe('');
    expect(s.line, what).toBeGreaterThanOrEqual(2);
  }
  return 'read';
}

describe('broken exports through tickets cluster', () => {
  it(`each of the ${NAMES.length} kinds of break, with up to two others (seed 19)`, async () => {
    const random = mulberry32(19);
    const cases: Case[] = NAMES.map((kind, i) => {
      const { bytes, kinds } = mutatedExport(random, kind);
      const file = join(dir, `broken-${i}-${kind}.csv`);
      writeFileSync(file, bytes);
      return { kinds, file };
    });
    const outcomes: string[] = [];
    // Two at a time: the machine's two cores.
    for (let i = 0; i < cases.length; i += 2) {
      outcomes.push(...(await Promise.all(cases.slice(i, i + 2).map(checkCli))));
    }
    expect(outcomes).toHaveLength(NAMES.length);
    // Leniency holds end to end too: most broken exports give a report.
    expect(outcomes.filter((o) => o === 'read').length).toBeGreaterThan(NAMES.length / 2);
  }, 300_000);
});
