// A progress bar on stderr with rate and ETA, only when a person is watching (a TTY) and not --quiet.
import cliProgress from 'cli-progress';
import type { EmbedProgress } from '../types.js';

export interface ProgressHandle {
  /** Safe to pass around unbound (`onProgress: progress.update`). */
  update: (p: EmbedProgress) => void;
  stop: () => void;
}

export interface ProgressOptions {
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
}

const SILENT: ProgressHandle = { update: () => undefined, stop: () => undefined };

/** Shows "label [████░░] 42% | 4200/10000 | 850/s | ETA 7s"; a no-op when quiet or not a TTY. */
export function startProgress(label: string, options: ProgressOptions = {}): ProgressHandle {
  const stream = options.stream ?? process.stderr;
  if (options.quiet || !stream.isTTY) return SILENT;
  let bar: cliProgress.SingleBar | null = null;
  const started = Date.now();
  let firstDone = 0;
  return {
    update: ({ done, total }) => {
      if (!bar) {
        // Texts served from the cache arrive at once; the rate counts only computed ones.
        firstDone = done;
        bar = new cliProgress.SingleBar(
          {
            stream,
            format: `${label} [{bar}] {percentage}% | {value}/{total} | {rate}/s | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: true,
            etaBuffer: 50,
            fps: 10,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, done, { rate: '0' });
        return;
      }
      const seconds = (Date.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round((done - firstDone) / seconds) : 0;
      bar.setTotal(total);
      bar.update(done, { rate: String(rate) });
    },
    stop: () => {
      bar?.stop();
      bar = null;
    },
  };
}
