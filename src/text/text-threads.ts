// The text stage over a whole export (cleaning, PII masking, boilerplate), on one thread or two. What is per text
// runs on both threads (text-work.ts): cleaning and masking each distinct raw text; boilerplate detection's steps
// per sampled ticket (sentences and their keys, then candidates and content stems: half of the sample each); taking
// the learned boilerplate out of each text. What needs the whole export stays on the main thread: the sample's
// phrase statistics (which segments recur, which of them are tied to a topic, boilerplate.ts), counting what was
// removed, lining the texts up with their tickets. The helper reads the raw texts from shared memory, written there
// once per chunk, and keeps what it cleaned for stripping, so each text crosses between the threads once each way.
// The result is the same strings as on one thread (TICKETS_THREADS=1, or a small export): each text's result is
// computed by the same code from that text alone, and everything is merged in ticket order.
// Cost: O(characters) per distinct text, split over the threads, plus the sample's statistics on the main thread
// (a pass over each candidate phrase's carriers); memory: one chunk of raw texts in shared memory, the cleaned
// texts. Figures: docs/benchmarks.md, "The text stage on two threads".
import { configuredBoilerplate, phraseRemover } from '../config/boilerplate-phrases.js';
import { HelperThread, helperModule, threadsAllowed } from '../numerics/threads.js';
import type { TicketExport } from '../types.js';
import {
  removeBoilerplate,
  SampleSteps,
  type BoilerplateSummary,
  type SampledSentence,
  type StripTickets,
} from './boilerplate.js';
import { distinctTexts } from './distinct.js';
import { alignTexts, prepareExportTexts, prepareTicketText, type PreparedTexts } from './index.js';
import type { Stripped } from './segments.js';
import {
  BLOCK,
  forEachClaimed,
  rawChunk,
  stripTexts,
  type CleanedPart,
  type SentencesPart,
  type StemsPart,
  type TextReply,
  type RawChunk,
  type StrippedPart,
  type TextContext,
  type TextJob,
} from './text-work.js';

/**
 * Characters of distinct raw text below which a helper thread costs more than it saves: its start (a thread, the
 * modules) took about 0.4 CPU s at load 10, while one thread cleans about 8,000 tickets of 300 characters (2.4
 * million) in that time; StackOverflow20's 20,000 titles (1 million characters) took 0.3-0.7 CPU s on one thread.
 */
export const PARALLEL_TEXT_MIN_CHARS = 2_500_000;

/** Threads for the text stage of `chars` characters: 2 with a second core, unless TICKETS_THREADS=1 says otherwise. */
export function textThreads(chars: number, least = PARALLEL_TEXT_MIN_CHARS): number {
  if (chars < least) return 1;
  return threadsAllowed() >= 2 ? 2 : 1;
}

/** Distinct texts per cleaning job of the helper thread (their raw texts are written to shared memory). */
const CHUNK = 8192;

export interface TextStageOptions {
  /** The config's boilerplate phrases, removed from every raw text before cleaning. */
  phrases?: string[];
  /** Recognise recurring boilerplate in the export and leave it out (default true). */
  detect?: boolean;
  onProgress?: (p: { done: number; total: number }) => void;
  /** The helper thread's module and handler (a test gives one that fails). */
  helper?: { module: URL; handler: string };
  /** Characters from which a second thread is used (tests use small exports). */
  leastChars?: number;
}

export interface TextStageResult extends PreparedTexts {
  /** What boilerplate was removed from `texts`. */
  summary: BoilerplateSummary;
}

/** The text stage: cleaned, masked texts without boilerplate, aligned with the tickets that keep one. */
export function textStage(ticketExport: TicketExport, options: TextStageOptions = {}): TextStageResult {
  const least = options.leastChars ?? PARALLEL_TEXT_MIN_CHARS;
  if (
    textThreads(
      ticketExport.tickets.reduce((sum, t) => sum + t.rawText.length, 0),
      least,
    ) === 2
  ) {
    // The helper loads its modules while this thread finds the distinct texts.
    const helper = HelperThread.fromModule<TextJob, TextReply>(
      'text stage',
      options.helper?.module ?? helperModule(import.meta.url, './text-work.js'),
      options.helper?.handler ?? 'textJob',
      { phrases: options.phrases ?? [] } satisfies TextContext,
    );
    try {
      const distinct = distinctRawTexts(ticketExport.tickets);
      if (charsOf(distinct.units) >= least) return onTwoThreads(ticketExport, distinct, helper, options);
    } finally {
      helper.close();
    }
  }
  const prepared = prepareExportTexts(ticketExport, phraseRemover(options.phrases), options.onProgress);
  return { ...prepared, ...removeBoilerplate(prepared.texts, boilerplateOptions(prepared, options)) };
}

/** What removeBoilerplate is told: detect or not, and the config's phrases as they occur in the kept tickets. */
function boilerplateOptions(prepared: PreparedTexts, { detect, phrases }: TextStageOptions) {
  const raw = prepared.ticketExport.tickets.map((t) => t.rawText);
  return { detect, configured: configuredBoilerplate(raw, phrases) };
}

function charsOf(texts: readonly string[]): number {
  let chars = 0;
  for (const text of texts) chars += text.length;
  return chars;
}

interface DistinctRawTexts {
  /** Each distinct raw text once, in the order of first appearance. */
  units: string[];
  /** Per ticket, its raw text's number in `units`. */
  unitOf: Int32Array;
}

