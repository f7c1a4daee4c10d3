// Labels for parent topics (the upper level of the hierarchy), from their clusters' keywords.
import { labelFromKeywords } from './keywords.js';

export interface ParentChild {
  keywords: readonly string[];
  label: string;
  size: number;
}

/**
 * Keywords shared by several child clusters name the parent best; sqrt(size) keeps one big child from
 * drowning the others. A single-cluster parent keeps its cluster's label.
 */
export function labelParent(children: readonly ParentChild[]): string {
  if (children.length === 1) return children[0].label;
  const score = new Map<string, number>();
  for (const child of children) {
    const weight = Math.sqrt(child.size);
    child.keywords.forEach((keyword, rank) => {
      score.set(keyword, (score.get(keyword) ?? 0) + weight / (rank + 1));
    });
  }
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const chosen: string[] = [];
  const usedWords = new Set<string>();
  for (const [keyword] of ranked) {
    const parts = keyword.split(' ');
    if (parts.some((w) => usedWords.has(w))) continue;
    chosen.push(keyword);
    parts.forEach((w) => usedWords.add(w));
    if (chosen.length >= 3) break;
  }
  return chosen.length > 0 ? labelFromKeywords(chosen) : children.map((c) => c.label).join(' / ');
}
