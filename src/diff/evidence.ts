// How alike a cluster of last week and one of this week are, from what both run files keep: the tickets they
// share (same text fingerprint), their term signatures, and their centres when both runs used the same model.
// Works for disjoint weeks (signatures), rolling windows (shared tickets) and every embedder.
import type { RunFile } from '../report/run-file.js';

/** Shared-ticket evidence needs at least this many tickets seen by both runs to count at all. */
const MIN_SHARED_EVIDENCE = 3;
/** Shared tickets covering this part of the smaller cluster make membership the whole evidence. */
const FULL_EVIDENCE_SHARE = 0.3;

export interface PairScores {
  previousCount: number;
  currentCount: number;
  /** previousCount × currentCount, row p = previous cluster, column c = current cluster. */
  score: Float64Array;
  signature: Float64Array;
  /** Raw centre cosines; null when the runs' spaces differ. */
  centroid: Float64Array | null;
  /** Tickets of current cluster c whose text was in previous cluster p. */
  shared: Int32Array;
}

/** Score of every (previous, current) cluster pair in [0,1]. */
export function scorePairs(previous: RunFile, current: RunFile): PairScores {
  const P = previous.clusters.length;
  const C = current.clusters.length;
  const signature = signatureCosines(previous, current);
  const centroid = sameSpace(previous, current) ? centroidCosines(previous, current) : null;
  const members = sharedTickets(previous, current);
  const score = new Float64Array(P * C);

  // Centre cosines of unrelated clusters sit well above 0 in a sentence-model space; measure from their mean.
  let base = 0;
  if (centroid) {
    for (let k = 0; k < centroid.length; k++) base += centroid[k];
    base = centroid.length > 0 ? base / centroid.length : 0;
  }
  for (let p = 0; p < P; p++) {
    for (let c = 0; c < C; c++) {
      const k = p * C + c;
      let similarity = signature[k];
      if (centroid) {
        const lifted = base < 1 ? Math.min(1, Math.max(0, (centroid[k] - base) / (1 - base))) : 0;
        similarity = (similarity + lifted) / 2;
      }
      // Tickets both runs saw are the strongest evidence: where there are enough, they decide.
      const seen = Math.min(members.knownInCurrent[c], members.knownInPrevious[p]);
      let weight = 0;
      let containment = 0;
      if (seen >= MIN_SHARED_EVIDENCE) {
        const smaller = Math.min(previous.clusters[p].size, current.clusters[c].size);
        weight = Math.min(1, seen / Math.max(1, FULL_EVIDENCE_SHARE * smaller));
        containment = Math.min(1, members.shared[k] / seen);
      }
      score[k] = weight * containment + (1 - weight) * similarity;
    }
  }
  return { previousCount: P, currentCount: C, score, signature, centroid, shared: members.shared };
}

/** Centres compare only within one embedding space: the same fixed model, never a refitted lexical space. */
export function sameSpace(previous: RunFile, current: RunFile): boolean {
  const a = previous.embedder;
  const b = current.embedder;
  return (
    a.kind !== 'lexical' &&
    a.kind === b.kind &&
    a.model === b.model &&
    a.dimensions === b.dimensions &&
    previous.clusters.every((c) => c.centroid?.length === a.dimensions) &&
    current.clusters.every((c) => c.centroid?.length === b.dimensions)
  );
}

function signatureCosines(previous: RunFile, current: RunFile): Float64Array {
  const P = previous.clusters.length;
  const C = current.clusters.length;
  const result = new Float64Array(P * C);
  // Inverted index over the current signatures: each term lists (cluster, weight).
  const postings = new Map<string, Array<[number, number]>>();
  const currentNorms = new Float64Array(C);
  current.clusters.forEach((cluster, c) => {
    for (const [term, weight] of cluster.signature) {
      currentNorms[c] += weight * weight;
      const list = postings.get(term) ?? [];
      list.push([c, weight]);
      postings.set(term, list);
    }
  });
  previous.clusters.forEach((cluster, p) => {
    let norm = 0;
    const row = p * C;
    for (const [term, weight] of cluster.signature) {
      norm += weight * weight;
      for (const [c, w] of postings.get(term) ?? []) result[row + c] += weight * w;
    }
    for (let c = 0; c < C; c++) {
      const denominator = Math.sqrt(norm * currentNorms[c]);
      result[row + c] = denominator > 0 ? result[row + c] / denominator : 0;
    }
  });
  return result;
}

