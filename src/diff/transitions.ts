// Cluster transitions between two runs, after MONIC (Spiliopoulou et al., KDD 2006): a cluster survives,
// splits (the largest piece keeps the identity), is absorbed into another (the largest contributor keeps it),
// emerges, or disappears. One-to-one where the evidence is one-to-one.
import type { PairScores } from './evidence.js';

/** A pair at least this alike is the same cluster (one-to-one). */
export const MATCH_SCORE = 0.3;
/** A second piece of a split, or a second contributor of a merge, needs stronger evidence than a survivor. */
export const PIECE_SCORE = 0.4;

export interface Transitions {
  /** Per current cluster: the previous cluster it continues (one-to-one match), or -1. */
  continues: Int32Array;
  /** Per current cluster: the previous cluster it split off from (a second piece), or -1. */
  splitFrom: Int32Array;
  /** Per previous cluster: the current cluster it was absorbed into (besides that cluster's own match), or -1. */
  absorbedInto: Int32Array;
}

/**
 * `forced`: current cluster → previous cluster it continues whatever the scores (a --baseline run gave it that
 * known topic's tickets before clustering); the other pairs are matched on the evidence.
 */
export function findTransitions(pairs: PairScores, forced: ReadonlyMap<number, number> = new Map()): Transitions {
  const { previousCount: P, currentCount: C, score } = pairs;
  const continues = new Int32Array(C).fill(-1);
  const matchOf = new Int32Array(P).fill(-1);
  for (const [c, p] of forced) {
    continues[c] = p;
    matchOf[p] = c;
  }

  // One-to-one: the most alike pairs first; ties by the bigger clusters, then by rank, so the result is stable.
  const candidates: number[] = [];
  for (let k = 0; k < score.length; k++) if (score[k] >= MATCH_SCORE) candidates.push(k);
  candidates.sort((x, y) => score[y] - score[x] || x - y);
  for (const k of candidates) {
    const p = Math.floor(k / C);
    const c = k % C;
    if (matchOf[p] >= 0 || continues[c] >= 0) continue;
    matchOf[p] = c;
    continues[c] = p;
  }

  // A left-over current cluster most like a matched previous one is a piece of its split.
  const splitFrom = new Int32Array(C).fill(-1);
  const pieces = new Int32Array(P);
  for (let c = 0; c < C; c++) {
    if (continues[c] >= 0) continue;
    const p = bestIn(score, C, c, P, 'column');
    if (p >= 0 && matchOf[p] >= 0 && score[p * C + c] >= PIECE_SCORE) {
      splitFrom[c] = p;
      pieces[p]++;
    }
  }

  // A left-over previous cluster most like a matched current one was absorbed into it,
  // unless that current cluster is itself a piece of a split (one transition per cluster keeps ids clear).
  const absorbedInto = new Int32Array(P).fill(-1);
  for (let p = 0; p < P; p++) {
    if (matchOf[p] >= 0) continue;
    const c = bestIn(score, C, p, C, 'row');
    if (c < 0 || continues[c] < 0 || pieces[continues[c]] > 0 || score[p * C + c] < PIECE_SCORE) continue;
    absorbedInto[p] = c;
  }
  return { continues, splitFrom, absorbedInto };
}

/** Index of the highest score along one row (fixed previous cluster) or column (fixed current cluster). */
function bestIn(score: Float64Array, C: number, fixed: number, length: number, along: 'row' | 'column'): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let i = 0; i < length; i++) {
    const s = along === 'row' ? score[fixed * C + i] : score[i * C + fixed];
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  }
  return best;
}
