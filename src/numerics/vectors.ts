// Row-wise vector operations on row-major Float32Array matrices.

/**
 * L2-normalizes every row in place. Rows with (almost) no length cannot be given a direction: they are
 * left as they are and their indices returned, for the caller to decide (the lexical embedder gives them
 * a dimension of their own; a remote embedder's all-zero rows stay zero).
 */
export function normalizeRows(data: Float32Array, rows: number, dims: number): number[] {
  const empty: number[] = [];
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let c = 0; c < dims; c++) norm += data[i * dims + c] ** 2;
    if (norm < 1e-20) {
      empty.push(i);
      continue;
    }
    const scale = 1 / Math.sqrt(norm);
    for (let c = 0; c < dims; c++) data[i * dims + c] *= scale;
  }
  return empty;
}
