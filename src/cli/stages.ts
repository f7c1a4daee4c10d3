// What the user sees of the pipeline's stages on stderr: a progress bar with an ETA for each stage that
// reports progress (only on a terminal, never with --quiet), and with --verbose a closing summary of each
// stage's time, processor time and memory (processor time above the time means the stage used several cores;
// far below it, that the machine was busy with other work).
import type { StageName, StageObserver } from '../pipeline.js';
import { startProgress, type ProgressHandle, type ProgressOptions } from './progress.js';

/** Where time and memory readings come from: the process, or a test's fixed sequence. */
export interface StageClock {
  /** Milliseconds from any fixed start. */
  now(): number;
  /** Processor milliseconds (user + system, all threads) the process has used so far. */
  cpu(): number;
  /** Resident memory now, and its peak so far in the process's life, in bytes. */
  memory(): { rss: number; peakRss: number };
}

export const PROCESS_CLOCK: StageClock = {
  now: () => performance.now(),
  cpu: () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  // maxRSS is in kilobytes.
  memory: () => ({ rss: process.memoryUsage.rss(), peakRss: process.resourceUsage().maxRSS * 1024 }),
};

const LABELS: Record<StageName, string> = {
  ingest: 'reading (MB)',
  text: 'cleaning',
  embed: 'embedding',
  cluster: 'clustering',
  label: 'labeling',
};

export interface StageRecord {
  stage: StageName;
  ms: number;
  /** Processor milliseconds the stage used (all threads). */
  cpuMs: number;
  /** Resident memory when the stage ended, and the process's peak by then (bytes). */
  rss: number;
  peakRss: number;
}

export class StageReporter implements StageObserver {
  readonly records: StageRecord[] = [];
  private readonly created: number;
  private bar: ProgressHandle | null = null;
  private started = 0;
  private cpuStarted = 0;
  private readonly cpuCreated: number;

  constructor(
    private readonly progress: ProgressOptions,
    private readonly clock: StageClock = PROCESS_CLOCK,
  ) {
    this.created = clock.now();
    this.cpuCreated = clock.cpu();
  }

  begin(stage: StageName): (p: { done: number; total: number }) => void {
    this.bar?.stop();
    const bar = startProgress(LABELS[stage], this.progress);
    this.bar = bar;
    this.started = this.clock.now();
    this.cpuStarted = this.clock.cpu();
    // The file is counted in MB so the bar reads "12/165"; sub-MB files need no bar.
    if (stage === 'ingest') {
      return ({ done, total }) => {
        if (total >= 1e6) bar.update({ done: Math.round(done / 1e6), total: Math.round(total / 1e6) });
      };
    }
    return bar.update;
  }

  end(stage: StageName): void {
    this.bar?.stop();
    this.bar = null;
    this.records.push({
      stage,
      ms: this.clock.now() - this.started,
      cpuMs: this.clock.cpu() - this.cpuStarted,
      ...this.clock.memory(),
    });
  }

  /** Stops a bar left open by a stage that failed. */
  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }

  /** The --verbose summary: one line per stage, then the total and the peak memory. */
  summary(): string {
    const rows = this.records.map((r) => [
      r.stage,
      seconds(r.ms),
      seconds(r.cpuMs),
      megabytes(r.rss),
      megabytes(r.peakRss),
    ]);
    const peak = Math.max(0, ...this.records.map((r) => r.peakRss));
    rows.push([
      'total',
      seconds(this.clock.now() - this.created),
      seconds(this.clock.cpu() - this.cpuCreated),
      '',
      megabytes(peak),
    ]);
    const header = ['stage', 'time', 'cpu', 'memory at end', 'peak so far'];
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
    const line = (cells: string[]) =>
      cells
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join('  ')
        .trimEnd();
    return `${[line(header), ...rows.map(line)].join('\n')}\n`;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;
}
