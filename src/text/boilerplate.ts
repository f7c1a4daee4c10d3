// Boilerplate: lines and phrases that recur across many tickets whatever their topic (greetings,
// "Спасибо, жду ответа", signatures, "Отправлено с iPhone", auto subjects such as "Обращение с сайта",
// the words left around masked data such as "Номер карты [card]"). They are learned from the export
// itself and kept out of the embedding input and the labels, or they become clusters of their own.
import { contentWords } from './tokens.js';
import { distinctTexts } from './distinct.js';
import { segmentKey } from './segment-key.js';
import { clausesOf, sentencesOf, stripBoilerplate, withoutSegments, type Stripped } from './segments.js';
import { stem } from './stem.js';

export { segmentKey } from './segment-key.js';

export interface BoilerplateOptions {
  /** Learn recurring boilerplate from the export (default true). */
  detect?: boolean;
  /** The config's phrases, already removed from the raw texts: which tickets carried them, to count too. */
  configured?: { carried: readonly boolean[]; phrases: BoilerplatePhrase[] };
}

export interface BoilerplatePhrase {
  /** The most frequent way the tickets write it, e.g. "С уважением, Ирина". */
  text: string;
  /** Tickets that carried it. */
  tickets: number;
}

export interface BoilerplateSummary {
  /** Tickets from which some boilerplate was removed. */
  tickets: number;
  /** The phrases removed, most frequent first (at most 20 listed). */
  phrases: BoilerplatePhrase[];
}

export interface BoilerplateResult {
  /** The texts without boilerplate; a ticket that is nothing but boilerplate keeps its text. */
  texts: string[];
  summary: BoilerplateSummary;
}

// Detection reads an evenly spread sample: boilerplate recurs, so 20,000 tickets find it on any export.
const SAMPLE = 20_000;
// A phrase must be in at least 1% of the tickets (and 10) to count as recurring: "many tickets".
const MIN_SHARE = 0.01;
const MIN_TICKETS = 10;
// Longer segments are sentences a customer wrote, not formulas.
const MAX_WORDS = 8;
const MAX_CHARS = 90;
// Topic test: a word of the rest of the carriers' text that is this much more common among them than
// in the export (and in this share of them, and this many standard deviations off chance) ties the
// phrase to a topic ("Промокод не применяется" as a subject), so it stays.
const TOPIC_LIFT = 2.5;
const TOPIC_SHARE = 1 / 3;
// Over the whole text, other boilerplate planted on the same tickets lifts a word up to about 1 / its
// share (2.5 when 40% carry some), so the bar there is higher.
const FULL_TOPIC_LIFT = 4;
const TOPIC_Z = 3;
// Concentration test: when most of what the carriers write besides the segment (counted over stems
// common in the sample) is at least this much likelier among them than among the other tickets, the
// carriers are one topic. It catches a topic so large (a third of the export, its sentences templated
// by a form) that its words are common everywhere and no single word passes the lift tests above, and a
// formula planted beside a few other formulas still fails it: those are a small part of its carriers' words.
const CONCENTRATED_LIFT = 2;
const CONCENTRATED_SHARE = 0.5;
const LISTED = 20;

function isShort(segment: string, key: string): boolean {
  return segment.length <= MAX_CHARS && key.split(' ').length <= MAX_WORDS;
}

function sampleIndices(count: number): number[] {
  if (count <= SAMPLE) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: SAMPLE }, (_, k) => Math.floor((k * count) / SAMPLE));
}

/** One sentence of a sampled ticket: its candidate segments, its content stems, and those outside frequent segments. */
export interface SampledSentence {
  candidates: number[];
  stems: Int32Array;
  residual: Int32Array;
}

function sentenceKeys(sentence: string): Set<string> {
  const keys = new Set<string>();
  const key = segmentKey(sentence);
  if (key && isShort(sentence, key)) keys.add(key);
  const clauses = clausesOf(sentence);
  if (clauses.length === 1) return keys;
  for (const clause of clauses) {
    const k = segmentKey(clause);
    // A lone "пожалуйста" inside a sentence is a stop word already, not a formula worth listing.
    if (k && isShort(clause, k) && contentWords(clause).length > 0) keys.add(k);
  }
  return keys;
}

