// Hashed features of one ticket: stemmed word unigrams + bigrams, and character n-grams inside words.
// Words are content words plus, optionally, the intent-carrying stop words of intent-words.ts.
// N-grams are hashed straight from character codes (FNV-1a), so no substring is ever created.
import { stem } from '../../text/stem.js';
import { isContentWord, words } from '../../text/tokens.js';
import { intentToken } from './intent-words.js';

export interface FeatureSettings {
  /** Add bigrams of adjacent content words (stemmed). */
  wordBigrams: boolean;
  /** Shortest and longest character n-gram, counted with the word-boundary marks. */
  charMin: number;
  charMax: number;
  /** Also keep the stop words that tell sibling requests apart (negations, particles): see intent-words.ts. */
  intentWords: boolean;
}

/** Reusable buffers of one ticket's feature hashes (unsigned 32-bit values stored in Int32Array). */
export class TicketFeatures {
  word: Int32Array = new Int32Array(256);
  wordCount = 0;
  char: Int32Array = new Int32Array(4096);
  charCount = 0;

  pushWord(hash: number): void {
    if (this.wordCount === this.word.length) this.word = grow(this.word);
    this.word[this.wordCount++] = hash;
  }

  pushChar(hash: number): void {
    if (this.charCount === this.char.length) this.char = grow(this.char);
    this.char[this.charCount++] = hash;
  }
}

function grow(a: Int32Array): Int32Array {
  const grown = new Int32Array(a.length * 2);
  grown.set(a);
  return grown;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Word-boundary marks: code points that never occur inside a tokenized word.
const WORD_START = 0x02;
const WORD_END = 0x03;

/** Murmur3's finalizer: spreads FNV's weak low bits so a power-of-two mask is safe. */
export function mixHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

export function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return mixHash(h);
}

function hashPair(first: number, second: number): number {
  return mixHash(Math.imul(first, 0x9e3779b1) ^ second ^ 0x5bd1e995);
}

/** Fills `out` with the hashed features of one cleaned ticket text. */
export function extractFeatures(text: string, settings: FeatureSettings, out: TicketFeatures): void {
  out.wordCount = 0;
  out.charCount = 0;
  let previous = 0;
  let hasPrevious = false;
  for (const word of words(text)) {
    const intent = settings.intentWords ? intentToken(word) : undefined;
    if (intent === undefined && !isContentWord(word)) continue;
    const unigram = hashString(intent ?? stem(word));
    out.pushWord(unigram);
    if (settings.wordBigrams && hasPrevious) out.pushWord(hashPair(previous, unigram));
    previous = unigram;
    hasPrevious = true;
    pushCharNgrams(word, settings, out);
  }
}

function pushCharNgrams(word: string, settings: FeatureSettings, out: TicketFeatures): void {
  const length = word.length + 2; // with both boundary marks
  for (let start = 0; start < length; start++) {
    let h = FNV_OFFSET;
    const end = Math.min(length, start + settings.charMax);
    for (let j = start; j < end; j++) {
      const code = j === 0 ? WORD_START : j === length - 1 ? WORD_END : word.charCodeAt(j - 1);
      h = Math.imul(h ^ code, FNV_PRIME);
      if (j - start + 1 >= settings.charMin) out.pushChar(mixHash(h));
    }
  }
}
