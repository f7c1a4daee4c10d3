// Which hashed features become TF-IDF columns: document frequency counted in hash tables, capped by frequency.
// Cost: O(characters) per counted ticket (features.ts), O(2^tableBits) time and memory per table to pick the
// columns (the count tables become the column tables); counting runs on two threads from 8,000 tickets
// (row-threads.ts: one table pair each, summed).
import { extractFeatures, TicketFeatures, type FeatureSettings } from './features.js';

export interface VocabularySettings {
  /** log2 of each hash table's size (word and char tables are separate). */
  tableBits: number;
  /** A feature must occur in at least this many tickets. */
  minDocumentFrequency: number;
  /** ... and in at most this share of them (near-universal features carry no topic). */
  maxDocumentShare: number;
  /** Caps on the number of columns per block, keeping the most frequent features. */
  maxWordFeatures: number;
  maxCharFeatures: number;
}

export interface Vocabulary {
  /** Hash-table slot → column, or -1. Word columns come first, then char columns. */
  wordColumn: Int32Array;
  charColumn: Int32Array;
  wordColumns: number;
  columns: number;
  /** Smooth IDF per column: ln((1+n)/(1+df)) + 1. */
  idf: Float32Array;
  mask: number;
}

/** Counts document frequencies over the tickets at `sample` (all when null) and picks the columns (one thread). */
export function buildVocabulary(
  texts: readonly string[],
  sample: Int32Array | null,
  features: FeatureSettings,
  settings: VocabularySettings,
): Vocabulary {
  const counts = documentFrequencies(settings.tableBits, false);
  const buffers = new TicketFeatures();
  const count = sample ? sample.length : texts.length;
  for (let s = 0; s < count; s++) countTicket(counts, texts[sample ? sample[s] : s], features, buffers);
  return pickVocabulary(counts, count, settings);
}

/** Per hash-table slot, how many tickets have a feature there (a plain object, so a helper thread can get it). */
export interface DocumentFrequencies {
  word: Int32Array;
  char: Int32Array;
  mask: number;
}

/** Zeroed tables of 2^tableBits slots, in shared memory when a helper thread counts into them. */
export function documentFrequencies(tableBits: number, shared: boolean): DocumentFrequencies {
  const size = 1 << tableBits;
  const table = () => (shared ? new Int32Array(new SharedArrayBuffer(size * 4)) : new Int32Array(size));
  return { word: table(), char: table(), mask: size - 1 };
}

/** Counts one ticket's distinct features. */
export function countTicket(
  counts: DocumentFrequencies,
  text: string,
  features: FeatureSettings,
  buffers: TicketFeatures,
): void {
  extractFeatures(text, features, buffers);
  countDistinct(buffers.word, buffers.wordCount, counts.mask, counts.word);
  countDistinct(buffers.char, buffers.charCount, counts.mask, counts.char);
}

/** Adds another thread's counts: integer sums, the same whatever the order. */
export function mergeCounts(into: DocumentFrequencies, other: DocumentFrequencies): void {
  for (let i = 0; i < into.word.length; i++) into.word[i] += other.word[i];
  for (let i = 0; i < into.char.length; i++) into.char[i] += other.char[i];
}

/**
 * The columns, from the counts over `count` tickets. The count tables become the column tables, in place: no second
 * pair of 2^tableBits-slot tables to allocate, and tables counted in shared memory stay there for a helper thread.
 */
export function pickVocabulary(counts: DocumentFrequencies, count: number, settings: VocabularySettings): Vocabulary {
  const minDf = Math.max(1, settings.minDocumentFrequency);
  const maxDf = Math.max(minDf, Math.floor(settings.maxDocumentShare * count));
  const word = pickSlots(counts.word, minDf, maxDf, settings.maxWordFeatures);
  const char = pickSlots(counts.char, minDf, maxDf, settings.maxCharFeatures);
  const wordColumns = word.length;
  const columns = wordColumns + char.length;
  const idf = new Float32Array(columns);
  fillIdf(counts.word, word, 0, count, idf);
  fillIdf(counts.char, char, wordColumns, count, idf);
  return {
    wordColumn: toColumns(counts.word, word, 0),
    charColumn: toColumns(counts.char, char, wordColumns),
    wordColumns,
    columns,
    idf,
    mask: counts.mask,
  };
}

/** Adds 1 to df[slot] for each distinct slot among the first `length` hashes (sorts them in place). */
function countDistinct(hashes: Int32Array, length: number, mask: number, df: Int32Array): void {
  for (let i = 0; i < length; i++) hashes[i] &= mask;
  const slots = hashes.subarray(0, length).sort();
  for (let i = 0; i < length; i++) if (i === 0 || slots[i] !== slots[i - 1]) df[slots[i]]++;
}

/**
 * Slots with minDf ≤ df ≤ maxDf, most frequent first (ties: lower slot), at most `cap` of them (the most frequent).
 * Their order is their columns' order: the SVD's dense rows the most frequent features index then share cache lines.
 */
function pickSlots(df: Int32Array, minDf: number, maxDf: number, cap: number): number[] {
  // Histogram of df values finds the cut-off frequency without sorting millions of slots.
  const histogram = new Int32Array(maxDf + 2);
  for (let slot = 0; slot < df.length; slot++) {
    const f = df[slot];
    if (f >= minDf && f <= maxDf) histogram[f]++;
  }
  let cutoff = minDf;
  let above = 0; // slots with df above the current frequency
  for (let f = maxDf; f >= minDf; f--) {
    cutoff = f;
    if (above + histogram[f] > cap) break;
    above += histogram[f];
  }
  let atCutoffAllowed = cap - countAbove(histogram, cutoff, maxDf);
  const slots: number[] = [];
  for (let slot = 0; slot < df.length; slot++) {
    const f = df[slot];
    if (f < cutoff || f > maxDf) continue;
    if (f === cutoff) {
      if (atCutoffAllowed <= 0) continue;
      atCutoffAllowed--;
    }
    slots.push(slot);
  }
  return slots.sort((a, b) => df[b] - df[a] || a - b);
}

function countAbove(histogram: Int32Array, cutoff: number, maxDf: number): number {
  let total = 0;
  for (let f = cutoff + 1; f <= maxDf; f++) total += histogram[f];
  return total;
}

/** Smooth IDF of the picked slots' columns (firstColumn onwards, in `slots` order). */
function fillIdf(df: Int32Array, slots: number[], firstColumn: number, documents: number, idf: Float32Array): void {
  slots.forEach((slot, i) => (idf[firstColumn + i] = Math.log((1 + documents) / (1 + df[slot])) + 1));
}

/** Overwrites the counts `table` with slot → column (−1 for slots not picked) and returns it. */
function toColumns(table: Int32Array, slots: number[], firstColumn: number): Int32Array {
  table.fill(-1);
  slots.forEach((slot, i) => (table[slot] = firstColumn + i));
  return table;
}
