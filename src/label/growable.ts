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

/**
 * Open-addressing hash map from a pair of non-negative int32 ids to an int32 value. A Map keyed by
 * a packed float would box every key beyond 2^31 and keep the garbage collector busy.
 */
export class PairTable {
  private firsts: Int32Array;
  private seconds: Int32Array;
  private values: Int32Array;
  private mask: number;
  size = 0;
  constructor(capacity = 1 << 16) {
    const slots = 1 << Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.firsts = new Int32Array(slots).fill(-1);
    this.seconds = new Int32Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
  }
  private slot(a: number, b: number): number {
    let i = (Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77)) & this.mask;
    while (this.firsts[i] !== -1 && (this.firsts[i] !== a || this.seconds[i] !== b)) i = (i + 1) & this.mask;
    return i;
  }
  /** The value for (a, b), or -1. */
  get(a: number, b: number): number {
    const i = this.slot(a, b);
    return this.firsts[i] === -1 ? -1 : this.values[i];
  }
  set(a: number, b: number, value: number): void {
    const i = this.slot(a, b);
    if (this.firsts[i] === -1) {
      this.firsts[i] = a;
      this.seconds[i] = b;
      this.size++;
    }
    this.values[i] = value;
    if (this.size * 2 > this.mask) this.grow();
  }
  /** Adds `amount` to the value for (a, b), starting from 0. */
  add(a: number, b: number, amount: number): void {
    const i = this.slot(a, b);
    if (this.firsts[i] !== -1) this.values[i] += amount;
    else this.set(a, b, amount);
  }
  /** Calls `visit` for every entry, in slot order (deterministic for the same insertions). */
  forEach(visit: (a: number, b: number, value: number) => void): void {
    for (let i = 0; i < this.firsts.length; i++)
      if (this.firsts[i] !== -1) visit(this.firsts[i], this.seconds[i], this.values[i]);
  }
  private grow(): void {
    const { firsts, seconds, values } = this;
    const slots = firsts.length * 2;
    this.firsts = new Int32Array(slots).fill(-1);
    this.seconds = new Int32Array(slots);
    this.values = new Int32Array(slots);
    this.mask = slots - 1;
    this.size = 0;
    for (let i = 0; i < firsts.length; i++) if (firsts[i] !== -1) this.set(firsts[i], seconds[i], values[i]);
  }
}
