// The layout's SGD above 6,000 tickets (tuning.ts), on two threads with a result that does not depend on the split.
// Each epoch every ticket walks its own edges (both directions of the symmetric graph) and its negative
// samples against a snapshot of the layout taken at the start of the block (the whole epoch by default),
// adds up its moves and writes only its own row: the threads never race, edge (i, j) moves i and j by equal
// and opposite steps as in layout.ts, and each ticket's negatives come from a hash of (seed, epoch, ticket),
// not a shared stream: one thread or two give the same layout bit for bit. The edge schedule is stateless
// (an edge of weight w is due at epoch t when ⌊t·w⌋ moves): 8 bytes a directed edge.
// Cost: O(epochs · 2·m·w̄ · (1 + negatives/2)) steps for m undirected edges of mean weight w̄ (the head side
// draws the negatives), half on each thread; negatives are random reads (cache misses at 1,000,000).
import { HelperThread, sharedCopy } from '../numerics/threads.js';
import type { EdgeList } from './start.js';

/**
 * The symmetric graph with both directions of every edge, grouped by ticket; weights scaled to max 1.
 * A weight is negative on the edge's tail side: only the head (the ticket whose kNN list holds the
 * edge, the smaller index of a mutual pair) draws negative samples for it, as in layout.ts. That keeps
 * a ticket's repulsion in proportion to its own list, not to how many others list it: with repulsion
 * on both sides, hub tickets were pushed as hard as they were pulled and the 100,000-ticket layout
 * merged most planted topics (NMI 0.47 against 0.76).
 */
export interface OwnedGraph {
  offsets: Int32Array;
  neighbours: Int32Array;
  weights: Float32Array;
}

/** Both directions of each edge kept (weight ≥ 1/epochs of the largest: the rest are never due), by ticket. */
export function ownedGraph(fuzzy: EdgeList, n: number, epochs: number): OwnedGraph {
  const m = fuzzy.weight.length;
  let maxWeight = 0;
  for (let e = 0; e < m; e++) maxWeight = Math.max(maxWeight, fuzzy.weight[e]);
  const floor = maxWeight / epochs;
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    if (fuzzy.weight[e] < floor) continue;
    offsets[fuzzy.head[e] + 1]++;
    offsets[fuzzy.tail[e] + 1]++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const neighbours = new Int32Array(offsets[n]);
  const weights = new Float32Array(offsets[n]);
  // Edges in edge-list order, so each ticket's own edges keep a fixed order.
  for (let e = 0; e < m; e++) {
    const w = fuzzy.weight[e];
    if (w < floor) continue;
    const i = fuzzy.head[e];
    const j = fuzzy.tail[e];
    neighbours[fill[i]] = j;
    weights[fill[i]++] = w / maxWeight;
    neighbours[fill[j]] = i;
    weights[fill[j]++] = -w / maxWeight;
  }
  return { offsets, neighbours, weights };
}

/** One epoch's work order for a range of tickets. */
export interface OwnedEpoch {
  epoch: number;
  /** Step size this epoch. */
  alpha: number;
  /** Negative samples per due edge. */
  negatives: number;
  /** Multiplier of the repulsion. */
  gamma: number;
  seed: number;
  from: number;
  to: number;
}

/**
 * Moves tickets from..to−1 for one epoch: reads every other ticket from `read`, writes its own row to
 * `write`. Self-contained (its source runs in the helper thread): the curve constants and the fast
 * power are written inline.
 */
