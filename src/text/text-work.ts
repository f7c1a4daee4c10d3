// The text stage's per-ticket work (cleaning and masking each distinct raw text, taking learned boilerplate out of
// it) as both threads run it: the main thread calls these functions, the helper thread imports this module and runs
// `textJob` (text-threads.ts). Cleaning claims blocks of texts from a shared counter, so both threads stay busy
// however loaded the machine is; each thread then strips the texts it cleaned. Every result depends on its own
// text alone (and the config's phrases, the learned boilerplate), computed by the same code whichever thread
// claims it, so one thread or two give the same strings.
// Cost: O(characters) per distinct text; the helper reads its raw texts from shared memory (written once by the
// main thread) and keeps the texts it cleaned until it has stripped them.
import { phraseRemover } from '../config/boilerplate-phrases.js';
import { claimBlocks } from '../numerics/threads.js';
import { SampleSteps, type SampledSentence } from './boilerplate.js';
import { prepareTicketText } from './index.js';
import { stripBoilerplate } from './segments.js';

/** Texts per claim: small enough that both threads finish a chunk within a few texts of each other. */
export const BLOCK = 16;

/** `each` text of the blocks claimed from `next` (and `onBlock` each block), until all `count` are claimed. */
export function forEachClaimed(
  count: number,
  next: Int32Array,
  each: (i: number) => void,
  onBlock?: (block: number) => void,
): void {
  claimBlocks(next, count, BLOCK, (start, stop) => {
    onBlock?.(start / BLOCK);
    for (let i = start; i < stop; i++) each(i);
  });
}

/** A chunk of raw texts in shared memory: UTF-16 code units back to back, and where each text ends (bytes). */
export interface RawChunk {
  chars: SharedArrayBuffer;
  ends: Int32Array;
  count: number;
  /** The first text's number among all distinct texts. */
  first: number;
  /** The claim counter of the chunk's blocks, at 0 until a thread claims. */
  next: Int32Array;
}

/** Writes `texts[from, to)` into `reuse` when it has room (else into new shared memory). */
export function rawChunk(texts: readonly string[], from: number, to: number, reuse?: RawChunk): RawChunk {
  let bytes = 0;
  for (let i = from; i < to; i++) bytes += texts[i]!.length * 2;
  const chars =
    reuse && reuse.chars.byteLength >= bytes ? reuse.chars : new SharedArrayBuffer(Math.ceil(bytes * 1.25) + 2);
  const ends =
    reuse && reuse.ends.length >= to - from ? reuse.ends : new Int32Array(new SharedArrayBuffer((to - from) * 4));
  const out = Buffer.from(chars);
  let at = 0;
  for (let i = from; i < to; i++) {
    at += out.write(texts[i]!, at, 'utf16le');
    ends[i - from] = at;
  }
  const next = reuse?.next ?? new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(next, 0, 0);
  return { chars, ends, count: to - from, first: from, next };
}

/** One thread's stripped texts: the numbers of those that lost something, their texts, what each lost. */
export interface StrippedPart {
  units: Int32Array;
  stripped: string[];
  /** Per text, the end of its pieces in `removed` (key, piece, key, piece, …). */
  removedEnds: Int32Array;
  removed: string[];
}

/** Takes the `learned` boilerplate out of `texts` (numbered `units`); only the texts that lose something are kept. */
export function stripTexts(
  units: ArrayLike<number>,
  texts: readonly string[],
  learned: ReadonlySet<string>,
): StrippedPart {
  const lost: number[] = [];
  const stripped: string[] = [];
  const ends: number[] = [];
  const removed: string[] = [];
  for (let k = 0; k < texts.length; k++) {
    if (texts[k] === '') continue;
    const done = stripBoilerplate(texts[k]!, learned);
    if (done.removed.length === 0) continue;
    lost.push(units[k]!);
    stripped.push(done.stripped);
    for (const [key, piece] of done.removed) removed.push(key, piece);
    ends.push(removed.length);
  }
  return { units: Int32Array.from(lost), stripped, removedEnds: Int32Array.from(ends), removed };
}

export type TextJob =
  | { op: 'clean'; chunk: RawChunk }
  | { op: 'sentences'; texts: string[] }
  | { op: 'stems'; candidates: string[] }
  | { op: 'strip'; learned: string[] };

export interface TextContext {
  /** The config's boilerplate phrases, removed before cleaning. */
  phrases: string[];
}

/** The helper's cleaned texts of a chunk: the blocks it claimed (increasing) and their texts, in order. */
export interface CleanedPart {
  blocks: Int32Array;
  texts: string[];
}

/** The helper's share of boilerplate detection's sample: its tickets' sentences' keys. */
export interface SentencesPart {
  keys: Array<Array<Set<string>>>;
}

/** Its share's candidates and stems, the stems numbered in `stems` (the main thread renumbers them). */
export interface StemsPart {
  sampled: SampledSentence[][];
  stems: string[];
}

export type TextReply = CleanedPart | SentencesPart | StemsPart | StrippedPart;

// The helper thread's state between jobs (each HelperThread gets its own instance of this module, for one export): the
// texts it cleaned, kept for stripping, and its share of detection's sample.
const helper = {
  units: [] as number[],
  texts: [] as string[],
  remove: null as ((raw: string) => string) | null,
  sample: new SampleSteps(),
};

/**
 * The helper thread's side of text-threads.ts: one job, and the reply.
 * @public (the helper thread imports it by name)
 */
export function textJob(job: TextJob, { phrases }: TextContext): TextReply {
  if (job.op === 'sentences') return { keys: helper.sample.keys(job.texts) };
  if (job.op === 'stems') {
    const stemIds = new Map<string, number>();
    const sampled = helper.sample.sampled(new Map(job.candidates.map((k, id) => [k, id])), stemIds);
    return { sampled, stems: [...stemIds.keys()] };
  }
  if (job.op === 'strip') {
    const part = stripTexts(helper.units, helper.texts, new Set(job.learned));
    helper.units = [];
    helper.texts = [];
    return part;
  }
  const remove = (helper.remove ??= phraseRemover(phrases));
  const { chars, ends, count, first, next } = job.chunk;
  const raw = Buffer.from(chars);
  const blocks: number[] = [];
  const texts: string[] = [];
  forEachClaimed(
    count,
    next,
    (i) => {
      const text = prepareTicketText(remove(raw.toString('utf16le', i === 0 ? 0 : ends[i - 1], ends[i])));
      texts.push(text);
      helper.units.push(first + i);
      helper.texts.push(text);
    },
    (block) => blocks.push(block),
  );
  return { blocks: Int32Array.from(blocks), texts };
}
