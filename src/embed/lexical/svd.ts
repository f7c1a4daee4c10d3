// Seeded randomized truncated SVD of a sparse matrix (Halko, Martinsson & Tropp 2011, algorithms 4.3/4.4 + 5.1).
//
// Cost, X with n rows, d columns and z entries, sketch width w = rank + oversample, q power iterations:
//   time   (2q + 2)·z·w for the sparse products, + n·w²/2 (YᵀY) + d·w²/2 (ZᵀZ) + (q − 1)·1.5·n·w² for the
//          orthonormalizations between iterations, + n·w·rank (left) or d·w·rank (right) for the factors;
//   memory Xᵀ (as much as X) + the d×w random ±1 test matrix (int8) + n×w and d×w float32 blocks (sums run in float64,
//          and the small w×w matrices are float64).
// The sketch is never orthonormalized explicitly at the end: Q = Y·T with T from the eigenvectors of YᵀY,
// folded into the small matrices, which saves two n×w×w products per fit (most of the time at 20,000
// short tickets).
import { RELATIVE_EIGEN_FLOOR, orthonormalize, symmetricEigen } from '../../numerics/linear-algebra.js';
import { seededUniform } from '../../numerics/random.js';
import { transposeRows, type SparseRows } from './sparse.js';
import { SvdProducts } from './svd-threads.js';

export interface SvdOptions {
  seed: number;
  /** Extra random directions beyond the rank asked for; they make the top ones accurate. */
  oversample?: number;
  /** Power iterations: each one sharpens the spectrum's decay at the cost of two sparse products. */
  powerIterations?: number;
  /** Which singular vectors to return: left (rows×rank) for the fitted rows, right (cols×rank) to project others. */
  vectors?: 'left' | 'right';
  /** 1 or 2 threads (default 1); the result is the same bit for bit. */
  threads?: number;
  /** Called with the share done (0..1) after each pass over X, between which the event loop runs. */
  onProgress?: (share: number) => void;
}

export interface TruncatedSvd {
  /** Number of components actually found (≤ the rank asked for, ≤ the numerical rank). */
  rank: number;
  /** Singular values, largest first. */
  singularValues: Float64Array;
  /** Right singular vectors as a row-major cols×rank matrix (row j: feature j's loadings); empty unless asked. */
  right: Float32Array;
  /** Left singular vectors as a row-major rows×rank matrix; empty unless asked. */
  left: Float32Array;
}

/**
 * Top-`rank` singular values and singular vectors of X. Deterministic for a seed. It yields to the
 * event loop after each pass over X (a 50,000-ticket fit takes seconds), so a progress bar keeps moving.
 */
export async function randomizedSvd(x: SparseRows, rank: number, options: SvdOptions): Promise<TruncatedSvd> {
  const oversample = options.oversample ?? 10;
  const powerIterations = options.powerIterations ?? 1;
  const width = Math.min(rank + oversample, x.rows, x.cols);
  if (width <= 0 || rank <= 0) {
    return { rank: 0, singularValues: new Float64Array(0), right: new Float32Array(0), left: new Float32Array(0) };
  }
  // Xᵀ is stored once (as much memory again as X) so every Xᵀ·Q is a fast row-wise product.
  const threads = options.threads ?? 1;
  // On two threads Xᵀ is born in shared memory (X too, when its builder was told: TicketRowThreads.rows).
  const products = new SvdProducts(x, transposeRows(x, threads >= 2), threads);
  try {
    const omega = products.signs(x.cols * width);
    fillSigns(omega, options.seed);
    return await factor(
      products,
      x,
      rank,
      width,
      omega,
      powerIterations,
      options.vectors ?? 'right',
      options.onProgress,
    );
  } finally {
    products.close();
  }
}

/**
 * Random ±1 entries (a Rademacher test matrix): as good a sketch as Gaussian entries (Halko et al. §4.6
 * and §7.4) and 32 entries per random number instead of a logarithm and a cosine per entry.
 */
export function fillSigns(out: Int8Array, seed: number): void {
  const uniform = seededUniform(seed);
  for (let i = 0; i < out.length; i += 32) {
    const bits = (uniform() * 4294967296) >>> 0;
    const end = Math.min(out.length, i + 32);
    for (let j = i; j < end; j++) out[j] = (bits >>> (j - i)) & 1 ? 1 : -1;
  }
}