export function ownedEpoch(
  read: Float32Array,
  write: Float32Array,
  offsets: Int32Array,
  neighbours: Int32Array,
  weights: Float32Array,
  n: number,
  job: OwnedEpoch,
): void {
  // Curve 1/(1+a·d^(2b)) for min_dist = 0, as in layout.ts.
  const a = 1.896;
  const b = 0.8006;
  const twoB = 2 * b;
  const attract = -2 * a * b;
  const bits = new Float32Array(1);
  const bitsInt = new Int32Array(bits.buffer);
  const { epoch, alpha, negatives, seed, from, to } = job;
  const repel = twoB * job.gamma;
  const clip = (g: number) => (g > 4 ? 4 : g < -4 ? -4 : g);
  for (let i = from; i < to; i++) {
    const bi = i * 5;
    // Every move is computed from the snapshot, own row included, and added at the end: edge (i, j) moves i
    // and j by equal and opposite steps, as the sequential kernel does. Moving the own row in place (each
    // step from the row the previous one left) merged most planted topics at 100,000 tickets (NMI 0.47).
    const h0 = read[bi];
    const h1 = read[bi + 1];
    const h2 = read[bi + 2];
    const h3 = read[bi + 3];
    const h4 = read[bi + 4];
    let m0 = 0;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    // This ticket's random stream for this epoch: mulberry32 steps from a state mixed by two rounds of
    // murmur3's finalizer. (mulberry32's own output mix is made for its sequential state: started from
    // a structured one such as seed ^ epoch ^ ticket, nearby tickets drew correlated negatives and the
    // 100,000-ticket layout merged most planted topics: NMI 0.31 against 0.76.)
    let state = Math.imul((i + 1) ^ seed, 0x85ebca6b);
    state ^= state >>> 13;
    state = Math.imul(state ^ Math.imul(epoch, 0x9e3779b1), 0xc2b2ae35);
    state ^= state >>> 16;
    state = Math.imul(state, 0x85ebca6b);
    state ^= state >>> 13;
    state = Math.imul(state, 0xc2b2ae35);
    state ^= state >>> 16;
    const end = offsets[i + 1];
    for (let p = offsets[i]; p < end; p++) {
      const signed = weights[p];
      const w = signed > 0 ? signed : -signed;
      if (Math.floor(epoch * w) === Math.floor((epoch - 1) * w)) continue;
      const bj = neighbours[p] * 5;
      const x0 = h0 - read[bj];
      const x1 = h1 - read[bj + 1];
      const x2 = h2 - read[bj + 2];
      const x3 = h3 - read[bj + 3];
      const x4 = h4 - read[bj + 4];
      const d2 = x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3 + x4 * x4;
      if (d2 > 0) {
        bits[0] = d2;
        bitsInt[0] = (b * (bitsInt[0] - 1065353216) + 1065353216 + 0.5) | 0;
        const pb = bits[0];
        const coeff = (attract * pb) / (d2 * (a * pb + 1));
        m0 += clip(coeff * x0) * alpha;
        m1 += clip(coeff * x1) * alpha;
        m2 += clip(coeff * x2) * alpha;
        m3 += clip(coeff * x3) * alpha;
        m4 += clip(coeff * x4) * alpha;
      }
      const draws = signed > 0 ? negatives : 0;
      for (let s = 0; s < draws; s++) {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), state | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        const q = Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
        if (q === i) continue;
        const bq = q * 5;
        const z0 = h0 - read[bq];
        const z1 = h1 - read[bq + 1];
        const z2 = h2 - read[bq + 2];
        const z3 = h3 - read[bq + 3];
        const z4 = h4 - read[bq + 4];
        const dq = z0 * z0 + z1 * z1 + z2 * z2 + z3 * z3 + z4 * z4;
        if (dq > 0) {
          bits[0] = dq;
          bitsInt[0] = (b * (bitsInt[0] - 1065353216) + 1065353216 + 0.5) | 0;
          const coeff = repel / ((0.001 + dq) * (a * bits[0] + 1));
          m0 += clip(coeff * z0) * alpha;
          m1 += clip(coeff * z1) * alpha;
          m2 += clip(coeff * z2) * alpha;
          m3 += clip(coeff * z3) * alpha;
          m4 += clip(coeff * z4) * alpha;
        }
      }
    }
    write[bi] = h0 + m0;
    write[bi + 1] = h1 + m1;
    write[bi + 2] = h2 + m2;
    write[bi + 3] = h3 + m3;
    write[bi + 4] = h4 + m4;
  }
}

export interface OwnedSgdOptions {
  epochs: number;
  learningRate: number;
  negatives: number;
  gamma: number;
  seed: number;
  /** Tickets per block: each block moves against the layout as the blocks before it left it. */
  blockTickets: number;
  /** 1 or 2; the layout is the same either way. */
  threads: number;
  onProgress?: (done: number, total: number) => void;
}

/** The ticket where the second thread's part of from..to−1 starts: half the block's directed edges each. */
export function splitBlock(offsets: Int32Array, from: number, to: number): number {
  const half = (offsets[from] + offsets[to]) / 2;
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (offsets[mid] < half) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Runs the block-snapshot SGD on `y` (n·5, row-major) in place. */
export function ownedSgd(y: Float32Array, graph: OwnedGraph, n: number, options: OwnedSgdOptions): void {
  const { epochs, threads } = options;
  const two = threads >= 2 && n >= 2;
  const live = two ? sharedCopy(y) : y;
  const moved = two ? sharedCopy(new Float32Array(n * 5)) : new Float32Array(n * 5);
  const shared = two
    ? {
        offsets: sharedCopy(graph.offsets),
        neighbours: sharedCopy(graph.neighbours),
        weights: sharedCopy(graph.weights),
      }
    : graph;
  const helper = two
    ? new HelperThread<OwnedEpoch, object>(
        'layout',
        [ownedEpoch],
        `(job, c) => { ownedEpoch(c.live, c.moved, c.offsets, c.neighbours, c.weights, c.n, job); }`,
        { ...shared, live, moved, n },
      )
    : undefined;
  const block = Math.max(1, options.blockTickets);
  try {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const job = {
        epoch,
        alpha: options.learningRate * (1 - (epoch - 1) / epochs),
        negatives: options.negatives,
        gamma: options.gamma,
        seed: options.seed | 0,
      };
      for (let from = 0; from < n; from += block) {
        const to = Math.min(n, from + block);
        const split = helper ? splitBlock(shared.offsets, from, to) : to;
        helper?.start({ ...job, from: split, to });
        ownedEpoch(live, moved, shared.offsets, shared.neighbours, shared.weights, n, { ...job, from, to: split });
        helper?.finish();
        live.set(moved.subarray(from * 5, to * 5), from * 5);
      }
      options.onProgress?.(epoch, epochs);
    }
  } finally {
    helper?.close();
  }
  if (live !== y) y.set(live);
}