/**
 * The per-ticket steps of detection over the sampled texts, as one thread does them: each ticket's sentences and
 * their segment keys, then (once the candidates are known) their candidates and content stems. text-threads.ts
 * splits the sample between two of these.
 */
export class SampleSteps {
  private sentences: Array<Array<{ sentence: string; keys: Set<string> }>> = [];

  /** Per ticket, its sentences' segment keys (kept, with the sentences, for `sampled`). */
  keys(texts: readonly string[]): Array<Array<Set<string>>> {
    this.sentences = texts.map((text) =>
      text
        .split('\n')
        .flatMap(sentencesOf)
        .map((sentence) => ({ sentence, keys: sentenceKeys(sentence) })),
    );
    return this.sentences.map((ticket) => ticket.map((s) => s.keys));
  }

  /** Per ticket, its sentences' candidates and stems (numbered in `stemIds`, which gets the stems not in it yet). */
  sampled(candidateId: ReadonlyMap<string, number>, stemIds: Map<string, number>): SampledSentence[][] {
    const stemsOf = (text: string): Int32Array => {
      const ids = new Set<number>();
      for (const word of contentWords(text)) {
        const s = stem(word);
        let id = stemIds.get(s);
        if (id === undefined) stemIds.set(s, (id = stemIds.size));
        ids.add(id);
      }
      return Int32Array.from(ids);
    };
    return this.sentences.map((ticket) =>
      ticket.map(({ sentence, keys }) => ({
        candidates: [...keys].flatMap((k) => candidateId.get(k) ?? []),
        stems: stemsOf(sentence),
        // In real exports topic sentences rarely recur verbatim, so the words outside every frequent
        // segment are the cleanest evidence of a topic; templated exports need the whole text too.
        residual: stemsOf(withoutSegments(sentence, (k) => candidateId.has(k))),
      })),
    );
  }
}

/**
 * Keys of the recurring segments that carry no topic. A frequent segment is a candidate; it stays
 * (is topical) when the other sentences of the tickets that carry it share some word far more often
 * than the export at large does, or when it is mostly the whole ticket. Which stem gets which number
 * changes nothing: every test below is per stem, or a sum of whole counts.
 */
export function detectBoilerplate(
  texts: readonly string[],
  steps: Pick<SampleSteps, 'keys' | 'sampled'> = new SampleSteps(),
): Set<string> {
  const sample = sampleIndices(texts.length);
  const n = sample.length;
  const minTickets = Math.max(MIN_TICKETS, Math.ceil(n * MIN_SHARE));
  const keys = steps.keys(sample.map((i) => texts[i]!));
  const frequency = new Map<string, number>();
  for (const ticket of keys) {
    for (const k of new Set(ticket.flatMap((s) => [...s]))) frequency.set(k, (frequency.get(k) ?? 0) + 1);
  }
  const candidateKeys = [...frequency].filter(([, count]) => count >= minTickets).map(([k]) => k);
  if (candidateKeys.length === 0) return new Set();
  const candidateId = new Map(candidateKeys.map((k, id) => [k, id]));
  const stemIds = new Map<string, number>();
  const sampled = steps.sampled(candidateId, stemIds);
  const counter = new StemCounter(stemIds.size);
  const ticketsWith = (pick: (s: SampledSentence) => Int32Array): Int32Array => {
    for (const ticket of sampled) counter.addTicket(ticket, null, pick);
    return counter.takeCounts();
  };
  const residualShare = ticketsWith((s) => s.residual);
  const fullShare = ticketsWith((s) => s.stems);

  const carriers = candidateKeys.map((): number[] => []);
  sampled.forEach((ticket, j) => {
    for (const c of new Set(ticket.flatMap((s) => s.candidates))) carriers[c].push(j);
  });
  const together = blocks(sampled, carriers);
  const boilerplate = new Set<string>();
  carriers.forEach((list, c) => {
    // The other sentences of each carrier: siblings in one sentence are one formula, not a topic, and so
    // are segments that always come with this one (one template: "Номер карты [card]" + "Жду ответа").
    const leaveOut = together[c]!;
    for (const j of list) counter.addTicket(sampled[j], leaveOut, (s) => s.residual);
    const residualCounts = counter.takeCounts();
    let withRest = 0;
    for (const j of list) if (counter.addTicket(sampled[j], leaveOut, (s) => s.stems)) withRest++;
    const fullCounts = counter.takeCounts();
    for (const j of list) counter.addTicket(sampled[j], null, (s) => s.stems);
    const carriersWith = counter.takeCounts();
    if (withRest * 2 < list.length) return; // mostly the whole ticket: a short topic, not a formula
    const topical =
      tiedToTopic(residualCounts, list.length, residualShare, n, TOPIC_LIFT) ||
      tiedToTopic(fullCounts, list.length, fullShare, n, FULL_TOPIC_LIFT) ||
      concentrated(fullCounts, carriersWith, list.length, fullShare, n, minTickets);
    if (!topical) boilerplate.add(candidateKeys[c]);
  });
  return boilerplate;
}

