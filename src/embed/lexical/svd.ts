// Seeded randomized truncated SVD of a sparse matrix (Halko, Martinsson & Tropp 2011, algorithms 4.4 + 5.1).
import { symmetricEigen } from './eigen.js';
import { fillGaussian } from './random.js';
import { multiplyDense, multiplyTransposedDense, type SparseRows } from './sparse.js';

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
  let q = orthonormalize(multiplyDense(x, omega, width), x.rows, width);
  for (let it = 0; it < powerIterations && q.width > 0; it++) {
    // Orthonormalizing after every X·Xᵀ step keeps round-off from swamping the smaller directions.
    const z = multiplyTransposedDense(x, q.matrix, q.width);
    q = orthonormalize(multiplyDense(x, z, q.width), x.rows, q.width);
  }
  // B = Qᵀ X is small (width×cols); its SVD comes from the eigenvectors of B·Bᵀ = Zᵀ Z with Z = Xᵀ Q.
  const z = multiplyTransposedDense(x, q.matrix, q.width);
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
  // Four rows at a time: quarter the passes over G.
  for (; i + 3 < m; i += 4) {
    const r0 = i * width;
    const r1 = r0 + width;
    const r2 = r1 + width;
    const r3 = r2 + width;
    for (let p = 0; p < width; p++) {
      const a0 = a[r0 + p];
      const a1 = a[r1 + p];
      const a2 = a[r2 + p];
      const a3 = a[r3 + p];
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const gp = p * width;
      for (let c = p; c < width; c++) g[gp + c] += a0 * a[r0 + c] + a1 * a[r1 + c] + a2 * a[r2 + c] + a3 * a[r3 + c];
    }
  }
  for (; i < m; i++) {
    const r = i * width;
    for (let p = 0; p < width; p++) {
      const ap = a[r + p];
      if (ap === 0) continue;
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
  // Four rows of A at a time: each row of T is loaded once per four output rows.
  for (; i + 3 < m; i += 4) {
    const r = i * width;
    const o0 = i * out;
    const o1 = o0 + out;
    const o2 = o1 + out;
    const o3 = o2 + out;
    for (let p = 0; p < width; p++) {
      const a0 = a[r + p];
      const a1 = a[r + width + p];
      const a2 = a[r + 2 * width + p];
      const a3 = a[r + 3 * width + p];
      const tp = p * out;
      for (let c = 0; c < out; c++) {
        const tv = t[tp + c];
        result[o0 + c] += a0 * tv;
        result[o1 + c] += a1 * tv;
        result[o2 + c] += a2 * tv;
        result[o3 + c] += a3 * tv;
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