function centroidCosines(previous: RunFile, current: RunFile): Float64Array {
  const P = previous.clusters.length;
  const C = current.clusters.length;
  const dims = previous.embedder.dimensions;
  const a = Float32Array.from(previous.clusters.flatMap((c) => c.centroid ?? []));
  const b = Float32Array.from(current.clusters.flatMap((c) => c.centroid ?? []));
  const result = new Float64Array(P * C);
  for (let p = 0; p < P; p++) {
    for (let c = 0; c < C; c++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += a[p * dims + d] * b[c * dims + d];
      result[p * C + c] = dot; // both are unit length (rounded to 5 digits)
    }
  }
  return result;
}

interface SharedTickets {
  /** previous × current: current tickets of c whose text was in previous cluster p. */
  shared: Int32Array;
  /** Per current cluster: its tickets whose text the previous run had (clustered or not). */
  knownInCurrent: Int32Array;
  /** Per previous cluster: its tickets whose text the current run has. */
  knownInPrevious: Int32Array;
}

/**
 * Tickets matched by text fingerprint, not by id: a rolling window repeats the same tickets, and customers
 * repeat the same texts. A text seen in several previous clusters counts for the one that had it most often.
 */
function sharedTickets(previous: RunFile, current: RunFile): SharedTickets {
  const P = previous.clusters.length;
  const C = current.clusters.length;
  const previousIndex = new Map(previous.clusters.map((c, i) => [c.id, i]));
  const currentIndex = new Map(current.clusters.map((c, i) => [c.id, i]));
  const votes = new Map<string, Map<number, number>>();
  for (const t of previous.tickets) {
    if (!t.hash) continue;
    const p = t.cluster === null ? -1 : (previousIndex.get(t.cluster) ?? -1);
    const counts = votes.get(t.hash) ?? new Map<number, number>();
    counts.set(p, (counts.get(p) ?? 0) + 1);
    votes.set(t.hash, counts);
  }
  const previousClusterOf = new Map<string, number>();
  for (const [hash, counts] of votes) {
    let best = -1;
    let bestCount = 0;
    // Ties go to the lower index (a higher-ranked cluster), never to noise over a cluster.
    for (const [p, n] of [...counts].sort((x, y) => x[0] - y[0])) {
      if (n > bestCount || (n === bestCount && best === -1)) {
        best = p;
        bestCount = n;
      }
    }
    previousClusterOf.set(hash, best);
  }

  const shared = new Int32Array(P * C);
  const knownInCurrent = new Int32Array(C);
  const currentHashes = new Set<string>();
  for (const t of current.tickets) {
    if (!t.hash) continue;
    currentHashes.add(t.hash);
    const c = t.cluster === null ? -1 : (currentIndex.get(t.cluster) ?? -1);
    if (c < 0 || !previousClusterOf.has(t.hash)) continue;
    knownInCurrent[c]++;
    const p = previousClusterOf.get(t.hash)!;
    if (p >= 0) shared[p * C + c]++;
  }
  const knownInPrevious = new Int32Array(P);
  for (const t of previous.tickets) {
    if (!t.hash || t.cluster === null || !currentHashes.has(t.hash)) continue;
    const p = previousIndex.get(t.cluster);
    if (p !== undefined) knownInPrevious[p]++;
  }
  return { shared, knownInCurrent, knownInPrevious };
}
