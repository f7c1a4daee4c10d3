// The lexical embedder's per-ticket work before the SVD (counting features for the vocabulary, the fitted TF-IDF
// rows) on one thread or two. The second is a helper thread importing row-work.ts, which
// gets each chunk's texts; both threads claim blocks of tickets from a shared counter, so both stay busy however
// loaded the machine is. Results come out as on one thread, bit for bit: counts are integer sums, rows are put
// back in ticket order. (The projection of every ticket keeps its own split, projection.ts: the main thread builds
// rows while the helper multiplies, a compute-bound and a memory-bound half side by side.)
// Cost: the per-ticket work (row-work.ts) split over the threads, plus per chunk a copy of its texts to the helper
// and, for rows, a copy into the final compressed rows; memory: one chunk's texts and rows per thread.
import { HelperThread, helperModule, sharedCopy, threadsAllowed } from '../../numerics/threads.js';
import { TicketFeatures } from './features.js';
import {
  BLOCK,
  ClaimedRows,
  countClaimed,
  rowsClaimed,
  type RowJob,
  type RowSettings,
  type RowsPart,
} from './row-work.js';
import { SparseRowsBuilder, type SparseRows } from './sparse.js';
import { TicketRow } from './tfidf.js';
import { documentFrequencies, mergeCounts, type DocumentFrequencies, type Vocabulary } from './vocabulary.js';

/**
 * Tickets below which a helper thread costs more than it saves: its start (a thread, the modules, the stemmers)
 * took 0.24–0.58 s at load 11, while one thread counts the features of 3,000 short tickets in about 0.2 s, and the
 * main thread waits for the helper's first reply.
 */
export const PARALLEL_ROWS_MIN_TICKETS = 8000;

/** Tickets per job of the helper thread (their texts are copied to it). */
const CHUNK = 8192;

/** Threads for the rows of `tickets` tickets: 2 with a second core, unless TICKETS_THREADS=1 says otherwise. */
export function rowThreads(tickets: number): number {
  if (tickets < PARALLEL_ROWS_MIN_TICKETS) return 1;
  return threadsAllowed() >= 2 ? 2 : 1;
}

export class TicketRowThreads {
  private readonly helper: HelperThread<RowJob, object> | null;
  private readonly next = new Int32Array(new SharedArrayBuffer(4));
  private readonly buffers = new TicketFeatures();
  private readonly row = new TicketRow();
  private vocabulary?: Vocabulary;

  constructor(
    private readonly settings: RowSettings,
    threads: number,
  ) {
    this.helper =
      threads >= 2
        ? HelperThread.fromModule<RowJob, object>(
            'TF-IDF rows',
            helperModule(import.meta.url, './row-work.js'),
            'rowJob',
            { settings, next: this.next },
          )
        : null;
  }

  get threads(): number {
    return this.helper ? 2 : 1;
  }

  /** Document frequencies over the tickets at `sample` (all when null), in tables of 2^tableBits slots. */
  countFeatures(texts: readonly string[], sample: Int32Array | null, tableBits: number): DocumentFrequencies {
    // In shared memory with a helper: the tables become the vocabulary's look-up tables (pickVocabulary), read there.
    const counts = documentFrequencies(tableBits, this.helper !== null);
    const theirs = this.helper ? documentFrequencies(tableBits, true) : null;
    this.chunks(texts, sample, (chunk) => {
      this.run(theirs && { op: 'count', texts: chunk, counts: theirs }, () =>
        countClaimed(chunk, this.next, this.settings, counts, this.buffers),
      );
    });
    if (theirs) mergeCounts(counts, theirs);
    return counts;
  }

  /** The vocabulary of the rows from now on (in shared memory when the helper thread reads it). */
  useVocabulary(vocabulary: Vocabulary): void {
    this.vocabulary = this.helper
      ? {
          ...vocabulary,
          wordColumn: sharedCopy(vocabulary.wordColumn),
          charColumn: sharedCopy(vocabulary.charColumn),
          idf: sharedCopy(vocabulary.idf),
        }
      : vocabulary;
  }

  /** The TF-IDF rows of the tickets at `sample` (all when null), in that order; `shared` for an SVD on two threads. */
  rows(texts: readonly string[], sample: Int32Array | null, shared = false): SparseRows {
    const vocabulary = this.needVocabulary();
    const count = sample ? sample.length : texts.length;
    const builder = new SparseRowsBuilder(count, 1024, shared);
    const mine = new ClaimedRows();
    let done = 0;
    this.chunks(texts, sample, (chunk) => {
      mine.blockCount = mine.rowCount = mine.size = 0;
      const theirs = this.run(this.helper && { op: 'rows', texts: chunk, vocabulary }, () =>
        rowsClaimed(chunk, this.next, vocabulary, this.settings, this.row, mine),
      );
      const parts = theirs ? [mine, theirs as RowsPart] : [mine];
      // The first chunk tells the entries a ticket has: room for all of them at once, not by doublings.
      if (done === 0) builder.reserve(Math.ceil((entriesOf(parts) / chunk.length) * count * 1.05));
      appendInTicketOrder(builder, parts, chunk.length);
      done += chunk.length;
    });
    return builder.finish(vocabulary.columns);
  }

  close(): void {
    this.helper?.close();
  }

  private needVocabulary(): Vocabulary {
    if (!this.vocabulary) throw new Error('rows before useVocabulary()');
    return this.vocabulary;
  }

  /** `work` on this thread while the helper does `job` (when there is one), both claiming from the counter. */
  private run(job: RowJob | null, work: () => void): object | null {
    Atomics.store(this.next, 0, 0);
    if (job) this.helper?.start(job);
    work();
    return job && this.helper ? this.helper.finish() : null;
  }

  private chunks(texts: readonly string[], sample: Int32Array | null, each: (chunk: string[]) => void): void {
    const count = sample ? sample.length : texts.length;
    for (let from = 0; from < count; from += CHUNK) {
      const to = Math.min(count, from + CHUNK);
      each(sample ? Array.from(sample.subarray(from, to), (i) => texts[i]) : texts.slice(from, to));
    }
  }
}

function entriesOf(parts: RowsPart[]): number {
  return parts.reduce((sum, part) => sum + (part.rowEnds[part.rowCount - 1] ?? 0), 0);
}

/** Appends the rows of a chunk of `count` tickets, block by block, from whichever thread's part holds each block. */
export function appendInTicketOrder(builder: SparseRowsBuilder, parts: RowsPart[], count: number): void {
  const at = parts.map(() => ({ block: 0, row: 0, entry: 0 }));
  const blocks = Math.ceil(count / BLOCK);
  for (let b = 0; b < blocks; b++) {
    const k = parts.findIndex((part, i) => at[i].block < part.blockCount && part.blocks[at[i].block] === b);
    if (k < 0) throw new Error(`no thread computed block ${b} of ${blocks}`);
    const part = parts[k];
    const position = at[k];
    const rows = Math.min(BLOCK, count - b * BLOCK);
    for (let r = 0; r < rows; r++) {
      const end = part.rowEnds[position.row++];
      builder.append(
        part.indices.subarray(position.entry, end),
        part.values.subarray(position.entry, end),
        end - position.entry,
      );
      position.entry = end;
    }
    position.block++;
  }
}
