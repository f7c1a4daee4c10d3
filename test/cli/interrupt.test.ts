// Ctrl-C mid-run: a real `tickets cluster` gets SIGINT while it embeds, at a moment fixed by the test, not
// by a clock: the embeddings endpoint (a real HTTP server here) sends the signal when the request arrives and
// holds its answer. Then: exit 130 with one line and no stack trace, no report half-written or changed, no
// temp file, and an embedding cache the next run reads, with the same result as a run without the cache.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { guardAgainstInterrupts, interruptedLine, signalExitCode } from '../../src/cli/interrupt.js';
import { fixture, repoRoot } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'tickets-interrupt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A deterministic stand-in model behind a real /v1/embeddings endpoint: a text's vector from its characters. */
function vectorOf(text: string): number[] {
  const v = new Array<number>(16).fill(0);
  for (let i = 0; i < text.length; i++) v[(i * 7 + text.charCodeAt(i)) % 16] += (text.charCodeAt(i) % 31) + 1;
  return v;
}

/** What the endpoint does with the next request: answer it, or hand it to the test (and never answer). */
let takeRequest: (() => void) | null = null;
const endpoint = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    if (takeRequest) return takeRequest();
    const body = JSON.parse(raw) as { input: string[] };
    const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: vectorOf(t) }));
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data }));
  });
});
// One endpoint for every run: the cache is kept per endpoint URL.
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => endpoint.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  endpoint.closeAllConnections();
  endpoint.close();
});

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

const cacheDir = join(dir, 'cache');

/** `tickets <command>` against the endpoint; `whenEmbedding(child)` runs when an embeddings request arrives. */
function tickets(
  command: 'cluster' | 'eval',
  file: string,
  args: string[],
  whenEmbedding?: (child: ChildProcess) => void,
): Promise<Run> {
  return new Promise<Run>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [`${repoRoot}bin/tickets.js`, command, file, '--embedder', 'remote', '--endpoint', url, ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, NO_COLOR: '1', TICKETS_OFFLINE: '', TICKETS_CACHE_DIR: cacheDir },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    takeRequest = whenEmbedding ? () => whenEmbedding(child) : null;
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      takeRequest = null;
      endpoint.closeAllConnections();
      resolve({ code, signal, stderr });
    });
  });
}

const cluster = (file: string, args: string[], whenEmbedding?: (child: ChildProcess) => void): Promise<Run> =>
  tickets('cluster', file, args, whenEmbedding);

/** Every file under `root`, relative, sorted. */
function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** The run file without what differs between two runs by design (time, timings, cache hits). */
function comparable(file: string): unknown {
  const run = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { embedder: object };
  const { generatedAt: _t, timings: _s, ...rest } = run;
  return { ...rest, embedder: { ...run.embedder, embedded: 0, cached: 0 } };
}

