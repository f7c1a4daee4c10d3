// Labels for parent topics (the upper level of the hierarchy), from their clusters' c-TF-IDF signatures.
import { labelFromKeywords } from './keywords.js';

export interface ParentChild {
  label: string;
  size: number;
  /** Stem-key terms and weights, as in ClusterLabel.signature. */
  signature: ReadonlyArray<readonly [string, number]>;
  /** Readable form per signature term. */
  signatureForms: readonly string[];
}

// A bigram replaces an already chosen unigram of its own only when it is nearly as strong.
const BIGRAM_STRENGTH = 0.5;

/**
 * Sums the children's c-TF-IDF weights, each scaled by the child's size: terms distinctive in many or
 * big children name the parent, while one child's template words and generic filler stay low.
 * A single-cluster parent keeps its cluster's label.
 */
export function labelParent(children: readonly ParentChild[]): string {
  if (children.length === 1) return children[0].label;
  const score = new Map<string, number>();
  const form = new Map<string, string>();
  for (const child of children) {
    child.signature.forEach(([term, weight], k) => {
      score.set(term, (score.get(term) ?? 0) + weight * child.size);
      if (!form.has(term)) form.set(term, child.signatureForms[k] ?? term);
    });
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const chosen: Array<{ term: string; stems: string[]; score: number }> = [];
  for (const [term, value] of ranked) {
    if (chosen.length >= 3) break;
    const stems = term.split(' ');
    const overlapping = chosen.filter((c) => c.stems.some((s) => stems.includes(s)));
    if (overlapping.length === 0) {
      chosen.push({ term, stems, score: value });
      continue;
    }
    // Only a bigram may absorb the unigrams it contains.
    const absorbs =
      stems.length === 2 && overlapping.every((c) => c.stems.length === 1 && value >= BIGRAM_STRENGTH * c.score);
    if (!absorbs) continue;
    const at = chosen.indexOf(overlapping[0]);
    chosen[at] = { term, stems, score: value };
    for (const c of overlapping.slice(1)) chosen.splice(chosen.indexOf(c), 1);
  }
  if (chosen.length === 0) return children.map((c) => c.label).join(' / ');
  return labelFromKeywords(chosen.map((c) => form.get(c.term) ?? c.term));
}
