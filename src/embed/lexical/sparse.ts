// Compressed sparse rows (one row per ticket) and the products the randomized SVD needs. Rows a helper thread will
// read (the SVD's, on two threads) are built in shared memory from the start (`shared`), not copied there later.
import { zeroed, type ArrayKind } from '../../numerics/threads.js';

export interface SparseRows {
  rows: number;
  cols: number;
  /** Row i holds entries indptr[i] .. indptr[i+1]-1. */
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** Xᵀ as compressed rows (one row per feature), so Xᵀ·M runs as a row-wise product like X·M. */
export function transposeRows(x: SparseRows, shared = false): SparseRows {
  const nnz = x.indptr[x.rows];
  const indptr = zeroed(Int32Array, x.cols + 1, shared);
  for (let p = 0; p < nnz; p++) indptr[x.indices[p] + 1]++;
  for (let j = 0; j < x.cols; j++) indptr[j + 1] += indptr[j];
  const next = indptr.slice(0, x.cols);
  const indices = zeroed(Int32Array, nnz, shared);
  const values = zeroed(Float32Array, nnz, shared);
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

  constructor(
    expectedRows: number,
    expectedEntries: number,
    private readonly shared = false,
  ) {
    this.indptr = zeroed(Int32Array, expectedRows + 1, shared);
    this.indices = zeroed(Int32Array, Math.max(16, expectedEntries), shared);
    this.values = zeroed(Float32Array, Math.max(16, expectedEntries), shared);
  }

  append(indices: Int32Array, values: Float32Array, length: number): void {
    if (this.size + length > this.indices.length) this.reserve(Math.max(this.size + length, this.indices.length * 2));
    if (this.rowCount + 2 > this.indptr.length) {
      const grown = zeroed(Int32Array, this.indptr.length * 2 + 2, this.shared);
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
    const grownIndices = zeroed(Int32Array, entries, this.shared);
    grownIndices.set(this.indices.subarray(0, this.size));
    const grownValues = zeroed(Float32Array, entries, this.shared);
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
      indptr: this.fitted(this.indptr, this.rowCount + 1, false),
      indices: this.fitted(this.indices, this.size, keep),
      values: this.fitted(this.values, this.size, keep),
    };
  }

  /** The first `length` entries of `a`: a view when it is `a` whole or `keep` says so, else a copy of that size. */
  private fitted<T extends Int32Array | Float32Array>(a: T, length: number, keep: boolean): T {
    if (keep || a.length === length) return a.subarray(0, length) as T;
    const out = zeroed(a.constructor as ArrayKind<T>, length, this.shared);
    out.set(a.subarray(0, length));
    return out;
  }
}
