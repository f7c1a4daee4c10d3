// Linear algebra on dense blocks (tall ones float32, small ones Float64Array): orthonormal bases and symmetric eigendecomposition.
// Two orthonormalizers, each the right one where it is used: Gram–Schmidt for the layout's thin
// column-major blocks (n × a few columns), and the Gram-eigenvector basis for the randomized SVD, whose
// wide products run on two threads and whose numerically dependent directions must be dropped.
import { symmetricEigen } from './eigen.js';

export { symmetricEigen } from './eigen.js';

/** Gram–Schmidt on the p columns of a column-major block (length rows·p); zero columns stay zero. */
export function orthonormalizeColumns(block: Float64Array, rows: number, p: number): void {
  for (let c = 0; c < p; c++) {
    const col = c * rows;
    // Twice, for numerical orthogonality ("twice is enough").
    for (let pass = 0; pass < 2; pass++) {
      for (let q = 0; q < c; q++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += block[col + r] * block[q * rows + r];
        for (let r = 0; r < rows; r++) block[col + r] -= dot * block[q * rows + r];
      }
    }
    let norm = 0;
    for (let r = 0; r < rows; r++) norm += block[col + r] ** 2;
    norm = Math.sqrt(norm);
    for (let r = 0; r < rows; r++) block[col + r] = norm > 1e-12 ? block[col + r] / norm : 0;
  }
}

/** The two dense products the Gram-eigenvector orthonormalizer needs (the SVD runs them on one or two threads). */
export interface DenseMatrixProducts {
  /** AᵀA of a row-major rows×width float32 matrix, summed in float64. */
  gram(a: Float32Array, rows: number, width: number): Float64Array;
  /** A·T of a row-major rows×width matrix A and a width×cols matrix T. */
  timesSmall(a: Float32Array, rows: number, width: number, t: Float64Array, cols: number): Float32Array;
}

// Directions whose Gram eigenvalue is below this share of the largest are numerically absent.
export const RELATIVE_EIGEN_FLOOR = 1e-12;

export interface Orthonormal {
  matrix: Float32Array;
  width: number;
}

/** Orthonormal basis of the columns of A (m×width) via the eigenvectors of AᵀA; drops dependent directions. */
export function orthonormalize(a: Float32Array, m: number, width: number, products: DenseMatrixProducts): Orthonormal {
  const eigen = symmetricEigen(products.gram(a, m, width), width);
  const floor = Math.max(eigen.values[0] ?? 0, 0) * RELATIVE_EIGEN_FLOOR;
  let kept = 0;
  while (kept < width && eigen.values[kept] > floor && eigen.values[kept] > 0) kept++;
  const transform = new Float64Array(width * kept);
  for (let c = 0; c < kept; c++) {
    const scale = 1 / Math.sqrt(eigen.values[c]);
    for (let p = 0; p < width; p++) transform[p * kept + c] = eigen.vectors[p * width + c] * scale;
  }
  return { matrix: products.timesSmall(a, m, width, transform, kept), width: kept };
}
