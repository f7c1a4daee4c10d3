// The text stage over a whole export (cleaning, PII masking, boilerplate), on one thread or two. What is per text
// runs on both threads (text-work.ts): cleaning and masking each distinct raw text, then taking the learned
// boilerplate out of it; what needs the whole export stays on the main thread between the two: learning the
// boilerplate (its phrase statistics over a sample of 20,000 tickets, boilerplate.ts), counting what was removed,
// lining the texts up with their tickets. The helper reads the raw texts from shared memory, written there once
// per chunk, and keeps what it cleaned for stripping, so each text crosses between the threads once each way.
// The result is the same strings as on one thread (TICKETS_THREADS=1, or a small export): each text's result is
// computed by the same code from that text alone, and everything is merged in ticket order.
// Cost: O(characters) per distinct text, split over the threads, plus the sample's statistics, on the main thread
// (about 3 CPU s at 20,000 sampled tickets); memory: one chunk of raw texts in shared memory, the cleaned texts.
import { configuredBoilerplate, phraseRemover } from '../config/boilerplate-phrases.js';
import { HelperThread, helperModule, threadsAllowed } from '../numerics/threads.js';
import type { TicketExport } from '../types.js';
import { removeBoilerplate, type BoilerplateSummary, type StripTickets } from './boilerplate.js';
import { alignTexts, prepareExportTexts, prepareTicketText, type PreparedTexts } from './index.js';
import type { Stripped } from './segments.js';
import {
  BLOCK,
  forEachClaimed,
  rawChunk,
  stripTexts,
  type CleanedPart,
  type RawChunk,
  type StrippedPart,
  type TextContext,
  type TextJob,
} from './text-work.js';

/** Distinct texts below which a helper thread costs more than it saves (its start: a thread and the modules). */
export const PARALLEL_TEXT_MIN_TEXTS = 8000;

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
}

export interface TextStageResult extends PreparedTexts {
  /** What boilerplate was removed from `texts`. */
  summary: BoilerplateSummary;
}

/** The text stage: cleaned, masked texts without boilerplate, aligned with the tickets that keep one. */
export function textStage(ticketExport: TicketExport, options: TextStageOptions = {}): TextStageResult {
  if (ticketExport.tickets.length >= PARALLEL_TEXT_MIN_TEXTS && threadsAllowed() >= 2) {
    // The helper loads its modules while this thread finds the distinct texts.
    const helper = HelperThread.fromModule<TextJob, CleanedPart | StrippedPart>(
      'text stage',
      options.helper?.module ?? helperModule(import.meta.url, './text-work.js'),
      options.helper?.handler ?? 'textJob',
      { phrases: options.phrases ?? [] } satisfies TextContext,
    );
    try {
      const distinct = distinctRawTexts(ticketExport.tickets);
      if (distinct.units.length >= PARALLEL_TEXT_MIN_TEXTS)
        return onTwoThreads(ticketExport, distinct, helper, options);
    } finally {
      helper.close();
    }
  }
  const prepared = prepareExportTexts(ticketExport, phraseRemover(options.phrases), options.onProgress);
  const raw = prepared.ticketExport.tickets.map((t) => t.rawText);
  const cleaned = removeBoilerplate(prepared.texts, {
    detect: options.detect,
    configured: configuredBoilerplate(raw, options.phrases),
  });
  return { ...prepared, ...cleaned };
}

interface DistinctRawTexts {
  /** Each distinct raw text once, in the order of first appearance. */
  units: string[];
  /** Per ticket, its raw text's number in `units`. */
  unitOf: Int32Array;
}

function distinctRawTexts(tickets: TicketExport['tickets']): DistinctRawTexts {
  const numberOf = new Map<string, number>();
  const units: string[] = [];
  const unitOf = new Int32Array(tickets.length);
  tickets.forEach((ticket, i) => {
    let unit = numberOf.get(ticket.rawText);
    if (unit === undefined) {
      numberOf.set(ticket.rawText, (unit = units.length));
      units.push(ticket.rawText);
    }
    unitOf[i] = unit;
  });
  return { units, unitOf };
}

const NOTHING_REMOVED: Stripped = { stripped: '', removed: [] };

function onTwoThreads(
  ticketExport: TicketExport,
  { units, unitOf }: DistinctRawTexts,
  helper: HelperThread<TextJob, CleanedPart | StrippedPart>,
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
  const raw = prepared.ticketExport.tickets.map((t) => t.rawText);
  const withoutBoilerplate = removeBoilerplate(
    prepared.texts,
    { detect: options.detect, configured: configuredBoilerplate(raw, options.phrases) },
    strip,
  );
  return { ...prepared, ...withoutBoilerplate };
}

/** Every distinct raw text cleaned and masked, chunk by chunk, both threads claiming blocks of texts. */
function cleanOnTwoThreads(
  units: readonly string[],
  helper: HelperThread<TextJob, CleanedPart | StrippedPart>,
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
