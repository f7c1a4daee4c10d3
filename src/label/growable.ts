// Typed arrays that grow as the vocabulary grows while reading the corpus once.

export class GrowableInt32 {
  array: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.array = new Int32Array(capacity);
  }
  push(value: number): number {
    if (this.length === this.array.length) this.reserve(this.length + 1);
    this.array[this.length] = value;
    return this.length++;
  }
  /** Makes room for index `size - 1`; new slots are 0. */
  reserve(size: number): void {
    if (size <= this.array.length) return;
    const next = new Int32Array(Math.max(size, this.array.length * 2));
    next.set(this.array);
    this.array = next;
  }
}

export class GrowableFloat64 {
  array: Float64Array;
  length = 0;
  constructor(capacity = 1024) {
    this.array = new Float64Array(capacity);
  }
  push(value: number): number {
    if (this.length === this.array.length) {
      const next = new Float64Array(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length] = value;
    return this.length++;
  }
}
