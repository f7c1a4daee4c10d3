import { describe, expect, it } from 'vitest';
import { StageReporter, type StageClock } from '../../src/cli/stages.js';
import { fixture, runCli } from './run-cli.js';

/** A clock that moves only when told (wall and processor time apart), with memory readings set by the test. */
function fakeClock(): StageClock & { advance(ms: number, cpuMs?: number): void; rss: number; peak: number } {
  let now = 1000;
  let cpu = 300;
  const clock = {
    rss: 0,
    peak: 0,
    now: () => now,
    cpu: () => cpu,
    memory: () => ({ rss: clock.rss, peakRss: clock.peak }),
    advance: (ms: number, cpuMs = ms) => {
      now += ms;
      cpu += cpuMs;
    },
  };
  return clock;
}

/** A stand-in terminal: what a progress bar writes is kept. */
function fakeTerminal(isTTY = true) {
  const written: string[] = [];
  const stream = {
    isTTY,
    columns: 120,
    write: (chunk: string) => {
      written.push(String(chunk));
      return true;
    },
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
    on: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => written.join('') };
}

describe('StageReporter', () => {
  it('sums up each stage with its time, processor time, its memory at the end and the peak so far', () => {
    const clock = fakeClock();
    const stages = new StageReporter({ quiet: true }, clock);
    clock.advance(50, 40); // before the first stage: counted in the total only
    stages.begin('ingest');
    clock.advance(1234, 1000); // a busy machine: less processor time than wall time
    clock.rss = 300e6;
    clock.peak = 410e6;
    stages.end('ingest');
    stages.begin('embed');
    clock.advance(12_345, 24_000); // two threads
    clock.rss = 1_500e6;
    clock.peak = 2_048e6;
    stages.end('embed');
    clock.advance(10, 5);
    expect(stages.summary()).toBe(
      [
        'stage     time     cpu  memory at end  peak so far',
        'ingest  1.23 s  1.00 s         300 MB       410 MB',
        'embed   12.3 s  24.0 s       1,500 MB     2,048 MB',
        'total   13.6 s  25.0 s                    2,048 MB',
        '',
      ].join('\n'),
    );
    expect(stages.records.map((r) => [r.stage, r.ms, r.cpuMs])).toEqual([
      ['ingest', 1234, 1000],
      ['embed', 12345, 24000],
    ]);
  });

  it('shows a bar with the ETA for a stage that reports progress, on a terminal', () => {
    const terminal = fakeTerminal();
    const stages = new StageReporter({ stream: terminal.stream }, fakeClock());
    const progress = stages.begin('embed');
    progress({ done: 0, total: 20_000 });
    progress({ done: 10_000, total: 20_000 });
    stages.end('embed');
    expect(terminal.text()).toContain('embedding');
    expect(terminal.text()).toContain('/20000');
    expect(terminal.text()).toContain('ETA');
  });

  it('counts the file in MB while reading, and shows nothing for a file under 1 MB', () => {
    const big = fakeTerminal();
    const reading = new StageReporter({ stream: big.stream }, fakeClock()).begin('ingest');
    reading({ done: 40e6, total: 165e6 });
    expect(big.text()).toContain('reading (MB)');
    expect(big.text()).toContain('40/165');
    const small = fakeTerminal();
    new StageReporter({ stream: small.stream }, fakeClock()).begin('ingest')({ done: 1000, total: 900_000 });
    expect(small.text()).toBe('');
  });

  it('shows no bar with --quiet or when stderr is not a terminal', () => {
    for (const [options, terminal] of [
      [{ quiet: true }, fakeTerminal()],
      [{}, fakeTerminal(false)],
    ] as const) {
      const stages = new StageReporter({ ...options, stream: terminal.stream }, fakeClock());
      stages.begin('text')({ done: 5, total: 10 });
      stages.end('text');
      expect(terminal.text()).toBe('');
    }
  });
});

describe('--verbose', () => {
  it('ends cluster and eval runs with one summary line per stage on stderr, and only when asked', () => {
    const file = fixture('labeled-tickets.csv');
    const cluster = runCli(['cluster', file, '--embedder', 'lexical', '--verbose', '--format', 'assignments']);
    expect(cluster.code).toBe(0);
    const lines = cluster.stderr.split('\n');
    const header = lines.findIndex((l) => /^stage\s+time\s+cpu\s+memory at end\s+peak so far$/.test(l));
    expect(header).toBeGreaterThanOrEqual(0);
    const stageNames = lines.slice(header + 1, header + 7).map((l) => l.split(/\s+/)[0]);
    expect(stageNames).toEqual(['ingest', 'text', 'embed', 'cluster', 'label', 'total']);
    expect(lines[header + 3]).toMatch(/^embed\s+\d+\.\d+ s\s+\d+\.\d+ s\s+[\d,]+ MB\s+[\d,]+ MB$/);
    // The summary is on stderr only: stdout is the report.
    expect(cluster.stdout).not.toContain('peak so far');

    const evaluated = runCli(['eval', file, '--label', 'label', '--embedder', 'lexical', '--verbose', '--json']);
    expect(evaluated.code).toBe(0);
    expect(evaluated.stderr).toMatch(/\ncluster\s+\d+\.\d+ s/);
    expect(evaluated.stderr).not.toMatch(/\nlabel\s/);
    expect(JSON.parse(evaluated.stdout).nmi).toBeGreaterThan(0);

    const plain = runCli(['cluster', file, '--embedder', 'lexical', '--format', 'assignments']);
    expect(plain.stderr).not.toContain('peak so far');
  }, 180_000); // three CLI runs: over a minute of wall time on a machine busy with other work (load 20)
});
