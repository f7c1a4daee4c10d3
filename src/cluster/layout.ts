// A UMAP-style low-dimensional layout of the kNN graph (McInnes, Healy & Melville 2018), so density
// clustering sees compact groups instead of the flat distance profile of 100–384-dim text vectors.
// Fuzzy neighbour weights → symmetric graph → PCA start → SGD with negative sampling. O(n·k) memory;
// time O(n·k²) for the graph, O(epochs·n·k·negativeRate) for the SGD (epochs fall with n: tuning.ts); above
// 6,000 tickets (tuning.ts) the SGD is layout-parallel.ts's: one negative per edge, on two threads, same result on one.
// (umap-js on npm does the same but is several times slower on 20,000+ tickets.)
import type { EmbeddingMatrix } from '../types.js';
import type { KnnGraph } from './knn.js';
import { seededRandom, type Random } from '../numerics/random.js';
import { graphStart, type EdgeList } from './start.js';
import { ownedGraph, ownedSgd } from './layout-parallel.js';
import { threadsAllowed } from '../numerics/threads.js';

/** How the layout is drawn; every default is in tuning.ts (layoutOptions). */
export interface LayoutOptions {
  seed: number;
  /** Output dimensions (5, as BERTopic). */
  dims: number;
  /** SGD epochs: time grows with n·epochs. */
  epochs: number;
  /** Starting SGD step, decaying linearly to 0 (see ClusterTuning.layoutLearningRate). */
  learningRate: number;
  /** Negative samples per positive one. */
  negativeRate: number;
  /** Graph-smoothing steps of the deterministic start. */
  startIterations: number;
  /**
   * The epoch-snapshot SGD of layout-parallel.ts (two threads, same layout on one): for large exports.
   * negativeRate then counts negative samples per due edge direction, and repulsion scales their push.
   */
  snapshot?: boolean;
  repulsion?: number;
  /** Threads for the start's covariance and the snapshot SGD (default: two when the machine allows); the layout is the same. */
  threads?: number;
  /** Called after every SGD epoch with epochs done and the total, for a progress bar with an ETA. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The symmetric fuzzy graph as an edge list (each undirected edge once): per-ticket smooth-kNN
 * weights exp(−(d−ρ)/σ), σ chosen so they sum to log2(k); then a+b−ab.
 */
export function fuzzyGraph(graph: KnnGraph, n: number): EdgeList {
  const k = graph.k;
  const directed = new Float32Array(n * k);
  const target = Math.log2(k);
  for (let i = 0; i < n; i++) {
    const base = i * k;
    let rho = 0;
    for (let s = 0; s < k; s++) {
      const d = graph.distances[base + s];
      if (d > 0 && Number.isFinite(d)) {
        rho = d;
        break;
      }
    }
    let lo = 0;
    let hi = Infinity;
    let sigma = 1;
    for (let iter = 0; iter < 64; iter++) {
      let sum = 0;
      for (let s = 0; s < k; s++) {
        const d = graph.distances[base + s] - rho;
        sum += d > 0 ? Math.exp(-d / sigma) : 1;
      }
      if (Math.abs(sum - target) < 1e-5) break;
      if (sum > target) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
      }
    }
    sigma = Math.max(sigma, 1e-3 * rho, 1e-6);
    for (let s = 0; s < k; s++) {
      const j = graph.indices[base + s];
      const d = graph.distances[base + s] - rho;
      directed[base + s] = j < 0 ? 0 : d > 0 ? Math.exp(-d / sigma) : 1;
    }
  }
  // Symmetrize without a hash map: look the reverse edge up in the neighbour's own list (k entries).
  // Typed arrays of the largest possible size (n·k), trimmed at the end: 12 bytes an edge, not JS arrays.
  const head = new Int32Array(n * k);
  const tail = new Int32Array(n * k);
  const weight = new Float32Array(n * k);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let s = 0; s < k; s++) {
      const j = graph.indices[i * k + s];
      if (j < 0 || j === i) continue;
      let back = 0;
      let found = false;
      for (let t = 0; t < k; t++) {
        if (graph.indices[j * k + t] === i) {
          back = directed[j * k + t];
          found = true;
          break;
        }
      }
      if (found && j < i) continue;
      const a = directed[i * k + s];
      const w = a + back - a * back;
      if (w <= 0) continue;
      head[m] = i;
      tail[m] = j;
      weight[m] = w;
      m++;
    }
  }
  return { head: head.slice(0, m), tail: tail.slice(0, m), weight: weight.slice(0, m) };
}

// x^p by the float bit pattern (log2 ≈ exponent + mantissa, Schraudolph 1999): a few % error,
// several times cheaper than Math.pow, and SGD does not need more.
const bits = new Float32Array(1);
const bitsInt = new Int32Array(bits.buffer);
export function fastPow(x: number, p: number): number {
  bits[0] = x;
  const log2 = (bitsInt[0] - 1065353216) / 8388608;
  // Math.round, written as (v + 0.5) | 0: the same integer for every v here (0 < v < 2³¹, since x is stored
  // as a float32 and p < 1) and several times faster in the SGD's innermost loop.
  bitsInt[0] = (p * log2 * 8388608 + 1065353216 + 0.5) | 0;
  return bits[0];
}

