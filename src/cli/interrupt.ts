// Ctrl-C, or a cancelled CI job (SIGTERM): one line on stderr and exit 130 (143), never a stack trace, a
// half-written report or a temp file left beside it.
// Node runs a signal handler only between tasks, so a handler would also wait while a stage computes without
// pausing (clustering 100,000 tickets takes a minute) and Ctrl-C would seem dead. So the handler is held only
// while tickets waits (reading the export, a model or an endpoint embedding, between the SVD's passes) and while
// it writes the reports; the rest of the time the signal keeps its default action and stops the process at
// once (the shell reports status 130). Files are written synchronously (temp + rename): a signal arriving
// meanwhile takes effect once every file is whole, and outside the writes nothing is being written at all.
import { constants } from 'node:os';
import type { StageRunner } from '../pipeline.js';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type HandledSignal = (typeof SIGNALS)[number];

/** Stages that give the event loop turns now and then, so the handler runs within moments of the signal. */
const RESPONSIVE_STAGES: ReadonlySet<string> = new Set(['ingest', 'embed']);

/** What the user reads: the stage in their words. */
const DOING: Record<string, string> = {
  ingest: 'reading the export',
  embed: 'embedding',
  write: 'writing the reports',
};

export interface InterruptGuard {
  /** Passed to the pipeline: holds the signals during the stages that wait. */
  runStage: StageRunner;
  /** Writes the reports with the signals held: a Ctrl-C meanwhile takes effect once every file is whole. */
  writing<T>(work: () => Promise<T> | T): Promise<T>;
}

export interface InterruptOptions {
  stderr?: NodeJS.WritableStream;
  /** Runs before exiting (a progress bar gives the cursor back). */
  cleanup?: () => void;
  exit?: (code: number) => void;
}

/** The line printed when a run is interrupted. */
export function interruptedLine(signal: HandledSignal, stage: string): string {
  const by = signal === 'SIGINT' ? 'Ctrl-C' : signal;
  const doing = DOING[stage] ?? stage;
  if (stage === 'write') return `tickets: interrupted by ${by} while ${doing}; each report written is whole`;
  return `tickets: interrupted by ${by} while ${doing}; no report was written`;
}

/** Exit code of a process ended by `signal`, as a shell reports it: 128 + the signal's number. */
export function signalExitCode(signal: HandledSignal): number {
  return 128 + constants.signals[signal];
}

/**
 * Lets a signal received meanwhile reach the handler. Signals arrive through the event loop's poll phase;
 * two turns make sure one poll runs after the work (one turn can end before the loop polls again).
 */
async function drain(): Promise<void> {
  for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Handles SIGINT and SIGTERM for one run, during the stages that wait and the writes. */
export function guardAgainstInterrupts(options: InterruptOptions = {}): InterruptGuard {
  const stderr = options.stderr ?? process.stderr;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stage = '';
  const onSignal = (signal: HandledSignal): void => {
    options.cleanup?.();
    stderr.write(`${interruptedLine(signal, stage)}\n`);
    exit(signalExitCode(signal));
  };
  const held = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    stage = name;
    for (const signal of SIGNALS) process.on(signal, onSignal);
    try {
      return await work();
    } finally {
      await drain();
      for (const signal of SIGNALS) process.off(signal, onSignal);
    }
  };
  return {
    runStage: async (name, work) => (RESPONSIVE_STAGES.has(name) ? held(name, work) : work()),
    writing: (work) => held('write', work),
  };
}
