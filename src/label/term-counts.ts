// One pass over the corpus: words → stems → unigram and bigram terms, counted per class.
// Terms are stem-level (so "пароль"/"пароля" or "charge"/"charged" are one term) and each is
// counted at most once per ticket, so one long ticket repeating a word cannot make a keyword.
import { isContentWord, words } from '../text/tokens.js';
import { stem } from '../text/stem.js';
import { GrowableInt32, PairTable } from './growable.js';

// Bigrams do not cross sentence ends, line breaks or masked data.
const SENTENCE_END = /[.!?;\n\r]+|\[(?:email|phone|card|account|url)\]/;

/** The terms seen in the corpus. Term ids index every array here. */
export interface TermVocabulary {
  size: number;
  /** For a bigram, its two unigram term ids; -1 for a unigram. */
  first: Int32Array;
  second: Int32Array;
  /** Stable stem key: "парол", "reset password" (stems). Built on demand: most terms are never shown. */
  key(term: number): string;
  /** Most frequent surface form: "пароль", "сброс пароля". */
  surface(term: number): string;
}

/** Per class: the terms it contains and in how many of its tickets each appears. */
export interface ClassTerms {
  terms: Int32Array;
  counts: Int32Array;
  /** Sum of counts. */
  total: number;
  tickets: number;
}

export interface CorpusTermCounts {
  vocabulary: TermVocabulary;
  classes: ClassTerms[];
  /** Frequency of each term across all classes (the c-TF-IDF denominator). */
  acrossClasses: Int32Array;
}

/**
 * Counts terms per class. `classOf[i]` is the class of ticket i in 0..classCount-1, or -1 to leave
 * the ticket out entirely.
 */
export function countClassTerms(texts: readonly string[], classOf: Int32Array, classCount: number): CorpusTermCounts {
  // Group tickets by class (counting sort) so one dense counter serves each class in turn.
  const starts = new Int32Array(classCount + 1);
  for (let i = 0; i < classOf.length; i++) if (classOf[i] >= 0) starts[classOf[i] + 1]++;
  for (let c = 0; c < classCount; c++) starts[c + 1] += starts[c];
  const order = new Int32Array(starts[classCount]);
  const fill = starts.slice(0, classCount);
  for (let i = 0; i < classOf.length; i++) if (classOf[i] >= 0) order[fill[classOf[i]]++] = i;

  const wordIds = new Map<string, number>();
  const wordText: string[] = [];
  const wordTerm = new GrowableInt32();
  const wordFreq = new GrowableInt32();
  const stemTerm = new Map<string, number>();
  const bigramTerm = new PairTable();

  const first = new GrowableInt32();
  const second = new GrowableInt32();
  const termStem: string[] = [];
  // Exact counts of each word pair, to show a bigram in its most frequent word order and inflection.
  const wordPairs = new PairTable();
  const lastTicket = new GrowableInt32();
  const classCounter = new GrowableInt32();
  const across = new GrowableInt32();
  const touched = new GrowableInt32();

  const newTerm = (a: number, b: number, stemKey: string): number => {
    first.push(a);
    second.push(b);
    termStem.push(stemKey);
    lastTicket.push(-1);
    classCounter.push(0);
    return across.push(0);
  };
  const wordId = (word: string): number => {
    let id = wordIds.get(word);
    if (id === undefined) {
      id = wordText.push(word) - 1;
      const s = stem(word);
      let term = stemTerm.get(s);
      if (term === undefined) {
        term = newTerm(-1, -1, s);
        stemTerm.set(s, term);
      }
      wordTerm.push(term);
      wordFreq.push(0);
      wordIds.set(word, id);
    }
    return id;
  };

  let ticket = -1;
  const count = (term: number): void => {
    if (lastTicket.array[term] === ticket) return;
    lastTicket.array[term] = ticket;
    if (classCounter.array[term]++ === 0) touched.push(term);
  };

  const classes: ClassTerms[] = [];
  for (let c = 0; c < classCount; c++) {
    for (let k = starts[c]; k < starts[c + 1]; k++) {
      ticket = order[k];
      for (const sentence of texts[ticket].split(SENTENCE_END)) {
        let prevWord = -1;
        let prevTerm = -1;
        for (const word of words(sentence)) {
          // A bigram is two words written side by side: "soon open" from "soon to open" is a fragment.
          if (!isContentWord(word)) {
            prevTerm = -1;
            continue;
          }
          const w = wordId(word);
          wordFreq.array[w]++;
          const term = wordTerm.array[w];
          count(term);
          if (prevTerm >= 0 && prevTerm !== term) {
            let bigram = bigramTerm.get(prevTerm, term);
            if (bigram < 0) {
              bigram = newTerm(prevTerm, term, '');
              bigramTerm.set(prevTerm, term, bigram);
            }
            wordPairs.add(prevWord, w, 1);
            count(bigram);
          }
          prevWord = w;
          prevTerm = term;
        }
      }
    }
    const terms = touched.array.slice(0, touched.length);
    const counts = new Int32Array(terms.length);
    let total = 0;
    for (let j = 0; j < terms.length; j++) {
      const t = terms[j];
      counts[j] = classCounter.array[t];
      total += counts[j];
      across.array[t] += counts[j];
      classCounter.array[t] = 0;
    }
    touched.length = 0;
    classes.push({ terms, counts, total, tickets: starts[c + 1] - starts[c] });
  }

  const size = across.length;
  const firstIds = first.array.slice(0, size);
  const secondIds = second.array.slice(0, size);
  let surfaces: ((term: number) => string) | null = null;
  const key = (t: number): string =>
    firstIds[t] < 0 ? termStem[t] : `${termStem[firstIds[t]]} ${termStem[secondIds[t]]}`;
  return {
    vocabulary: {
      size,
      first: firstIds,
      second: secondIds,
      key,
      surface: (t) => {
        surfaces ??= surfaceForms(size, firstIds, wordText, wordTerm.array, wordFreq.array, wordPairs, bigramTerm);
        return surfaces(t);
      },
    },
    classes,
    acrossClasses: across.array.slice(0, size),
  };
}

function surfaceForms(
  size: number,
  first: Int32Array,
  wordText: string[],
  wordTerm: Int32Array,
  wordFreq: Int32Array,
  wordPairs: PairTable,
  bigramTerm: PairTable,
): (term: number) => string {
  const bestWord = new Int32Array(size).fill(-1);
  for (let w = 0; w < wordText.length; w++) {
    const t = wordTerm[w];
    const best = bestWord[t];
    if (best < 0 || wordFreq[w] > wordFreq[best] || (wordFreq[w] === wordFreq[best] && wordText[w] < wordText[best])) {
      bestWord[t] = w;
    }
  }
  const bestFirst = new Int32Array(size).fill(-1);
  const bestSecond = new Int32Array(size);
  const bestCount = new Int32Array(size);
  wordPairs.forEach((a, b, count) => {
    const t = bigramTerm.get(wordTerm[a], wordTerm[b]);
    const better =
      count > bestCount[t] ||
      (count === bestCount[t] &&
        `${wordText[a]} ${wordText[b]}` < `${wordText[bestFirst[t]]} ${wordText[bestSecond[t]]}`);
    if (bestFirst[t] < 0 || better) {
      bestFirst[t] = a;
      bestSecond[t] = b;
      bestCount[t] = count;
    }
  });
  return (t) => (first[t] < 0 ? wordText[bestWord[t]] : `${wordText[bestFirst[t]]} ${wordText[bestSecond[t]]}`);
}