// Two segments whose carriers are mostly the same tickets are one block of text.
const SAME_BLOCK = 0.8;

/** Per candidate: itself and the candidates that nearly always come on the same tickets. */
function blocks(sampled: readonly SampledSentence[][], carriers: readonly number[][]): Array<Set<number>> {
  const both = new Map<number, number>();
  const size = carriers.length;
  for (const ticket of sampled) {
    const present = [...new Set(ticket.flatMap((s) => s.candidates))];
    for (let a = 0; a < present.length; a++) {
      for (let b = a + 1; b < present.length; b++) {
        const [x, y] = present[a]! < present[b]! ? [present[a]!, present[b]!] : [present[b]!, present[a]!];
        both.set(x * size + y, (both.get(x * size + y) ?? 0) + 1);
      }
    }
  }
  const result = carriers.map((_, c) => new Set([c]));
  for (const [pair, count] of both) {
    const x = Math.floor(pair / size);
    const y = pair % size;
    if (count >= SAME_BLOCK * Math.max(carriers[x]!.length, carriers[y]!.length)) {
      result[x]!.add(y);
      result[y]!.add(x);
    }
  }
  return result;
}

/** Counts, per stem, the tickets containing it; typed arrays because every candidate recounts its carriers. */
class StemCounter {
  private counts: Int32Array;
  private lastTicket: Int32Array;
  private ticket = 0;
  constructor(size: number) {
    this.counts = new Int32Array(size);
    this.lastTicket = new Int32Array(size).fill(-1);
  }
  /** Adds one ticket's stems, leaving out its sentences that hold a candidate of `leaveOut`; true when it added any. */
  addTicket(
    sentences: readonly SampledSentence[],
    leaveOut: ReadonlySet<number> | null,
    pick: (s: SampledSentence) => Int32Array,
  ): boolean {
    const t = this.ticket++;
    let any = false;
    for (const sentence of sentences) {
      if (leaveOut && sentence.candidates.some((c) => leaveOut.has(c))) continue;
      for (const s of pick(sentence)) {
        if (this.lastTicket[s] === t) continue;
        this.lastTicket[s] = t;
        this.counts[s]++;
        any = true;
      }
    }
    return any;
  }
  /** The counts so far, and a fresh start. */
  takeCounts(): Int32Array {
    const counts = this.counts;
    this.counts = new Int32Array(counts.length);
    return counts;
  }
}

/**
 * Whether some stem is in a fair share of the `carriers` tickets, `lift` times more often than in the
 * sample and well beyond chance (binomial z-score).
 */
function tiedToTopic(
  counts: Int32Array,
  carriers: number,
  ticketsWith: Int32Array,
  sampleSize: number,
  lift: number,
): boolean {
  const least = Math.max(3, TOPIC_SHARE * carriers);
  for (let s = 0; s < counts.length; s++) {
    const k = counts[s];
    if (k < least) continue;
    const p = ticketsWith[s] / sampleSize;
    const expected = carriers * p;
    const z = (k - expected) / Math.sqrt(Math.max(expected * (1 - p), 1e-9));
    if (k >= lift * expected && z >= TOPIC_Z) return true;
  }
  return false;
}

