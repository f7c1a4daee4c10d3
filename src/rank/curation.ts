// Curation from the config file, re-applied on every run: merge clusters, pin a known reason by keywords, rename.
// Clusters are found by words of their label and keywords, because cluster numbers change from run to run.
import type { CurationConfig } from '../config/config-file.js';
import type { ClusterAssignment } from '../types.js';

export interface CurationInput {
  assignment: ClusterAssignment;
  /** Label and keywords per cluster, from labelClusters. */
  labels: ReadonlyArray<{ label: string; keywords: string[] }>;
  /** Cleaned ticket texts, for the pin rules. */
  texts: readonly string[];
}

export interface Curated {
  assignment: ClusterAssignment;
  /** Label set by a rule, per new cluster number. */
  labelOf: Map<number, string>;
  /** Clusters (new numbers) formed by a pin rule. */
  pinned: Set<number>;
  /** Whether tickets moved (merge or pin): the clusters then need new keywords and examples. */
  moved: boolean;
  /** One line per rule: what it did, or that it matched nothing. */
  notes: string[];
}

/** Whether every word of `match` is in the cluster's label or keywords (case-insensitive substrings). */
export function clusterMatches(cluster: { label: string; keywords: string[] }, match: readonly string[]): boolean {
  const haystack = `${cluster.label} ${cluster.keywords.join(' ')}`.toLowerCase().replace(/ё/g, 'е');
  return match.every((word) => haystack.includes(word.toLowerCase().replace(/ё/g, 'е').trim()));
}

export function applyCuration(input: CurationInput, curation: CurationConfig): Curated {
  const { assignment, labels, texts } = input;
  const count = assignment.clusterCount;
  // target[c]: the cluster c ends up in (itself unless merged).
  const target = Int32Array.from({ length: count }, (_, c) => c);
  const ruleLabel = new Map<number, string>();
  const notes: string[] = [];
  const find = (match: readonly string[]): number[] => labels.flatMap((l, c) => (clusterMatches(l, match) ? [c] : []));
  let moved = false;

  for (const rule of curation.merge ?? []) {
    const chosen = [...new Set(rule.clusters.flatMap(find).map((c) => target[c]!))].sort((a, b) => a - b);
    if (chosen.length === 0) {
      notes.push(`merge "${rule.label}": no cluster matched`);
      continue;
    }
    const into = chosen[0]!;
    for (let c = 0; c < count; c++) if (chosen.includes(target[c]!)) target[c] = into;
    ruleLabel.set(into, rule.label);
    moved ||= chosen.length > 1;
    notes.push(`merge "${rule.label}": ${chosen.length} cluster(s) merged`);
  }
  for (const rule of curation.rename ?? []) {
    const chosen = [...new Set(find(rule.match).map((c) => target[c]!))];
    if (chosen.length === 0) notes.push(`rename "${rule.label}": no cluster matched "${rule.match.join(' ')}"`);
    else if (chosen.length > 1) {
      notes.push(
        `rename "${rule.label}": ${chosen.length} clusters matched "${rule.match.join(' ')}"; add words to tell them apart`,
      );
    }
    for (const c of chosen) ruleLabel.set(c, rule.label);
  }

  const next = Int32Array.from(assignment.labels, (c) => (c < 0 ? -1 : target[c]!));
  const confidence = Float32Array.from(assignment.confidence);
  const pins = curation.pin ?? [];
  pins.forEach((rule, k) => {
    const phrases = rule.keywords.map((w) => w.toLowerCase().replace(/ё/g, 'е').trim());
    let taken = 0;
    for (let i = 0; i < texts.length; i++) {
      if (next[i]! >= count) continue; // an earlier pin rule has it
      const text = texts[i]!.toLowerCase().replace(/ё/g, 'е');
      if (phrases.some((p) => text.includes(p))) {
        next[i] = count + k;
        confidence[i] = 1;
        taken++;
      }
    }
    moved ||= taken > 0;
    notes.push(`pin "${rule.label}": ${taken} ticket(s)`);
  });

  // Renumber densely, in order of the first ticket of each cluster's old number, dropping emptied clusters.
  const sizes = new Int32Array(count + pins.length);
  for (const c of next) if (c >= 0) sizes[c]++;
  const renumber = new Int32Array(count + pins.length).fill(-1);
  let clusterCount = 0;
  for (let c = 0; c < sizes.length; c++) if (sizes[c]! > 0) renumber[c] = clusterCount++;
  const labelsOut = Int32Array.from(next, (c) => (c < 0 ? -1 : renumber[c]!));
  const labelOf = new Map<number, string>();
  for (const [c, label] of ruleLabel) if (renumber[c]! >= 0) labelOf.set(renumber[c]!, label);
  const pinned = new Set<number>();
  pins.forEach((rule, k) => {
    const c = renumber[count + k]!;
    if (c >= 0) {
      labelOf.set(c, rule.label);
      pinned.add(c);
    }
  });
  let parentOf: Int32Array | undefined;
  if (assignment.parentOf) {
    parentOf = new Int32Array(clusterCount).fill(-1);
    for (let c = 0; c < count; c++)
      if (renumber[target[c]!]! >= 0) parentOf[renumber[target[c]!]!] = assignment.parentOf[target[c]!]!;
  }
  return {
    assignment: { labels: labelsOut, confidence, clusterCount, ...(parentOf ? { parentOf } : {}) },
    labelOf,
    pinned,
    moved,
    notes,
  };
}
