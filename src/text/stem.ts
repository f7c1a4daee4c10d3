// Snowball stemming for the word features: Russian for Cyrillic words, English for Latin ones.
import { createRequire } from 'node:module';

interface SnowballStemmer {
  stem(word: string): string;
}
interface SnowballFactory {
  newStemmer(language: string): SnowballStemmer;
}

// snowball-stemmers is CommonJS without type declarations, and one file with every language's stemmer: loading it
// costs a fifth of a second, so it is loaded on the first word, not by every command that never stems (`--help`,
// `diff`, a refused export).
let stemmers: { russian: SnowballStemmer; english: SnowballStemmer } | undefined;
function loadStemmers(): { russian: SnowballStemmer; english: SnowballStemmer } {
  if (stemmers) return stemmers;
  const snowball = createRequire(import.meta.url)('snowball-stemmers') as SnowballFactory;
  stemmers = { russian: snowball.newStemmer('russian'), english: snowball.newStemmer('english') };
  return stemmers;
}

const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[a-z]/;

// Stemming costs microseconds per call; ticket vocabularies repeat, so memoize (bounded, so 1M tickets stay in memory).
const MAX_CACHED = 500_000;
const cache = new Map<string, string>();

/** Stem of one lower-cased word: Russian rules for Cyrillic, English for Latin, other words unchanged. */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let result = word;
  if (word.length > 2) {
    if (CYRILLIC.test(word)) result = loadStemmers().russian.stem(word);
    else if (LATIN.test(word)) result = loadStemmers().english.stem(word);
  }
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(word, result);
  return result;
}
