// No two clusters may share a label: a reader must tell them apart in the table and in next week's diff.

export interface NamedCluster {
  label: string;
  /** Keywords best first; a label is made of some of them. */
  keywords: readonly string[];
}

const normal = (label: string): string => label.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The labels made unique: clusters sharing a label each get the best keyword of theirs that the
 * others lack ("screen flickering · battery" vs "screen flickering · charger"); when none is left, a
 * number ("… (2)"), in cluster order, so the result is deterministic.
 */
export function distinctLabels(clusters: readonly NamedCluster[]): string[] {
  const labels = clusters.map((c) => c.label);
  for (let round = 0; round < 3; round++) {
    const groups = groupsOf(labels);
    if (groups.length === 0) return labels;
    for (const group of groups) {
      for (const i of group) {
        const others = new Set(group.filter((j) => j !== i).flatMap((j) => clusters[j].keywords.map(normal)));
        const inLabel = new Set(normal(labels[i]).split(/ · | /));
        const extra = clusters[i].keywords.find(
          (k) =>
            !others.has(normal(k)) &&
            !normal(k)
              .split(' ')
              .every((w) => inLabel.has(w)),
        );
        if (extra) labels[i] = `${labels[i]} · ${extra}`;
      }
    }
  }
  // Still equal: identical keywords (e.g. template texts). Number them, the first keeps its label.
  for (const group of groupsOf(labels)) group.slice(1).forEach((i, k) => (labels[i] = `${labels[i]} (${k + 2})`));
  return labels;
}

/** Index groups of two or more clusters with the same label, in cluster order. */
function groupsOf(labels: readonly string[]): number[][] {
  const byLabel = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const key = normal(label);
    (byLabel.get(key) ?? byLabel.set(key, []).get(key)!).push(i);
  });
  return [...byLabel.values()].filter((g) => g.length > 1);
}
