// On-disk embedding cache for one model revision: a directory of immutable segment files.
//
// Each run that computes new vectors writes ONE segment (temp file + rename, so a killed run
// leaves either the whole segment or nothing). A segment holds a key block then a vector block:
//   header (16 bytes): "TKE1", dims u32, count u32, reserved u32
//   keys:    count × 20 bytes (SHA-1 of the normalized text)
//   vectors: count × dims × float32
// A lookup reads only the key blocks (20 bytes per entry) and then just the vectors it needs,
// so 1M cached tickets cost ~20 MB of key reads, not 1.5 GB of vectors. When segments pile up
// they are merged (newest entry wins, oldest dropped beyond the size bound).
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { writeAll, writeFileAtomic } from '../../atomic-write.js';
import { KEY_BYTES, keyString } from './text-key.js';

const MAGIC = 0x3145_4b54; // "TKE1" little-endian
const HEADER_BYTES = 16;
const SEGMENT = /^seg-\d{15}-.+\.bin$/;
const CHUNK_BYTES = 16 * 1024 * 1024;
const STALE_TEMP_MS = 60 * 60 * 1000;

export interface CacheLookup {
  /** 1 where the key was found. */
  found: Uint8Array;
  foundCount: number;
  /** Dimensions of the cached vectors (null when nothing usable is cached). */
  dims: number | null;
  /** keys × dims; rows of keys not found are zero. */
  vectors: Float32Array;
}

export interface EmbeddingCacheOptions {
  /** Bound on the cache size for this model; the oldest entries go first. Default 2 GiB. */
  maxBytes?: number;
  /** Merge segments once there are more than this many. Default 8. */
  maxSegments?: number;
}

interface SegmentHeader {
  dims: number;
  count: number;
}

let sequence = 0;

export class EmbeddingCache {
  readonly dir: string;
  private readonly maxBytes: number;
  private readonly maxSegments: number;

  constructor(dir: string, options: EmbeddingCacheOptions = {}) {
    this.dir = dir;
    this.maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
    this.maxSegments = options.maxSegments ?? 8;
  }

  /** The cache of one model revision under the embeddings root. */
  static forModel(embeddingsRoot: string, model: string, revision: string): EmbeddingCache {
    const id = createHash('sha1').update(`${model}\0${revision}`).digest('hex').slice(0, 16);
    const cache = new EmbeddingCache(join(embeddingsRoot, id));
    cache.describe({ model, revision });
    return cache;
  }

  /** Finds the vectors of the given keys. `dims` null: take the dimensions of the newest segment. */
  lookup(keys: Buffer, dims: number | null): CacheLookup {
    const n = keys.length / KEY_BYTES;
    const found = new Uint8Array(n);
    const wanted = new Map<string, number>();
    for (let i = 0; i < n; i++) wanted.set(keyString(keys, i), i);
    let vectors = new Float32Array(dims ? n * dims : 0);
    let foundCount = 0;
    if (wanted.size === 0) return { found, foundCount, dims, vectors };
    this.eachSegment(this.segments(), (fd, header) => {
      if (dims === null) {
        dims = header.dims;
        vectors = new Float32Array(n * dims);
      }
      if (header.dims !== dims) return true;
      const hits = matchKeys(fd, header.count, wanted);
      if (hits.length > 0) {
        readVectors(fd, header, hits, vectors);
        for (let h = 0; h < hits.length; h += 2) found[hits[h + 1] as number] = 1;
        foundCount += hits.length / 2;
      }
      return wanted.size > 0;
    });
    return { found, foundCount, dims, vectors };
  }

  /** Vector size of the newest readable segment, or null when the cache is empty. */
  dims(): number | null {
    let dims: number | null = null;
    this.eachSegment(this.segments(), (_fd, header) => {
      dims = header.dims;
      return false;
    });
    return dims;
  }