async function factor(
  products: SvdProducts,
  x: SparseRows,
  rank: number,
  width: number,
  omega: Int8Array,
  powerIterations: number,
  vectors: 'left' | 'right',
  onProgress: ((share: number) => void) | undefined,
): Promise<TruncatedSvd> {
  // Passes over X: one for the sketch, two per power iteration, one for Z; each is reported once done.
  const passes = 2 * powerIterations + 2;
  let passed = 0;
  const pass = async (): Promise<void> => {
    onProgress?.(++passed / passes);
    await new Promise((resolve) => setImmediate(resolve));
  };
  let y = products.timesSigns(omega, width);
  let w = width;
  // Each product's output goes into the block of the same shape that is no longer needed.
  let z: Float32Array | undefined;
  await pass();
  for (let it = 0; it < powerIterations && w > 0; it++) {
    // The first iteration works on X·Ω as it is: its columns are still far from parallel (their condition
    // grows as the singular values' cube), so orthonormalizing first would buy no accuracy in float64.
    // Later ones orthonormalize first, as round-off would otherwise swamp the smaller directions.
    if (it > 0) ({ matrix: y, width: w } = orthonormalize(y, x.rows, w, products));
    z = products.times('xt', y, w, z);
    await pass();
    y = products.times('x', z, w, y);
    await pass();
  }
  // Q = Y·T is orthonormal for T = E·Λ^(-1/2) from YᵀY = E·Λ·Eᵀ (dependent directions dropped). With
  // Z = Xᵀ·Y, B = QᵀX has B·Bᵀ = Tᵀ·(ZᵀZ)·T; its eigenvectors W give U = Y·(T·W), V = Z·(T·W·Σ⁻¹).
  const t = whitening(products.gram(y, x.rows, w), w);
  z = products.times('xt', y, w, z);
  passed = passes - 1;
  await pass();
  const kept = t.length / w;
  const projected = congruence(t, products.gram(z, x.cols, w), w, kept);
  const eigen = symmetricEigen(projected, kept);
  const floor = Math.max(eigen.values[0] ?? 0, 0) * RELATIVE_EIGEN_FLOOR;
  let found = 0;
  while (found < Math.min(rank, kept) && eigen.values[found] > floor && eigen.values[found] > 0) found++;
  const singularValues = new Float64Array(found);
  for (let c = 0; c < found; c++) singularValues[c] = Math.sqrt(eigen.values[c]);
  // T·W (w×found), scaled by Σ⁻¹ for the right vectors.
  const coefficients = new Float64Array(w * found);
  for (let p = 0; p < w; p++) {
    for (let c = 0; c < found; c++) {
      let sum = 0;
      for (let r = 0; r < kept; r++) sum += t[p * kept + r] * eigen.vectors[r * kept + c];
      coefficients[p * found + c] = vectors === 'right' ? sum / singularValues[c] : sum;
    }
  }
  const empty = new Float32Array(0);
  if (vectors === 'left') {
    // U: cheaper than V when there are fewer rows than columns, and all the fitted rows need.
    return { rank: found, singularValues, left: products.timesSmall(y, x.rows, w, coefficients, found), right: empty };
  }
  return { rank: found, singularValues, right: products.timesSmall(z, x.cols, w, coefficients, found), left: empty };
}

/** T = E·Λ^(-1/2) (w×kept) for the Gram matrix G = E·Λ·Eᵀ, leaving out numerically absent directions. */
function whitening(gram: Float64Array, w: number): Float64Array {
  const eigen = symmetricEigen(gram, w);
  const floor = Math.max(eigen.values[0] ?? 0, 0) * RELATIVE_EIGEN_FLOOR;
  let kept = 0;
  while (kept < w && eigen.values[kept] > floor && eigen.values[kept] > 0) kept++;
  const t = new Float64Array(w * kept);
  for (let c = 0; c < kept; c++) {
    const scale = 1 / Math.sqrt(eigen.values[c]);
    for (let p = 0; p < w; p++) t[p * kept + c] = eigen.vectors[p * w + c] * scale;
  }
  return t;
}

/** Tᵀ·H·T for T (w×kept) and a symmetric H (w×w): a kept×kept symmetric matrix. */
function congruence(t: Float64Array, h: Float64Array, w: number, kept: number): Float64Array {
  const ht = new Float64Array(w * kept);
  for (let p = 0; p < w; p++) {
    for (let q = 0; q < w; q++) {
      const hpq = h[p * w + q];
      if (hpq === 0) continue;
      for (let c = 0; c < kept; c++) ht[p * kept + c] += hpq * t[q * kept + c];
    }
  }
  const out = new Float64Array(kept * kept);
  for (let a = 0; a < kept; a++) {
    for (let b = a; b < kept; b++) {
      let sum = 0;
      for (let p = 0; p < w; p++) sum += t[p * kept + a] * ht[p * kept + b];
      out[a * kept + b] = sum;
      out[b * kept + a] = sum;
    }
  }
  return out;
}
