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

/** The four agreement scores of two partitions, from one contingency table. */
export interface PartitionAgreement {
  /** Normalized mutual information, arithmetic-mean normalization (sklearn default). */
  nmi: number;
  /** Adjusted Rand index (Hubert & Arabie). */
  ari: number;
  /** Each cluster holds only members of one class: 1 − H(C|K)/H(C). */
  homogeneity: number;
  /** All members of a class land in one cluster: 1 − H(K|C)/H(K). */
  completeness: number;
}

/** NMI, ARI, homogeneity and completeness of `predicted` against `truth`; the table is built once. */
export function partitionAgreement(truth: Int32Array, predicted: Int32Array): PartitionAgreement {
  const t = contingency(truth, predicted);
  if (t.n === 0) return { nmi: 1, ari: 1, homogeneity: 1, completeness: 1 };
  const hc = entropy(t.classSizes, t.n);
  const hk = entropy(t.clusterSizes, t.n);
  const joint = entropy(t.cells, t.n);
  // Both single-label: identical partitions, sklearn returns 1. MI = H(C) + H(K) − H(C,K).
  const nmiValue = hc === 0 && hk === 0 ? 1 : Math.max(0, hc + hk - joint) / ((hc + hk) / 2);
  // H(C|K) = H(C,K) − H(K), and the other way round.
  const homogeneityValue = hc === 0 ? 1 : 1 - Math.max(0, joint - hk) / hc;
  const completenessValue = hk === 0 ? 1 : 1 - Math.max(0, joint - hc) / hk;
  return { nmi: nmiValue, ari: adjustedRand(t), homogeneity: homogeneityValue, completeness: completenessValue };
}

function adjustedRand(t: Contingency): number {
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

// Each score alone, as PartitionAgreement describes it.
export function nmi(truth: Int32Array, predicted: Int32Array): number {
  return partitionAgreement(truth, predicted).nmi;
}

export function ari(truth: Int32Array, predicted: Int32Array): number {
  const t = contingency(truth, predicted);
  return t.n === 0 ? 1 : adjustedRand(t);
}

export function homogeneity(truth: Int32Array, predicted: Int32Array): number {
  return partitionAgreement(truth, predicted).homogeneity;
}

export function completeness(truth: Int32Array, predicted: Int32Array): number {
  return partitionAgreement(truth, predicted).completeness;
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
