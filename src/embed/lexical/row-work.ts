// The lexical embedder's per-ticket work (document frequencies, fitted TF-IDF rows) on blocks of
// tickets claimed from a shared counter, as both threads run it: the main thread calls these functions, the helper
// thread imports this module and runs `rowJob` (row-threads.ts). Each ticket's result depends on its text alone,
// computed by the same code whichever thread claims it, so one thread or two give the same bits.
// Cost: O(characters) per ticket (words, stems, character n-grams, hash-table look-ups); a thread's rows are kept
// until the main thread puts them in order.
import { claimBlocks } from '../../numerics/threads.js';
import type { FeatureSettings } from './features.js';
import { TicketFeatures } from './features.js';
import { ticketRow, TicketRow, type BlockWeights } from './tfidf.js';
import { countTicket, type DocumentFrequencies, type Vocabulary } from './vocabulary.js';

/** Tickets per claim: small enough that both threads finish a chunk within a few tickets of each other. */
export const BLOCK = 16;

export interface RowSettings {
  features: FeatureSettings;
  weights: BlockWeights;
}

/** Counts the features of the tickets of claimed blocks into `counts`. */
export function countClaimed(
  texts: readonly string[],
  next: Int32Array,
  settings: RowSettings,
  counts: DocumentFrequencies,
  buffers: TicketFeatures,
): void {
  claimBlocks(next, texts.length, BLOCK, (start, stop) => {
    for (let i = start; i < stop; i++) countTicket(counts, texts[i], settings.features, buffers);
  });
}

/** One thread's rows of a chunk: the blocks it claimed (increasing), each row's end in its entries. */
export interface RowsPart {
  blocks: Int32Array;
  blockCount: number;
  rowEnds: Int32Array;
  rowCount: number;
  indices: Int32Array;
  values: Float32Array;
}

export class ClaimedRows implements RowsPart {
  blocks = new Int32Array(64);
  blockCount = 0;
  rowEnds = new Int32Array(1024);
  rowCount = 0;
  indices = new Int32Array(1 << 16);
  values = new Float32Array(1 << 16);
  size = 0;

  add(row: TicketRow): void {
    if (this.rowCount === this.rowEnds.length) this.rowEnds = grown(this.rowEnds, this.rowCount + 1);
    if (this.size + row.length > this.indices.length) {
      this.indices = grown(this.indices, this.size + row.length);
      this.values = grown(this.values, this.size + row.length);
    }
    this.indices.set(row.columns.subarray(0, row.length), this.size);
    this.values.set(row.values.subarray(0, row.length), this.size);
    this.size += row.length;
    this.rowEnds[this.rowCount++] = this.size;
  }

  addBlock(block: number): void {
    if (this.blockCount === this.blocks.length) this.blocks = grown(this.blocks, this.blockCount + 1);
    this.blocks[this.blockCount++] = block;
  }
}

function grown<T extends Int32Array | Float32Array>(a: T, needed: number): T {
  const Kind = a.constructor as new (length: number) => T;
  const out = new Kind(Math.max(needed, a.length * 2));
  out.set(a);
  return out;
}

/** The TF-IDF rows of the tickets of claimed blocks, appended to `into`. */
export function rowsClaimed(
  texts: readonly string[],
  next: Int32Array,
  vocabulary: Vocabulary,
  settings: RowSettings,
  row: TicketRow,
  into: ClaimedRows,
): void {
  claimBlocks(next, texts.length, BLOCK, (start, stop) => {
    into.addBlock(start / BLOCK);
    for (let i = start; i < stop; i++) {
      ticketRow(texts[i], vocabulary, settings.features, settings.weights, row);
      into.add(row);
    }
  });
}

export type RowJob =
  | { op: 'count'; texts: string[]; counts: DocumentFrequencies }
  | { op: 'rows'; texts: string[]; vocabulary: Vocabulary };

export interface RowContext {
  settings: RowSettings;
  /** The claim counter, reset by the main thread before each job. */
  next: Int32Array;
}

// The helper thread's buffers, kept between jobs (each HelperThread gets its own instance of this module). Everything else
// comes with each job: its arrays are in shared memory, so only their handles are copied.
const helper = { buffers: new TicketFeatures(), row: new TicketRow() };

/**
 * The helper thread's side of row-threads.ts: one job, and the reply (rows are moved, not copied).
 * @public (the helper thread imports it by name)
 */
export function rowJob(job: RowJob, { settings, next }: RowContext): object {
  if (job.op === 'count') {
    countClaimed(job.texts, next, settings, job.counts, helper.buffers);
    return {};
  }
  const rows = new ClaimedRows();
  rowsClaimed(job.texts, next, job.vocabulary, settings, helper.row, rows);
  const { blocks, blockCount, rowEnds, rowCount, indices, values } = rows;
  return { blocks, blockCount, rowEnds, rowCount, indices, values } satisfies RowsPart;
}