  /** Adds vectors (rows of `dims`) for the keys as one new segment, then merges if needed. */
  store(keys: Buffer, vectors: Float32Array, dims: number): void {
    const count = keys.length / KEY_BYTES;
    if (count === 0) return;
    mkdirSync(this.dir, { recursive: true });
    const body = Buffer.from(vectors.buffer, vectors.byteOffset, count * dims * 4);
    const name = segmentName(Date.now());
    // Three writes, no concatenated copy: the vectors can be a gigabyte and more.
    writeFileAtomic(
      join(this.dir, name),
      [segmentHeader(dims, count), keys.subarray(0, count * KEY_BYTES), body],
      join(this.dir, `.tmp-${name}`),
    );
    if (this.segments().length > this.maxSegments) this.compact();
  }

  /** Merges all segments into one, newest entry first, dropping the oldest beyond maxBytes. */
  compact(): void {
    const names = this.segments();
    if (names.length === 0) return;
    const seen = new Set<string>();
    const plan: Array<{ name: string; header: SegmentHeader; records: Int32Array }> = [];
    let dims: number | null = null;
    let total = 0;
    let maxEntries = Infinity;
    this.eachSegment(names, (fd, header, name) => {
      if (dims === null) {
        dims = header.dims;
        maxEntries = Math.max(1, Math.floor((this.maxBytes - HEADER_BYTES) / (KEY_BYTES + dims * 4)));
      }
      if (header.dims !== dims) return true;
      const keys = readKeys(fd, header.count);
      const records: number[] = [];
      for (let r = 0; r < header.count && total < maxEntries; r++) {
        const k = keyString(keys, r);
        if (seen.has(k)) continue;
        seen.add(k);
        records.push(r);
        total++;
      }
      plan.push({ name, header, records: Int32Array.from(records) });
      return true;
    });
    if (dims === null) return;
    const merged = segmentName(segmentTime(names[0] as string));
    const mergedDims: number = dims;
    writeFileAtomic(
      join(this.dir, merged),
      (out) => writeMerged(this.dir, out, plan, mergedDims, total),
      join(this.dir, `.tmp-${merged}`),
    );
    // Only the merged segments go; one of another size (written by an older version) stays as it was.
    for (const { name } of plan) removeQuietly(join(this.dir, name));
    this.removeStaleTemps();
  }

  /** Opens each readable segment of `names` in turn with its header; `visit` returning false stops. */
  private eachSegment(names: string[], visit: (fd: number, header: SegmentHeader, name: string) => boolean): void {
    for (const name of names) {
      const fd = this.openSegment(name);
      if (fd === null) continue;
      try {
        const header = readHeader(fd, fstatSync(fd).size);
        if (header && !visit(fd, header, name)) return;
      } finally {
        closeSync(fd);
      }
    }
  }

  /** Segment names, newest first. */
  segments(): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names
      .filter((n) => SEGMENT.test(n))
      .sort()
      .reverse();
  }

  private openSegment(name: string): number | null {
    try {
      return openSync(join(this.dir, name), 'r');
    } catch {
      return null; // merged away by another process meanwhile
    }
  }

  private describe(meta: { model: string; revision: string }): void {
    try {
      mkdirSync(this.dir, { recursive: true });
      writeFileAtomic(join(this.dir, 'model.json'), `${JSON.stringify(meta)}\n`);
    } catch {
      // A read-only cache still serves lookups; the description is only for humans.
    }
  }

  private removeStaleTemps(): void {
    const now = Date.now();
    for (const name of readdirSync(this.dir)) {
      if (!name.startsWith('.tmp-')) continue;
      const file = join(this.dir, name);
      try {
        if (now - statSync(file).mtimeMs > STALE_TEMP_MS) unlinkSync(file);
      } catch {
        // already gone
      }
    }
  }
}

function segmentName(time: number): string {
  return `seg-${String(time).padStart(15, '0')}-${process.pid}-${String(sequence++).padStart(6, '0')}.bin`;
}

function segmentTime(name: string): number {
  return Number(name.slice(4, 19));
}