/**
 * Whether most of the carriers' occurrences of common stems (in `common` tickets of the sample or more)
 * outside the segment are of stems CONCENTRATED_LIFT times likelier among the carriers than among the
 * other tickets, beyond chance (`counts`: carriers with the stem outside the segment; `carriersWith`: anywhere).
 */
function concentrated(
  counts: Int32Array,
  carriersWith: Int32Array,
  carriers: number,
  ticketsWith: Int32Array,
  sampleSize: number,
  common: number,
): boolean {
  const others = sampleSize - carriers;
  if (others <= 0) return false;
  let mass = 0;
  let lifted = 0;
  for (let s = 0; s < counts.length; s++) {
    const k = counts[s];
    if (k === 0 || ticketsWith[s] < common) continue;
    mass += k;
    const elsewhere = (ticketsWith[s] - carriersWith[s]) / others;
    const expected = carriers * elsewhere;
    const z = (k - expected) / Math.sqrt(Math.max(expected * (1 - elsewhere), 1e-9));
    if (k >= CONCENTRATED_LIFT * expected && z >= TOPIC_Z) lifted += k;
  }
  return mass > 0 && lifted >= CONCENTRATED_SHARE * mass;
}

/** Per ticket (its index in `texts`), its text without the `learned` boilerplate. */
export type StripTickets = (texts: readonly string[], learned: ReadonlySet<string>) => (i: number) => Stripped;

/**
 * On one thread: exports repeat texts word for word (forms, alerts), so each distinct text is stripped once, and
 * its removed pieces are counted again for every ticket that has it.
 */
export const stripEachDistinct: StripTickets = (texts, learned) => {
  const { first } = distinctTexts(texts);
  const strippedAt: Stripped[] = [];
  return (i) => (strippedAt[first[i]!] ??= stripBoilerplate(texts[first[i]!]!, learned));
};

/** How the per-ticket work runs: on one thread by default; text-threads.ts splits it between two. */
export interface BoilerplateWork {
  strip: StripTickets;
  detection: () => Pick<SampleSteps, 'keys' | 'sampled'>;
}

const ON_ONE_THREAD: BoilerplateWork = { strip: stripEachDistinct, detection: () => new SampleSteps() };

/** Removes learned and configured boilerplate from every ticket and says what was removed. */
export function removeBoilerplate(
  texts: readonly string[],
  options: BoilerplateOptions = {},
  work: BoilerplateWork = ON_ONE_THREAD,
): BoilerplateResult {
  const learned = options.detect === false ? new Set<string>() : detectBoilerplate(texts, work.detection());
  const carried = new Map<string, { tickets: number; forms: Map<string, number> }>();
  const note = (key: string, form: string, seen: Set<string>): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const entry = carried.get(key) ?? carried.set(key, { tickets: 0, forms: new Map() }).get(key)!;
    entry.tickets++;
    const surface = form.trim().replace(/[\s,.;:!]+$/, '');
    entry.forms.set(surface, (entry.forms.get(surface) ?? 0) + 1);
  };

  let tickets = 0;
  const stripped = learned.size > 0 ? work.strip(texts, learned) : null;
  const result = texts.map((text, i) => {
    const seen = new Set<string>();
    const configured = options.configured?.carried[i] === true;
    const done = stripped?.(i);
    for (const [key, piece] of done?.removed ?? []) note(key, piece, seen);
    if (seen.size === 0 && !configured) return text;
    tickets++;
    if (seen.size === 0) return text;
    const trimmed = done!.stripped.trim();
    // Nothing but boilerplate ("Спасибо!"): the ticket keeps its words, or it would have none.
    return trimmed === '' ? text : trimmed;
  });

  const phrases = [...carried.values()]
    .map(({ tickets: count, forms }) => ({ text: mostFrequent(forms), tickets: count }))
    .concat(options.configured?.phrases.filter((p) => p.tickets > 0) ?? [])
    .sort((a, b) => b.tickets - a.tickets || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, LISTED);
  return { texts: result, summary: { tickets, phrases } };
}

function mostFrequent(forms: Map<string, number>): string {
  let best = '';
  let bestCount = -1;
  for (const [form, count] of forms) {
    if (count > bestCount || (count === bestCount && form < best)) {
      best = form;
      bestCount = count;
    }
  }
  return best;
}
