// Seeded randomized truncated SVD of a sparse matrix (Halko, Martinsson & Tropp 2011, algorithms 4.4 + 5.1).
import { orthonormalize, RELATIVE_EIGEN_FLOOR, symmetricEigen } from '../../numerics/linear-algebra.js';
import { fillGaussian } from '../../numerics/random.js';
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
  right: Float64Array;
  /** Left singular vectors as a row-major rows×rank matrix; empty unless asked. */
  left: Float64Array;
}

/**
 * Top-`rank` singular values and right singular vectors of X. Deterministic for a seed. It yields to the
 * event loop after each pass over X (a 50,000-ticket fit takes tens of seconds), so a progress bar keeps moving.
 */
export async function randomizedSvd(x: SparseRows, rank: number, options: SvdOptions): Promise<TruncatedSvd> {
  const oversample = options.oversample ?? 10;
  const powerIterations = options.powerIterations ?? 2;
  const width = Math.min(rank + oversample, x.rows, x.cols);
  if (width <= 0 || rank <= 0) {
    return { rank: 0, singularValues: new Float64Array(0), right: new Float64Array(0), left: new Float64Array(0) };
  }
  // Xᵀ is stored once (as much memory again as X) so every Xᵀ·Q is a fast row-wise product.
  const products = new SvdProducts(x, transposeRows(x), options.threads ?? 1);
  try {
    const omega = products.zeros(x.cols * width);
    fillGaussian(omega, options.seed);
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

async function factor(
  products: SvdProducts,
  x: SparseRows,
  rank: number,
  width: number,
  omega: Float64Array,
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
  let q = orthonormalize(products.times('x', omega, width), x.rows, width, products);
  await pass();
  for (let it = 0; it < powerIterations && q.width > 0; it++) {
    // Orthonormalizing after every X·Xᵀ step keeps round-off from swamping the smaller directions.
    const z = products.times('xt', q.matrix, q.width);
    await pass();
    q = orthonormalize(products.times('x', z, q.width), x.rows, q.width, products);
    await pass();
  }
  // B = Qᵀ X is small (width×cols); its SVD comes from the eigenvectors of B·Bᵀ = Zᵀ Z with Z = Xᵀ Q.
  const z = products.times('xt', q.matrix, q.width);
  passed = passes - 1;
  await pass();
  const eigen = symmetricEigen(products.gram(z, x.cols, q.width), q.width);
  const floor = Math.max(eigen.values[0] ?? 0, 0) * RELATIVE_EIGEN_FLOOR;
  let found = 0;
  while (found < Math.min(rank, q.width) && eigen.values[found] > floor && eigen.values[found] > 0) found++;
  const singularValues = new Float64Array(found);
  for (let c = 0; c < found; c++) singularValues[c] = Math.sqrt(eigen.values[c]);
  const empty = new Float64Array(0);
  if (vectors === 'left') {
    // U = Q W: cheaper than V when there are fewer rows than columns, and all the fitted rows need.
    const w = new Float64Array(q.width * found);
    for (let p = 0; p < q.width; p++) for (let c = 0; c < found; c++) w[p * found + c] = eigen.vectors[p * q.width + c];
    return {
      rank: found,
      singularValues,
      left: products.timesSmall(q.matrix, x.rows, q.width, w, found),
      right: empty,
    };
  }
  // V = Z W Σ⁻¹ (cols×found).
  const projection = new Float64Array(q.width * found);
  for (let p = 0; p < q.width; p++) {
    for (let c = 0; c < found; c++) projection[p * found + c] = eigen.vectors[p * q.width + c] / singularValues[c];
  }
  return {
    rank: found,
    singularValues,
    right: products.timesSmall(z, x.cols, q.width, projection, found),
    left: empty,
  };
}
