// Cluster labels: c-TF-IDF keywords, a short readable label, representative tickets and a term signature.
import type { EmbeddingMatrix } from '../types.js';
import { clusterSums } from '../cluster/centroids.js';
import { countClassTerms, type TermVocabulary } from './term-counts.js';
import {
  averageClassTotal,
  classTfIdf,
  labelFromKeywords,
  minimumSupport,
  selectKeywordTerms,
  type ScoredTerms,
} from './keywords.js';
import { distinctExamples, membersByCloseness } from './representatives.js';
import { distinctLabels } from './distinct.js';

export { labelParent } from './parents.js';
export { unitCentroid } from './representatives.js';

export interface ClusterLabel {
  /** Up to 8 keywords (unigrams and bigrams, most frequent surface form), best first. */
  keywords: string[];
  /** Short readable label, e.g. "сброс пароля · вход". */
  label: string;
  /** Up to 3 tickets closest to the centroid, skipping exact duplicate texts. */
  exampleIndices: number[];
  /** All member ticket indices, closest to the centroid first. */
  memberOrder: number[];
  /**
   * Top c-TF-IDF terms as stem keys ("парол", "reset password"), weights L2-normalized, so runs can
   * be matched by a dot product whatever inflections or embedder they used.
   */
  signature: Array<[term: string, weight: number]>;
  /** The readable form of each signature term ("сброс пароля" for "сброс парол"), same order. */
  signatureForms: string[];
}

export interface LabelInput {
  /** Cleaned, PII-masked ticket texts. */
  texts: string[];
  /** Cluster per ticket, -1 for noise. */
  labels: Int32Array;
  clusterCount: number;
  vectors: EmbeddingMatrix;
  /** Per-cluster vector sums (clusterSums of these labels), when the caller already has them. */
  sums?: Float64Array;
}

const KEYWORDS = 8;
const SIGNATURE_TERMS = 30;
// Enough candidates that skipping redundant or rare terms still leaves KEYWORDS and SIGNATURE_TERMS.
const CANDIDATES = 300;
/** Example tickets shown per cluster (and for noise). */
export const EXAMPLES = 3;

/** One label per cluster 0..clusterCount-1. */
export function labelClusters(input: LabelInput): ClusterLabel[] {
  const { texts, labels, clusterCount, vectors } = input;
  if (labels.length !== texts.length || vectors.rows !== texts.length) {
    throw new Error(`labelClusters: ${texts.length} texts, ${labels.length} labels, ${vectors.rows} vectors`);
  }
  // Noise is a class of its own: words common there are general, not a cluster's topic.
  const noiseClass = clusterCount;
  const classOf = Int32Array.from(labels, (c) => (c >= 0 ? c : noiseClass));
  const corpus = countClassTerms(texts, classOf, clusterCount + 1);
  const sums = input.sums ?? clusterSums(vectors, labels, clusterCount);
  const members = membersByCloseness(labels, clusterCount, vectors, sums);
  const averagePerClass = averageClassTotal(corpus);

  const result: ClusterLabel[] = [];
  for (let c = 0; c < clusterCount; c++) {
    const scored = classTfIdf(corpus, c, CANDIDATES, averagePerClass);
    const tickets = corpus.classes[c].tickets;
    let support = minimumSupport(tickets);
    let terms = selectKeywordTerms(corpus.vocabulary, scored, support, KEYWORDS);
    if (terms.length === 0 && support > 1) {
      support = 1;
      terms = selectKeywordTerms(corpus.vocabulary, scored, support, KEYWORDS);
    }
    const keywords = terms.map((t) => corpus.vocabulary.surface(t));
    const memberOrder = Array.from(members[c]);
    const exampleIndices = distinctExamples(memberOrder, texts, EXAMPLES);
    result.push({
      keywords,
      label: keywords.length > 0 ? labelFromKeywords(keywords) : fallbackLabel(texts, exampleIndices, c),
      exampleIndices,
      memberOrder,
      ...signatureOf(corpus.vocabulary, scored, support),
    });
  }
  distinctLabels(result).forEach((label, c) => (result[c].label = label));
  return result;
}

function signatureOf(
  vocabulary: TermVocabulary,
  scored: ScoredTerms,
  support: number,
): Pick<ClusterLabel, 'signature' | 'signatureForms'> {
  const picked: number[] = [];
  for (let j = 0; j < scored.terms.length && picked.length < SIGNATURE_TERMS; j++) {
    if (scored.counts[j] >= support) picked.push(j);
  }
  const norm = Math.hypot(...picked.map((j) => scored.scores[j])) || 1;
  return {
    signature: picked.map((j) => [vocabulary.key(scored.terms[j]), scored.scores[j] / norm]),
    signatureForms: picked.map((j) => vocabulary.surface(scored.terms[j])),
  };
}

// Clusters of tickets with no content words (e.g. only numbers) are named by their central ticket.
function fallbackLabel(texts: string[], exampleIndices: number[], c: number): string {
  const text = exampleIndices.length > 0 ? texts[exampleIndices[0]].replace(/\s+/g, ' ').trim() : '';
  if (!text) return `cluster ${c + 1}`;
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
