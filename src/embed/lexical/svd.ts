// Seeded randomized truncated SVD of a sparse matrix (Halko, Martinsson & Tropp 2011, algorithms 4.4 + 5.1).
import { symmetricEigen } from './eigen.js';
import { fillGaussian } from './random.js';
import { multiplyDense, transposeRows, type SparseRows } from './sparse.js';

export interface SvdOptions {
  seed: number;
  /** Extra random directions beyond the rank asked for; they make the top ones accurate. */
  oversample?: number;
  /** Power iterations: each one sharpens the spectrum's decay at the cost of two sparse products. */
  powerIterations?: number;
  /** Which singular vectors to return: left (rows×rank) for the fitted rows, right (cols×rank) to project others. */
  vectors?: 'left' | 'right';
}

export interface TruncatedSvd {
  /** Number of components actually found (≤ the rank asked for, ≤ the numerical rank). */
  rank: number;
  /** Singular values, largest first. */
  singularValues: Float64Array;
  /** Right singular vectors as a row-major cols×rank matrix (row j: feature j's loadings); empty unless asked. */
  right: Float64Array;
  /** Left singular vectors as a row-major rows×rank matrix; empty unless asked. */
  left: Float64Array;
}

// Directions whose Gram eigenvalue is below this share of the largest are numerically absent.
const RELATIVE_EIGEN_FLOOR = 1e-12;

/** Top-`rank` singular values and right singular vectors of X. Deterministic for a seed. */
export function randomizedSvd(x: SparseRows, rank: number, options: SvdOptions): TruncatedSvd {
  const oversample = options.oversample ?? 10;
  const powerIterations = options.powerIterations ?? 2;
  const width = Math.min(rank + oversample, x.rows, x.cols);
  if (width <= 0 || rank <= 0) {
    return { rank: 0, singularValues: new Float64Array(0), right: new Float64Array(0), left: new Float64Array(0) };
  }
  const omega = new Float64Array(x.cols * width);
  fillGaussian(omega, options.seed);
  // Xᵀ is stored once (as much memory again as X) so every Xᵀ·Q is a fast row-wise product.
  const xt = transposeRows(x);
  let q = orthonormalize(multiplyDense(x, omega, width), x.rows, width);
  for (let it = 0; it < powerIterations && q.width > 0; it++) {
    // Orthonormalizing after every X·Xᵀ step keeps round-off from swamping the smaller directions.
    const z = multiplyDense(xt, q.matrix, q.width);
    q = orthonormalize(multiplyDense(x, z, q.width), x.rows, q.width);
  }
  // B = Qᵀ X is small (width×cols); its SVD comes from the eigenvectors of B·Bᵀ = Zᵀ Z with Z = Xᵀ Q.
  const z = multiplyDense(xt, q.matrix, q.width);
  const eigen = symmetricEigen(gram(z, x.cols, q.width), q.width);
  const floor = Math.max(eigen.values[0] ?? 0, 0) * RELATIVE_EIGEN_FLOOR;
  let found = 0;
  while (found < Math.min(rank, q.width) && eigen.values[found] > floor && eigen.values[found] > 0) found++;
  const singularValues = new Float64Array(found);
  for (let c = 0; c < found; c++) singularValues[c] = Math.sqrt(eigen.values[c]);
  const empty = new Float64Array(0);
  if (options.vectors === 'left') {
    // U = Q W: cheaper than V when there are fewer rows than columns, and all the fitted rows need.
    const w = new Float64Array(q.width * found);
    for (let p = 0; p < q.width; p++) for (let c = 0; c < found; c++) w[p * found + c] = eigen.vectors[p * q.width + c];
    return { rank: found, singularValues, left: multiplyDenseSmall(q.matrix, x.rows, q.width, w, found), right: empty };
  }
  // V = Z W Σ⁻¹ (cols×found).
  const projection = new Float64Array(q.width * found);
  for (let p = 0; p < q.width; p++) {
    for (let c = 0; c < found; c++) projection[p * found + c] = eigen.vectors[p * q.width + c] / singularValues[c];
  }
  return { rank: found, singularValues, right: multiplyDenseSmall(z, x.cols, q.width, projection, found), left: empty };
}

interface Orthonormal {
  matrix: Float64Array;
  width: number;
}

