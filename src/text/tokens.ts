// Word tokenization shared by the lexical embedder and the cluster labels, so both see the same words.
import { isStopWord } from './stopwords.js';

// Letters (any script), digits, and inner apostrophes/hyphens ("don't", "e-mail", "вай-фай").
const WORD = /[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu;
// Placeholders left by PII masking, e.g. "[email]", are not topic words.
const MASK = /\[(?:email|phone|card|account|url|passport|snils|inn|secret)\]/g;

/** Lower-cased words, ё folded to е, apostrophes normalized. Stop words kept. */
export function words(text: string): string[] {
  const lower = text.toLowerCase().replace(MASK, ' ').replace(/ё/g, 'е').replace(/’/g, "'");
  return lower.match(WORD) ?? [];
}

/** Words that can carry a topic: no stop words, no pure numbers, at least 2 characters. */
export function contentWords(text: string): string[] {
  return words(text).filter(isContentWord);
}

/** A word that can carry a topic: at least 2 characters, not a stop word, not a pure number. */
export function isContentWord(word: string): boolean {
  return word.length > 1 && !isStopWord(word) && !/^\d+$/.test(word);
}
