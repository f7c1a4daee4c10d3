// Class-based TF-IDF (as in BERTopic) and the choice of readable, non-redundant keywords.
import type { CorpusTermCounts, TermVocabulary } from './term-counts.js';
import { isDateOrPlace, isFiller } from './noise-words.js';

/** A class's best terms by c-TF-IDF, best first. `counts` = tickets of the class containing the term. */
export interface ScoredTerms {
  terms: Int32Array;
  scores: Float64Array;
  counts: Int32Array;
}

/** Average term count of the non-empty classes: the same for every class, so computed once per corpus. */
export function averageClassTotal(corpus: CorpusTermCounts): number {
  let all = 0;
  let nonEmpty = 0;
  for (const k of corpus.classes) {
    all += k.total;
    if (k.total > 0) nonEmpty++;
  }
  return nonEmpty > 0 ? all / nonEmpty : 0;
}

/**
 * c-TF-IDF of class c: (count in class / all counts in class) × log(1 + average counts per class /
 * count across classes), with `averagePerClass` from averageClassTotal. Returns the `limit` best terms.
 */
export function classTfIdf(corpus: CorpusTermCounts, c: number, limit: number, averagePerClass: number): ScoredTerms {
  const { terms, counts, total } = corpus.classes[c];
  const scores = new Float64Array(terms.length);
  for (let j = 0; j < terms.length; j++) {
    scores[j] = (counts[j] / total) * Math.log(1 + averagePerClass / corpus.acrossClasses[terms[j]]);
  }
  const best = topIndices(scores, terms, limit);
  return {
    terms: best.map((j) => terms[j]),
    scores: Float64Array.from(best, (j) => scores[j]),
    counts: best.map((j) => counts[j]),
  };
}

/** Indices of the `k` largest scores, best first; ties go to the lower term id (deterministic). */
export function topIndices(scores: Float64Array, terms: Int32Array, k: number): Int32Array {
  const better = (a: number, b: number): boolean =>
    scores[a] > scores[b] || (scores[a] === scores[b] && terms[a] < terms[b]);
  // Min-heap of the k best so far: the root is the worst kept.
  const heap = new Int32Array(Math.min(k, scores.length));
  let size = 0;
  const siftDown = (from: number): void => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < size && better(heap[worst], heap[l])) worst = l;
      if (r < size && better(heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst], heap[i]];
      i = worst;
    }
  };
  for (let j = 0; j < scores.length; j++) {
    if (size < heap.length) {
      let i = size++;
      heap[i] = j;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!better(heap[parent], heap[i])) break;
        [heap[i], heap[parent]] = [heap[parent], heap[i]];
        i = parent;
      }
    } else if (size > 0 && better(j, heap[0])) {
      heap[0] = j;
      siftDown(0);
    }
  }
  return heap.slice(0, size).sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

/** Fewest tickets a term must appear in to be shown: a keyword should describe more than one ticket. */
export function minimumSupport(tickets: number): number {
  return tickets < 4 ? 1 : Math.max(2, Math.ceil(tickets * 0.02));
}

// A bigram replaces its own unigram only when it covers a fair part of that unigram's tickets.
const BIGRAM_COVERAGE = 0.25;

/**
 * Picks up to `max` keyword terms in score order, without repeating a stem: a bigram absorbs its
 * own unigrams ("password reset" replaces "password"), a term sharing a stem with a chosen bigram is
 * skipped, and so is a word that is a near-duplicate the stemmer missed ("монетизацию"/"монетизировать").
 */
export function selectKeywordTerms(
  vocabulary: TermVocabulary,
  scored: ScoredTerms,
  minSupport: number,
  max: number,
): number[] {
  const { first, second, surface } = vocabulary;
  const stemsOf = (t: number): number[] => (first[t] < 0 ? [t] : [first[t], second[t]]);
  const chosen: number[] = [];
  const countOf = new Map<number, number>();
  const nearDuplicateOfChosen = (t: number, except: number[]): boolean =>
    chosen.some((x) => !except.includes(x) && sharesWordRoot(surface(t), surface(x)));
  for (let j = 0; j < scored.terms.length && chosen.length < max; j++) {
    const t = scored.terms[j];
    const count = scored.counts[j];
    if (count < minSupport) continue;
    if (!readableTerm(vocabulary.key(t))) continue;
    countOf.set(t, count);
    if (first[t] < 0) {
      if (chosen.some((x) => first[x] >= 0 && (first[x] === t || second[x] === t))) continue;
      if (nearDuplicateOfChosen(t, [])) continue;
      chosen.push(t);
      continue;
    }
    const stems = stemsOf(t);
    if (chosen.some((x) => first[x] >= 0 && stemsOf(x).some((s) => stems.includes(s)))) continue;
    const covered = chosen.filter((x) => stems.includes(x));
    if (covered.some((x) => count < BIGRAM_COVERAGE * (countOf.get(x) ?? 0))) continue;
    if (nearDuplicateOfChosen(t, covered)) continue;
    if (covered.length === 0) {
      chosen.push(t);
      continue;
    }
    const at = chosen.indexOf(covered[0]);
    chosen[at] = t;
    for (let i = chosen.length - 1; i > at; i--) if (covered.includes(chosen[i])) chosen.splice(i, 1);
  }
  return chosen;
}

/** Neither a date or place ("arrive march", "доставка екатеринбурге") nor filler ("issue facing", "заказ должен"). */
export function readableTerm(stemKey: string): boolean {
  return stemKey.split(' ').every((s) => !isDateOrPlace(s) && !isFiller(s));
}

/** Two phrases share a word root: some pair of their words has a long common prefix. */
export function sharesWordRoot(a: string, b: string): boolean {
  for (const x of a.split(' ')) {
    for (const y of b.split(' ')) {
      let k = 0;
      const shorter = Math.min(x.length, y.length);
      while (k < shorter && x[k] === y[k]) k++;
      if (k === shorter || (k >= 6 && k >= 0.6 * shorter)) return true;
    }
  }
  return false;
}

/** "password reset · login": the first keywords until about three words. */
export function labelFromKeywords(keywords: readonly string[]): string {
  const pieces: string[] = [];
  let wordCount = 0;
  for (const keyword of keywords) {
    if (pieces.length >= 3 || wordCount >= 3) break;
    pieces.push(keyword);
    wordCount += keyword.split(' ').length;
  }
  return pieces.join(' · ');
}