describe('Ctrl-C while embedding', () => {
  it('exit 130, one line, no report touched, no temp file, the cache still serves the next run', async () => {
    const out = join(dir, 'out');
    mkdirSync(out);
    // 200 tickets, embedded and cached; their markdown report is the "last good report".
    const rows = parse(readFileSync(fixture('support-export.csv'))) as string[][];
    const part = join(dir, 'part.csv');
    writeFileSync(part, stringify(rows.slice(0, 201)));
    const first = await cluster(part, ['-q', '--md', join(out, 'report.md')]);
    expect(first.code, first.stderr).toBe(0);
    const lastReport = readFileSync(join(out, 'report.md'), 'utf8');
    const cacheBefore = filesUnder(cacheDir);
    expect(cacheBefore.some((f) => /seg-.*\.bin$/.test(f))).toBe(true);

    // 400 tickets, those 200 among them: interrupted when their embeddings are asked for.
    let signalled = false;
    const whole = join(dir, 'whole.csv');
    writeFileSync(whole, stringify(rows.slice(0, 401)));
    const reports = [
      '--md',
      join(out, 'report.md'),
      '--json',
      join(out, 'run.json'),
      '--assignments',
      join(out, 'a.csv'),
    ];
    const interrupted = await cluster(whole, ['-q', ...reports], (child) => {
      signalled = true;
      child.kill('SIGINT');
    });
    expect(signalled, interrupted.stderr).toBe(true);
    expect(interrupted.signal).toBeNull();
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toBe('tickets: interrupted by Ctrl-C while embedding; no report was written\n');
    expect(filesUnder(out)).toEqual(['report.md']);
    expect(readFileSync(join(out, 'report.md'), 'utf8')).toBe(lastReport);
    expect(filesUnder(cacheDir)).toEqual(cacheBefore);

    // The next run reads the cache without a word of complaint and gives what a run without it gives.
    const next = await cluster(whole, ['--json', join(out, 'cached.json')]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/embeddings: \d+ computed, [1-9]\d* from cache/);
    expect(next.stderr).not.toMatch(/warning|error|\n\s+at /i);
    const fresh = await cluster(whole, ['-q', '--no-cache', '--json', join(out, 'fresh.json')]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(comparable(join(out, 'cached.json'))).toEqual(comparable(join(out, 'fresh.json')));
  }, 180_000);
});

describe('Ctrl-C while eval embeds', () => {
  it('exit 130, one line, no scores file or temp file, the cache still serves the next eval', async () => {
    const out = join(dir, 'eval');
    mkdirSync(out);
    const rows = parse(readFileSync(fixture('labeled-tickets.csv'))) as string[][];
    const labeled = join(dir, 'labeled.csv');
    writeFileSync(labeled, stringify(rows));
    const evaluate = (args: string[], whenEmbedding?: (child: ChildProcess) => void) =>
      tickets('eval', labeled, ['--label', 'label', ...args], whenEmbedding);
    // The first 150 tickets embedded and cached by a run of their own.
    const part = join(dir, 'labeled-part.csv');
    writeFileSync(part, stringify(rows.slice(0, 151)));
    const first = await tickets('eval', part, ['--label', 'label', '-q']);
    expect(first.code, first.stderr).toBe(0);
    const cacheBefore = filesUnder(cacheDir);

    let signalled = false;
    const interrupted = await evaluate(['-q', '--json', join(out, 'scores.json')], (child) => {
      signalled = true;
      child.kill('SIGINT');
    });
    expect(signalled, interrupted.stderr).toBe(true);
    expect(interrupted.signal).toBeNull();
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toBe('tickets: interrupted by Ctrl-C while embedding; no report was written\n');
    expect(filesUnder(out)).toEqual([]);
    expect(filesUnder(cacheDir)).toEqual(cacheBefore);

    // The next eval reads the cache without complaint and scores what an eval without it scores.
    const next = await evaluate(['--json', join(out, 'cached.json')]);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toMatch(/embeddings: \d+ computed, [1-9]\d* from cache/);
    expect(next.stderr).not.toMatch(/warning|error|\n\s+at /i);
    const fresh = await evaluate(['-q', '--no-cache', '--json', join(out, 'fresh.json')]);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(readFileSync(join(out, 'cached.json'), 'utf8')).toBe(readFileSync(join(out, 'fresh.json'), 'utf8'));
  }, 180_000);
});

describe('Ctrl-C while computing', () => {
  it('right after the export is read: stopped at once or with the one line; nothing written either way', async () => {
    const out = join(dir, 'computing');
    mkdirSync(out);
    const res = await new Promise<Run>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          `${repoRoot}bin/tickets.js`,
          'cluster',
          fixture('support-export.csv'),
          '--embedder',
          'lexical',
          '--json',
          join(out, 'run.json'),
          '--html',
          join(out, 'report.html'),
        ],
        {
          cwd: repoRoot,
          env: { ...process.env, NO_COLOR: '1', TICKETS_OFFLINE: '1' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => {
        // The columns line comes right after ingest: the slow stages are ahead.
        if (!stderr.includes('text: ') && (stderr + s).includes('text: ')) child.kill('SIGINT');
        stderr += s;
      });
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, stderr }));
    });
    // A stage that waits (embedding) handles the signal; one that computes ends by it at once.
    if (res.signal === null) {
      expect(res.code).toBe(130);
      expect(res.stderr.trimEnd().split('\n').at(-1)).toMatch(
        /^tickets: interrupted by Ctrl-C while \w[\w ]*; no report was written$/,
      );
    } else expect(res.signal).toBe('SIGINT');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(filesUnder(out)).toEqual([]);
  }, 120_000);
});

describe('the interrupt guard', () => {
  const guard = () => {
    const lines: string[] = [];
    const exit = vi.fn();
    const cleanup = vi.fn();
    const g = guardAgainstInterrupts({ stderr: { write: (s: string) => lines.push(s) } as never, exit, cleanup });
    return { g, lines, exit, cleanup };
  };

  it('a stage that waits holds the signal: one line, the cleanup, exit 130 (SIGTERM 143)', async () => {
    const { g, lines, exit, cleanup } = guard();
    await g.runStage('embed', () => {
      process.kill(process.pid, 'SIGINT');
    });
    expect(lines).toEqual([`${interruptedLine('SIGINT', 'embed')}\n`]);
    expect(cleanup).toHaveBeenCalledOnce();
    expect(exit).toHaveBeenCalledWith(130);
    expect(signalExitCode('SIGTERM')).toBe(143);
    expect(interruptedLine('SIGTERM', 'ingest')).toBe(
      'tickets: interrupted by SIGTERM while reading the export; no report was written',
    );
  });

  it('a stage that computes without pausing leaves Ctrl-C its default action (it stops at once)', async () => {
    const { g } = guard();
    const before = process.listenerCount('SIGINT');
    let during = -1;
    await g.runStage('cluster', () => {
      during = process.listenerCount('SIGINT');
    });
    expect(during).toBe(before);
    await g.runStage('embed', () => {
      during = process.listenerCount('SIGINT');
    });
    expect(during).toBe(before + 1);
    // Released after the stage.
    expect(process.listenerCount('SIGINT')).toBe(before);
  });

  // Real signals to this test process, sent while the guard holds them (else they would end the test run).
  it('writing: a signal during the writes is handled once they are done', async () => {
    const { g, lines, exit } = guard();
    const order: string[] = [];
    await g.writing(() => {
      process.kill(process.pid, 'SIGINT');
      // Writes are synchronous: the handler cannot run before they end.
      order.push(`written, ${lines.length} line(s) printed`);
    });
    expect(order).toEqual(['written, 0 line(s) printed']);
    expect(lines[0]).toBe('tickets: interrupted by Ctrl-C while writing the reports; each report written is whole\n');
    expect(exit).toHaveBeenCalledWith(130);
  });
});
