// Compressed sparse rows (one row per ticket) and the products the randomized SVD needs.

export interface SparseRows {
  rows: number;
  cols: number;
  /** Row i holds entries indptr[i] .. indptr[i+1]-1. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Xᵀ as compressed rows (one row per feature), so Xᵀ·M runs as a row-wise product like X·M. */
export function transposeRows(x: SparseRows): SparseRows {
  const nnz = x.indptr[x.rows];
  const indptr = new Int32Array(x.cols + 1);
  for (let p = 0; p < nnz; p++) indptr[x.indices[p] + 1]++;
  for (let j = 0; j < x.cols; j++) indptr[j + 1] += indptr[j];
  const next = indptr.slice(0, x.cols);
  const indices = new Int32Array(nnz);
  const values = new Float32Array(nnz);
  for (let i = 0; i < x.rows; i++) {
    for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) {
      const slot = next[x.indices[p]]++;
      indices[slot] = i;
      values[slot] = x.values[p];
    }
  }
  return { rows: x.cols, cols: x.rows, indptr, indices, values };
}

/** Growable CSR builder: rows are appended one at a time. */
export class SparseRowsBuilder {
  private indptr: Int32Array;
  private indices: Int32Array;
  private values: Float32Array;
  private rowCount = 0;
  private size = 0;

  constructor(expectedRows: number, expectedEntries: number) {
    this.indptr = new Int32Array(expectedRows + 1);
    this.indices = new Int32Array(Math.max(16, expectedEntries));
    this.values = new Float32Array(Math.max(16, expectedEntries));
  }

  append(indices: Int32Array, values: Float32Array, length: number): void {
    if (this.size + length > this.indices.length) this.reserve(Math.max(this.size + length, this.indices.length * 2));
    if (this.rowCount + 2 > this.indptr.length) {
      const grown = new Int32Array(this.indptr.length * 2 + 2);
      grown.set(this.indptr);
      this.indptr = grown;
    }
    this.indices.set(indices.subarray(0, length), this.size);
    this.values.set(values.subarray(0, length), this.size);
    this.size += length;
    this.rowCount++;
    this.indptr[this.rowCount] = this.size;
  }

  /** Room for `entries` entries in all, so a builder that can estimate its size grows once, not by doublings. */
  reserve(entries: number): void {
    if (entries <= this.indices.length) return;
    const grownIndices = new Int32Array(entries);
    grownIndices.set(this.indices.subarray(0, this.size));
    const grownValues = new Float32Array(entries);
    grownValues.set(this.values.subarray(0, this.size));
    this.indices = grownIndices;
    this.values = grownValues;
  }

  /** The rows; the entries are not copied when at most an eighth of their room is unused. */
  finish(cols: number): SparseRows {
    const keep = this.indices.length - this.size <= this.size / 8;
    return {
      rows: this.rowCount,
      cols,
      indptr: this.indptr.slice(0, this.rowCount + 1),
      indices: keep ? this.indices.subarray(0, this.size) : this.indices.slice(0, this.size),
      values: keep ? this.values.subarray(0, this.size) : this.values.slice(0, this.size),
    };
  }
}
