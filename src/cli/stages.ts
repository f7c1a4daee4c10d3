// What the user sees of the pipeline's stages on stderr: a progress bar with an ETA for each stage that
// reports progress (only on a terminal, never with --quiet), and with --verbose a closing summary of each
// stage's time and memory.
import type { StageName, StageObserver } from '../pipeline.js';
import { startProgress, type ProgressHandle, type ProgressOptions } from './progress.js';

/** Where time and memory readings come from: the process, or a test's fixed sequence. */
export interface StageClock {
  /** Milliseconds from any fixed start. */
  now(): number;
  /** Resident memory now, and its peak so far in the process's life, in bytes. */
  memory(): { rss: number; peakRss: number };
}

export const PROCESS_CLOCK: StageClock = {
  now: () => performance.now(),
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
  /** Resident memory when the stage ended, and the process's peak by then (bytes). */
  rss: number;
  peakRss: number;
}

export class StageReporter implements StageObserver {
  readonly records: StageRecord[] = [];
  private readonly created: number;
  private bar: ProgressHandle | null = null;
  private started = 0;

  constructor(
    private readonly progress: ProgressOptions,
    private readonly clock: StageClock = PROCESS_CLOCK,
  ) {
    this.created = clock.now();
  }

  begin(stage: StageName): (p: { done: number; total: number }) => void {
    this.bar?.stop();
    const bar = startProgress(LABELS[stage], this.progress);
    this.bar = bar;
    this.started = this.clock.now();
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
    this.records.push({ stage, ms: this.clock.now() - this.started, ...this.clock.memory() });
  }

  /** Stops a bar left open by a stage that failed. */
  stop(): void {
    this.bar?.stop();
    this.bar = null;
  }

  /** The --verbose summary: one line per stage, then the total and the peak memory. */
  summary(): string {
    const rows = this.records.map((r) => [r.stage, seconds(r.ms), megabytes(r.rss), megabytes(r.peakRss)]);
    const peak = Math.max(0, ...this.records.map((r) => r.peakRss));
    rows.push(['total', seconds(this.clock.now() - this.created), '', megabytes(peak)]);
    const header = ['stage', 'time', 'memory at end', 'peak so far'];
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
