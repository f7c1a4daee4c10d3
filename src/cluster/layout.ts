// A UMAP-style low-dimensional layout of the kNN graph (McInnes, Healy & Melville 2018), so density
// clustering sees compact groups instead of the flat distance profile of 100–384-dim text vectors.
// Fuzzy neighbour weights → symmetric graph → PCA start → SGD with negative sampling. O(n·k) memory.
// (umap-js on npm does the same but is several times slower on 20,000+ tickets.)
import type { EmbeddingMatrix } from '../types.js';
import type { KnnGraph } from './knn.js';
import { seededRandom, type Random } from '../numerics/random.js';
import { graphStart, type EdgeList } from './start.js';

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
  const head: number[] = [];
  const tail: number[] = [];
  const weight: number[] = [];
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
      head.push(i);
      tail.push(j);
      weight.push(w);
    }
  }
  return { head: Int32Array.from(head), tail: Int32Array.from(tail), weight: Float32Array.from(weight) };
}

// x^p by the float bit pattern (log2 ≈ exponent + mantissa, Schraudolph 1999): a few % error,
// several times cheaper than Math.pow, and SGD does not need more.
const bits = new Float32Array(1);
const bitsInt = new Int32Array(bits.buffer);
export function fastPow(x: number, p: number): number {
  bits[0] = x;
  const log2 = (bitsInt[0] - 1065353216) / 8388608;
  bitsInt[0] = Math.round(p * log2 * 8388608 + 1065353216);
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
  const y = graphStart(vectors, fuzzy, dims, options.startIterations);
  // A tiny seeded jitter separates exact duplicates, which would otherwise never move apart.
  for (let i = 0; i < y.length; i++) y[i] += (random() - 0.5) * 1e-3;

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
  sgdEpochs(y, dims, n, fuzzy, { every, next, everyNegative, nextNegative }, epochs, learningRate, random);
  return { rows: n, dims, data: y };
}

interface EdgeSchedule {
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
function sgdEpochs(
  y: Float32Array,
  dims: number,
  n: number,
  fuzzy: EdgeList,
  schedule: EdgeSchedule,
  epochs: number,
  learningRate: number,
  random: Random,
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
  }
}