/** Curve 1/(1+a·d^(2b)) for min_dist = 0 (the clustering setting of UMAP). */
const CURVE_A = 1.896;
const CURVE_B = 0.8006;

/** Low-dimensional layout of the tickets; Euclidean distances there reflect kNN-graph closeness. */
export function graphLayout(vectors: EmbeddingMatrix, graph: KnnGraph, options: LayoutOptions): EmbeddingMatrix {
  const n = vectors.rows;
  const { dims, epochs, negativeRate, learningRate } = options;
  const random = seededRandom(options.seed ^ 0x2545f491);
  const fuzzy = fuzzyGraph(graph, n);
  const y = graphStart(vectors, fuzzy, dims, options.startIterations, options.threads ?? Math.min(2, threadsAllowed()));
  // A tiny seeded jitter separates exact duplicates, which would otherwise never move apart.
  for (let i = 0; i < y.length; i++) y[i] += (random() - 0.5) * 1e-3;

  if (options.snapshot && dims === 5) {
    ownedSgd(y, ownedGraph(fuzzy, n, epochs), n, {
      epochs,
      learningRate,
      negatives: negativeRate,
      gamma: options.repulsion ?? 1,
      seed: options.seed,
      blockTickets: n,
      threads: options.threads ?? Math.min(2, threadsAllowed()),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { rows: n, dims, data: y };
  }
  const m = fuzzy.weight.length;
  let maxWeight = 0;
  for (let e = 0; e < m; e++) maxWeight = Math.max(maxWeight, fuzzy.weight[e]);
  // Edge e is sampled every maxWeight/w epochs; edges too weak to be sampled once are dropped.
  const every = new Float32Array(m);
  const next = new Float32Array(m);
  const everyNegative = new Float32Array(m);
  const nextNegative = new Float32Array(m);
  for (let e = 0; e < m; e++) {
    const w = fuzzy.weight[e];
    every[e] = w >= maxWeight / epochs ? maxWeight / w : -1;
    next[e] = every[e];
    everyNegative[e] = every[e] / negativeRate;
    nextNegative[e] = everyNegative[e];
  }
  const schedule = { every, next, everyNegative, nextNegative };
  if (dims === 5) sgdEpochsFiveDims(y, n, fuzzy, schedule, epochs, learningRate, random, options.onProgress);
  else sgdEpochs(y, dims, n, fuzzy, schedule, epochs, learningRate, random, options.onProgress);
  return { rows: n, dims, data: y };
}

export interface EdgeSchedule {
  every: Float32Array;
  next: Float32Array;
  everyNegative: Float32Array;
  nextNegative: Float32Array;
}

/**
 * UMAP's SGD: each due edge pulls its two tickets together, then its head is pushed away from random
 * tickets. The hot loop of the cluster stage, so it keeps the differences in scalar locals, not a
 * scratch array (faster, same values).
 */
export function sgdEpochs(
  y: Float32Array,
  dims: number,
  n: number,
  fuzzy: EdgeList,
  schedule: EdgeSchedule,
  epochs: number,
  learningRate: number,
  random: Random,
  onProgress?: (done: number, total: number) => void,
): void {
  const { every, next, everyNegative, nextNegative } = schedule;
  const head = fuzzy.head;
  const tail = fuzzy.tail;
  const m = head.length;
  const a = CURVE_A;
  const b = CURVE_B;
  const twoB = 2 * b;
  const attract = -2 * a * b;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const alpha = learningRate * (1 - (epoch - 1) / epochs);
    for (let e = 0; e < m; e++) {
      const ev = every[e];
      if (ev < 0 || next[e] > epoch) continue;
      const bi = head[e] * dims;
      const bj = tail[e] * dims;
      let d2 = 0;
      for (let t = 0; t < dims; t++) {
        const dt = y[bi + t] - y[bj + t];
        d2 += dt * dt;
      }
      // Attraction along the edge.
      if (d2 > 0) {
        const pb = fastPow(d2, b);
        const coeff = (attract * pb) / (d2 * (a * pb + 1));
        for (let t = 0; t < dims; t++) {
          let g = coeff * (y[bi + t] - y[bj + t]);
          g = (g > 4 ? 4 : g < -4 ? -4 : g) * alpha;
          y[bi + t] += g;
          y[bj + t] -= g;
        }
      }
      next[e] += ev;
      // Repulsion from random tickets.
      const evn = everyNegative[e];
      const negatives = Math.floor((epoch - nextNegative[e]) / evn);
      const i = head[e];
      for (let s = 0; s < negatives; s++) {
        const q = Math.floor(random() * n); // randomIndex, written out in the hot loop
        if (q === i) continue;
        const bq = q * dims;
        let dq = 0;
        for (let t = 0; t < dims; t++) {
          const dt = y[bi + t] - y[bq + t];
          dq += dt * dt;
        }
        const coeff = dq > 0 ? twoB / ((0.001 + dq) * (a * fastPow(dq, b) + 1)) : 0;
        if (coeff > 0) {
          for (let t = 0; t < dims; t++) {
            const g = coeff * (y[bi + t] - y[bq + t]);
            y[bi + t] += (g > 4 ? 4 : g < -4 ? -4 : g) * alpha;
          }
        } else {
          for (let t = 0; t < dims; t++) y[bi + t] += 4 * alpha;
        }
      }
      nextNegative[e] += negatives * evn;
    }
    onProgress?.(epoch, epochs);
  }
}

/**
 * sgdEpochs for the default five dimensions, with the edge's head held in locals while it meets its
 * negative samples (rounded to float32 after every step, as storing it would): the same layout, bit for
 * bit (test/cluster/layout.test.ts), in about 2/3 of the time.
 */
export function sgdEpochsFiveDims(
  y: Float32Array,
  n: number,
  fuzzy: EdgeList,
  schedule: EdgeSchedule,
  epochs: number,
  learningRate: number,
  random: Random,
  onProgress?: (done: number, total: number) => void,
): void {
  const { every, next, everyNegative, nextNegative } = schedule;
  const head = fuzzy.head;
  const tail = fuzzy.tail;
  const m = head.length;
  const a = CURVE_A;
  const b = CURVE_B;
  const twoB = 2 * b;
  const attract = -2 * a * b;
  const f = Math.fround;
  const clip = (g: number) => (g > 4 ? 4 : g < -4 ? -4 : g);
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const alpha = learningRate * (1 - (epoch - 1) / epochs);
    for (let e = 0; e < m; e++) {
      const ev = every[e];
      if (ev < 0 || next[e] > epoch) continue;
      const i = head[e];
      const bi = i * 5;
      const bj = tail[e] * 5;
      let h0 = y[bi];
      let h1 = y[bi + 1];
      let h2 = y[bi + 2];
      let h3 = y[bi + 3];
      let h4 = y[bi + 4];
      const u0 = y[bj];
      const u1 = y[bj + 1];
      const u2 = y[bj + 2];
      const u3 = y[bj + 3];
      const u4 = y[bj + 4];
      const x0 = h0 - u0;
      const x1 = h1 - u1;
      const x2 = h2 - u2;
      const x3 = h3 - u3;
      const x4 = h4 - u4;
      const d2 = x0 * x0 + x1 * x1 + x2 * x2 + x3 * x3 + x4 * x4;
      if (d2 > 0) {
        const pb = fastPow(d2, b);
        const coeff = (attract * pb) / (d2 * (a * pb + 1));
        const g0 = clip(coeff * x0) * alpha;
        const g1 = clip(coeff * x1) * alpha;
        const g2 = clip(coeff * x2) * alpha;
        const g3 = clip(coeff * x3) * alpha;
        const g4 = clip(coeff * x4) * alpha;
        h0 = f(h0 + g0);
        h1 = f(h1 + g1);
        h2 = f(h2 + g2);
        h3 = f(h3 + g3);
        h4 = f(h4 + g4);
        y[bj] = u0 - g0;
        y[bj + 1] = u1 - g1;
        y[bj + 2] = u2 - g2;
        y[bj + 3] = u3 - g3;
        y[bj + 4] = u4 - g4;
      }
      next[e] += ev;
      const evn = everyNegative[e];
      const negatives = Math.floor((epoch - nextNegative[e]) / evn);
      for (let s = 0; s < negatives; s++) {
        const q = Math.floor(random() * n);
        if (q === i) continue;
        const bq = q * 5;
        const z0 = h0 - y[bq];
        const z1 = h1 - y[bq + 1];
        const z2 = h2 - y[bq + 2];
        const z3 = h3 - y[bq + 3];
        const z4 = h4 - y[bq + 4];
        const dq = z0 * z0 + z1 * z1 + z2 * z2 + z3 * z3 + z4 * z4;
        const coeff = dq > 0 ? twoB / ((0.001 + dq) * (a * fastPow(dq, b) + 1)) : 0;
        if (coeff > 0) {
          h0 = f(h0 + clip(coeff * z0) * alpha);
          h1 = f(h1 + clip(coeff * z1) * alpha);
          h2 = f(h2 + clip(coeff * z2) * alpha);
          h3 = f(h3 + clip(coeff * z3) * alpha);
          h4 = f(h4 + clip(coeff * z4) * alpha);
        } else {
          h0 = f(h0 + 4 * alpha);
          h1 = f(h1 + 4 * alpha);
          h2 = f(h2 + 4 * alpha);
          h3 = f(h3 + 4 * alpha);
          h4 = f(h4 + 4 * alpha);
        }
      }
      nextNegative[e] += negatives * evn;
      y[bi] = h0;
      y[bi + 1] = h1;
      y[bi + 2] = h2;
      y[bi + 3] = h3;
      y[bi + 4] = h4;
    }
    onProgress?.(epoch, epochs);
  }
}
