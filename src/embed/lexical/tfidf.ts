// One ticket's TF-IDF row: sublinear term frequency × smooth IDF, word and char blocks each
// L2-normalized and then weighted, so the whole row has unit norm (or is empty).
import { extractFeatures, TicketFeatures, type FeatureSettings } from './features.js';
import type { Vocabulary } from './vocabulary.js';

export interface BlockWeights {
  /** Share of the squared norm given to the word block; the char block gets the rest. */
  wordShare: number;
}

/** Reusable output of `ticketRow`: sorted columns and their values. */
export class TicketRow {
  columns = new Int32Array(4096);
  values = new Float32Array(4096);
  length = 0;
  readonly features = new TicketFeatures();
}

/** Computes the TF-IDF row of one ticket into `row`. */
export function ticketRow(
  text: string,
  vocabulary: Vocabulary,
  settings: FeatureSettings,
  weights: BlockWeights,
  row: TicketRow,
): void {
  const f = row.features;
  extractFeatures(text, settings, f);
  const needed = f.wordCount + f.charCount;
  if (needed > row.columns.length) {
    row.columns = new Int32Array(needed * 2);
    row.values = new Float32Array(needed * 2);
  }
  let mapped = 0;
  const columns = row.columns;
  for (let i = 0; i < f.wordCount; i++) {
    const c = vocabulary.wordColumn[f.word[i] & vocabulary.mask];
    if (c >= 0) columns[mapped++] = c;
  }
  for (let i = 0; i < f.charCount; i++) {
    const c = vocabulary.charColumn[f.char[i] & vocabulary.mask];
    if (c >= 0) columns[mapped++] = c;
  }
  columns.subarray(0, mapped).sort();
  // Run-length encode the sorted columns into (column, weight) pairs; word columns sort first.
  let length = 0;
  let wordNorm = 0;
  let charNorm = 0;
  for (let i = 0; i < mapped;) {
    const c = columns[i];
    let tf = 0;
    while (i < mapped && columns[i] === c) {
      tf++;
      i++;
    }
    const w = (1 + Math.log(tf)) * vocabulary.idf[c];
    columns[length] = c;
    row.values[length] = w;
    length++;
    if (c < vocabulary.wordColumns) wordNorm += w * w;
    else charNorm += w * w;
  }
  const hasWords = wordNorm > 0;
  const hasChars = charNorm > 0;
  // A ticket with only one block puts all its weight there, so every non-empty row has unit norm.
  const wordShare = hasWords && hasChars ? weights.wordShare : hasWords ? 1 : 0;
  const wordScale = hasWords ? Math.sqrt(wordShare / wordNorm) : 0;
  const charScale = hasChars ? Math.sqrt((1 - wordShare) / charNorm) : 0;
  for (let i = 0; i < length; i++) row.values[i] *= columns[i] < vocabulary.wordColumns ? wordScale : charScale;
  row.length = length;
}