function distinctRawTexts(tickets: TicketExport['tickets']): DistinctRawTexts {
  const raw = tickets.map((t) => t.rawText);
  const { first, rows } = distinctTexts(raw);
  const unitAt = new Int32Array(raw.length);
  rows.forEach((row, unit) => (unitAt[row] = unit));
  return { units: Array.from(rows, (row) => raw[row]!), unitOf: first.map((row) => unitAt[row]!) };
}

const NOTHING_REMOVED: Stripped = { stripped: '', removed: [] };

function onTwoThreads(
  ticketExport: TicketExport,
  { units, unitOf }: DistinctRawTexts,
  helper: HelperThread<TextJob, TextReply>,
  options: TextStageOptions,
): TextStageResult {
  const { cleaned, byHelper } = cleanOnTwoThreads(units, helper, options);
  // Per text kept (as `texts` holds them), its distinct raw text's number.
  const keptUnits: number[] = [];
  const prepared = alignTexts(ticketExport, (_, i) => {
    const text = cleaned[unitOf[i]!]!;
    if (text !== '') keptUnits.push(unitOf[i]!);
    return text;
  });
  // Each thread strips the texts it cleaned: the helper still has its own, only the learned phrases go to it.
  const strip: StripTickets = (_, learned) => {
    helper.start({ op: 'strip', learned: [...learned] });
    const mine: number[] = [];
    for (let u = 0; u < units.length; u++) if (byHelper[u] === 0) mine.push(u);
    const parts = [
      stripTexts(
        mine,
        mine.map((u) => cleaned[u]!),
        learned,
      ),
      helper.finish() as StrippedPart,
    ];
    const strippedOf: Array<Stripped | undefined> = new Array(units.length);
    for (const part of parts) {
      let from = 0;
      part.units.forEach((unit, k) => {
        const removed: Array<[string, string]> = [];
        for (let r = from; r < part.removedEnds[k]!; r += 2) removed.push([part.removed[r]!, part.removed[r + 1]!]);
        from = part.removedEnds[k]!;
        strippedOf[unit] = { stripped: part.stripped[k]!, removed };
      });
    }
    return (i) => strippedOf[keptUnits[i]!] ?? NOTHING_REMOVED;
  };
  const withoutBoilerplate = removeBoilerplate(prepared.texts, boilerplateOptions(prepared, options), {
    strip,
    detection: () => detectionOnTwoThreads(helper),
  });
  return { ...prepared, ...withoutBoilerplate };
}

/** Every distinct raw text cleaned and masked, chunk by chunk, both threads claiming blocks of texts. */
function cleanOnTwoThreads(
  units: readonly string[],
  helper: HelperThread<TextJob, TextReply>,
  { phrases, onProgress }: TextStageOptions,
): { cleaned: string[]; byHelper: Uint8Array } {
  const remove = phraseRemover(phrases);
  const cleaned: string[] = new Array(units.length);
  const byHelper = new Uint8Array(units.length);
  let chunk: RawChunk | undefined;
  for (let from = 0; from < units.length; from += CHUNK) {
    const to = Math.min(units.length, from + CHUNK);
    onProgress?.({ done: from, total: units.length });
    chunk = rawChunk(units, from, to, chunk);
    helper.start({ op: 'clean', chunk });
    forEachClaimed(to - from, chunk.next, (i) => {
      cleaned[from + i] = prepareTicketText(remove(units[from + i]!));
    });
    const theirs = helper.finish() as CleanedPart;
    let k = 0;
    for (const block of theirs.blocks) {
      for (let i = block * BLOCK; i < Math.min(to - from, (block + 1) * BLOCK); i++) {
        cleaned[from + i] = theirs.texts[k++]!;
        byHelper[from + i] = 1;
      }
    }
  }
  return { cleaned, byHelper };
}

/**
 * Boilerplate detection's per-ticket steps over the sample: the helper takes its second half (the texts are
 * copied to it, 20,000 at most), this thread the first, and the halves are put back in sample order.
 * @internal (exported for its test)
 */
export function detectionOnTwoThreads(helper: HelperThread<TextJob, TextReply>): Pick<SampleSteps, 'keys' | 'sampled'> {
  const mine = new SampleSteps();
  return {
    keys(texts) {
      const half = Math.ceil(texts.length / 2);
      helper.start({ op: 'sentences', texts: texts.slice(half) });
      const first = mine.keys(texts.slice(0, half));
      return first.concat((helper.finish() as SentencesPart).keys);
    },
    sampled(candidateId, stemIds) {
      helper.start({ op: 'stems', candidates: [...candidateId.keys()] });
      const first = mine.sampled(candidateId, stemIds);
      const theirs = helper.finish() as StemsPart;
      // The helper's stems, numbered as this thread numbers them (new ones after its own).
      const renumbered = Int32Array.from(theirs.stems, (s) => {
        let id = stemIds.get(s);
        if (id === undefined) stemIds.set(s, (id = stemIds.size));
        return id;
      });
      const second = theirs.sampled.map((ticket) =>
        ticket.map((s): SampledSentence => ({
          candidates: s.candidates,
          stems: s.stems.map((id) => renumbered[id]!),
          residual: s.residual.map((id) => renumbered[id]!),
        })),
      );
      return first.concat(second);
    },
  };
}