/** Orthonormal basis of the columns of A (m×width) via the eigenvectors of AᵀA; drops dependent directions. */
export function orthonormalize(a: Float64Array, m: number, width: number): Orthonormal {
  const eigen = symmetricEigen(gram(a, m, width), width);
  const floor = Math.max(eigen.values[0] ?? 0, 0) * RELATIVE_EIGEN_FLOOR;
  let kept = 0;
  while (kept < width && eigen.values[kept] > floor && eigen.values[kept] > 0) kept++;
  const transform = new Float64Array(width * kept);
  for (let c = 0; c < kept; c++) {
    const scale = 1 / Math.sqrt(eigen.values[c]);
    for (let p = 0; p < width; p++) transform[p * kept + c] = eigen.vectors[p * width + c] * scale;
  }
  return { matrix: multiplyDenseSmall(a, m, width, transform, kept), width: kept };
}

/** AᵀA for a row-major m×width A (full symmetric width×width result). */
export function gram(a: Float64Array, m: number, width: number): Float64Array {
  const g = new Float64Array(width * width);
  let i = 0;
  // Four rows of A by two rows of G at a time: each load of A feeds eight products.
  for (; i + 3 < m; i += 4) {
    const r0 = i * width;
    const r1 = r0 + width;
    const r2 = r1 + width;
    const r3 = r2 + width;
    let p = 0;
    for (; p + 1 < width; p += 2) {
      const a0 = a[r0 + p];
      const a1 = a[r1 + p];
      const a2 = a[r2 + p];
      const a3 = a[r3 + p];
      const b0 = a[r0 + p + 1];
      const b1 = a[r1 + p + 1];
      const b2 = a[r2 + p + 1];
      const b3 = a[r3 + p + 1];
      const gp = p * width;
      const gq = gp + width;
      g[gp + p] += a0 * a0 + a1 * a1 + a2 * a2 + a3 * a3;
      for (let c = p + 1; c < width; c++) {
        const x0 = a[r0 + c];
        const x1 = a[r1 + c];
        const x2 = a[r2 + c];
        const x3 = a[r3 + c];
        g[gp + c] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        g[gq + c] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
      }
    }
    for (; p < width; p++) {
      const gp = p * width;
      for (let c = p; c < width; c++) g[gp + c] += a[r0 + p] * a[r0 + c] + a[r1 + p] * a[r1 + c] + a[r2 + p] * a[r2 + c] + a[r3 + p] * a[r3 + c];
    }
  }
  for (; i < m; i++) {
    const r = i * width;
    for (let p = 0; p < width; p++) {
      const ap = a[r + p];
      const gp = p * width;
      for (let c = p; c < width; c++) g[gp + c] += ap * a[r + c];
    }
  }
  for (let p = 0; p < width; p++) for (let c = 0; c < p; c++) g[p * width + c] = g[c * width + p];
  return g;
}

/** A (m×width) · T (width×out), both row-major; T is small and stays in cache. */
export function multiplyDenseSmall(a: Float64Array, m: number, width: number, t: Float64Array, out: number): Float64Array {
  const result = new Float64Array(m * out);
  let i = 0;
  // Two rows of A by four rows of T at a time: each load of T feeds two rows, each output store four products.
  for (; i + 1 < m; i += 2) {
    const r = i * width;
    const s = r + width;
    const o = i * out;
    const q = o + out;
    let p = 0;
    for (; p + 3 < width; p += 4) {
      const a0 = a[r + p];
      const a1 = a[r + p + 1];
      const a2 = a[r + p + 2];
      const a3 = a[r + p + 3];
      const b0 = a[s + p];
      const b1 = a[s + p + 1];
      const b2 = a[s + p + 2];
      const b3 = a[s + p + 3];
      const t0 = p * out;
      const t1 = t0 + out;
      const t2 = t1 + out;
      const t3 = t2 + out;
      for (let c = 0; c < out; c++) {
        const x0 = t[t0 + c];
        const x1 = t[t1 + c];
        const x2 = t[t2 + c];
        const x3 = t[t3 + c];
        result[o + c] += a0 * x0 + a1 * x1 + a2 * x2 + a3 * x3;
        result[q + c] += b0 * x0 + b1 * x1 + b2 * x2 + b3 * x3;
      }
    }
    for (; p < width; p++) {
      const ap = a[r + p];
      const bp = a[s + p];
      const tp = p * out;
      for (let c = 0; c < out; c++) {
        result[o + c] += ap * t[tp + c];
        result[q + c] += bp * t[tp + c];
      }
    }
  }
  for (; i < m; i++) {
    const r = i * width;
    const o = i * out;
    for (let p = 0; p < width; p++) {
      const ap = a[r + p];
      const tp = p * out;
      for (let c = 0; c < out; c++) result[o + c] += ap * t[tp + c];
    }
  }
  return result;
}
