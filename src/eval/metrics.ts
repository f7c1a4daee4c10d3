// Clustering quality against human labels: NMI, ARI, homogeneity, completeness.
// Conventions match sklearn's defaults (arithmetic-mean NMI, natural log). Noise (-1) is an
// ordinary label value here, i.e. all noise tickets count as one extra cluster, as score.py does.

/** Contingency table of two label vectors: sizes per class, per cluster, and per (class, cluster) cell. */
interface Contingency {
  n: number;
  classSizes: Float64Array;
  clusterSizes: Float64Array;
  cells: Float64Array;
}

function denseIds(labels: Int32Array): { ids: Int32Array; count: number } {
  const index = new Map<number, number>();
  const ids = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let id = index.get(labels[i]);
    if (id === undefined) {
      id = index.size;
      index.set(labels[i], id);
    }
    ids[i] = id;
  }
  return { ids, count: index.size };
}

function contingency(truth: Int32Array, predicted: Int32Array): Contingency {
  if (truth.length !== predicted.length) {
    throw new Error(`label vectors differ in length: ${truth.length} vs ${predicted.length}`);
  }
  const a = denseIds(truth);
  const b = denseIds(predicted);
  const classSizes = new Float64Array(a.count);
  const clusterSizes = new Float64Array(b.count);
  // Sparse cells: at most n non-zero cells, so a map keyed by class*clusters+cluster.
  const cellMap = new Map<number, number>();
  for (let i = 0; i < truth.length; i++) {
    classSizes[a.ids[i]]++;
    clusterSizes[b.ids[i]]++;
    const key = a.ids[i] * b.count + b.ids[i];
    cellMap.set(key, (cellMap.get(key) ?? 0) + 1);
  }
  return { n: truth.length, classSizes, clusterSizes, cells: Float64Array.from(cellMap.values()) };
}

function entropy(sizes: Float64Array, n: number): number {
  let h = 0;
  for (const s of sizes) if (s > 0) h -= (s / n) * Math.log(s / n);
  return h;
}

function mutualInformation(t: Contingency): number {
  // MI = sum p_ij log(p_ij / (p_i p_j)) = H(A) + H(B) - H(A,B).
  return entropy(t.classSizes, t.n) + entropy(t.clusterSizes, t.n) - entropy(t.cells, t.n);
}

/** Normalized mutual information, arithmetic-mean normalization (sklearn default). */
export function nmi(truth: Int32Array, predicted: Int32Array): number {
  const t = contingency(truth, predicted);
  if (t.n === 0) return 1;
  const ha = entropy(t.classSizes, t.n);
  const hb = entropy(t.clusterSizes, t.n);
  // Both single-label: identical partitions, sklearn returns 1.
  if (ha === 0 && hb === 0) return 1;
  const mi = Math.max(0, mutualInformation(t));
  return mi / ((ha + hb) / 2);
}

/** Adjusted Rand index (Hubert & Arabie). */
export function ari(truth: Int32Array, predicted: Int32Array): number {
  const t = contingency(truth, predicted);
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let sumCells = 0;
  let sumA = 0;
  let sumB = 0;
  for (const c of t.cells) sumCells += pairs(c);
  for (const c of t.classSizes) sumA += pairs(c);
  for (const c of t.clusterSizes) sumB += pairs(c);
  const total = pairs(t.n);
  if (total === 0) return 1;
  const expected = (sumA * sumB) / total;
  const max = (sumA + sumB) / 2;
  // Degenerate (both all-one-cluster or all-singletons): sklearn returns 1.
  if (max === expected) return 1;
  return (sumCells - expected) / (max - expected);
}

/** Homogeneity: each cluster holds only members of one class (1 - H(C|K)/H(C)). */
export function homogeneity(truth: Int32Array, predicted: Int32Array): number {
  const t = contingency(truth, predicted);
  if (t.n === 0) return 1;
  const hc = entropy(t.classSizes, t.n);
  if (hc === 0) return 1;
  // H(C|K) = H(C,K) - H(K)
  const conditional = entropy(t.cells, t.n) - entropy(t.clusterSizes, t.n);
  return 1 - Math.max(0, conditional) / hc;
}

/** Completeness: all members of a class land in one cluster (1 - H(K|C)/H(K)). */
export function completeness(truth: Int32Array, predicted: Int32Array): number {
  return homogeneity(predicted, truth);
}

/** Maps string labels (e.g. from a labeled CSV) to an Int32Array; `noise` values map to -1. */
export function labelVector(labels: readonly string[], noise: readonly string[] = []): Int32Array {
  const index = new Map<string, number>();
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    if (noise.includes(labels[i])) {
      out[i] = -1;
      continue;
    }
    let id = index.get(labels[i]);
    if (id === undefined) {
      id = index.size;
      index.set(labels[i], id);
    }
    out[i] = id;
  }
  return out;
}