/** Valid header whose sizes match the file, else null (a foreign or truncated file is skipped). */
function readHeader(fd: number, fileSize: number): SegmentHeader | null {
  const header = Buffer.alloc(HEADER_BYTES);
  if (readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return null;
  if (header.readUInt32LE(0) !== MAGIC) return null;
  const dims = header.readUInt32LE(4);
  const count = header.readUInt32LE(8);
  if (dims === 0 || fileSize !== HEADER_BYTES + count * (KEY_BYTES + dims * 4)) return null;
  return { dims, count };
}

function readKeys(fd: number, count: number): Buffer {
  const keys = Buffer.allocUnsafe(count * KEY_BYTES);
  readFully(fd, keys, 0, keys.length, HEADER_BYTES);
  return keys;
}

/** Pairs (record, target) of the wanted keys found in this segment; found keys leave `wanted`. */
function matchKeys(fd: number, count: number, wanted: Map<string, number>): Int32Array {
  const keys = readKeys(fd, count);
  const hits: number[] = [];
  for (let r = 0; r < count; r++) {
    const k = keyString(keys, r);
    const target = wanted.get(k);
    if (target === undefined) continue;
    hits.push(r, target);
    wanted.delete(k);
  }
  return Int32Array.from(hits);
}

/** Copies the hit records' vectors into their target rows: chunked reads when dense, one read each when sparse. */
function readVectors(fd: number, header: SegmentHeader, hits: Int32Array, out: Float32Array): void {
  const rowBytes = header.dims * 4;
  const start = HEADER_BYTES + header.count * KEY_BYTES;
  const target = Buffer.from(out.buffer, out.byteOffset, out.byteLength);
  const hitCount = hits.length / 2;
  if (hitCount * 16 < header.count) {
    for (let h = 0; h < hits.length; h += 2) {
      readFully(fd, target, (hits[h + 1] as number) * rowBytes, rowBytes, start + (hits[h] as number) * rowBytes);
    }
    return;
  }
  const byRecord = new Int32Array(header.count).fill(-1);
  for (let h = 0; h < hits.length; h += 2) byRecord[hits[h] as number] = hits[h + 1] as number;
  const rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / rowBytes));
  const chunk = Buffer.allocUnsafe(Math.min(header.count, rowsPerChunk) * rowBytes);
  for (let first = 0; first < header.count; first += rowsPerChunk) {
    const rows = Math.min(rowsPerChunk, header.count - first);
    readFully(fd, chunk, 0, rows * rowBytes, start + first * rowBytes);
    for (let r = 0; r < rows; r++) {
      const t = byRecord[first + r] as number;
      if (t >= 0) chunk.copy(target, t * rowBytes, r * rowBytes, (r + 1) * rowBytes);
    }
  }
}

/** The 16-byte segment header: magic, dims, count, reserved (zero). */
function segmentHeader(dims: number, count: number): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  header.writeUInt32LE(MAGIC, 0);
  header.writeUInt32LE(dims, 4);
  header.writeUInt32LE(count, 8);
  return header;
}

/** Writes the merged segment into the open file `out`: header, every kept key, then their vectors. */
function writeMerged(
  dir: string,
  out: number,
  plan: Array<{ name: string; header: SegmentHeader; records: Int32Array }>,
  dims: number,
  total: number,
): void {
  const rowBytes = dims * 4;
  writeAll(out, segmentHeader(dims, total));
  // Records are copied through one big buffer: one write per 16 MB, not per record.
  const pending = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, rowBytes));
  let used = 0;
  const flush = (): void => {
    if (used > 0) writeAll(out, pending.subarray(0, used));
    used = 0;
  };
  for (const pass of ['keys', 'vectors'] as const) {
    for (const { name, header: h, records } of plan) {
      const fd = openSync(join(dir, name), 'r');
      try {
        const base = pass === 'keys' ? HEADER_BYTES : HEADER_BYTES + h.count * KEY_BYTES;
        const size = pass === 'keys' ? KEY_BYTES : rowBytes;
        for (const r of records) {
          if (used + size > pending.length) flush();
          readFully(fd, pending, used, size, base + r * size);
          used += size;
        }
      } finally {
        closeSync(fd);
      }
    }
  }
  flush();
}

function readFully(fd: number, buffer: Buffer, offset: number, length: number, position: number): void {
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, offset + done, length - done, position + done);
    if (n === 0) throw new Error(`embedding cache segment ended early at byte ${position + done}`);
    done += n;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // merged by another process already
  }
}
