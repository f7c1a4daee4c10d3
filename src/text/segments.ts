// The segments of a ticket's text (lines, sentences, clauses, as written) and the text without some of them: how
// boilerplate is found (boilerplate.ts) and taken out of each ticket. Cost: O(characters) per text, one segmentKey
// per sentence and per clause.
import { segmentKey } from './segment-key.js';

const SENTENCE_SPLIT = /(?<=[.!?…])\s+/;
const CLAUSE_SPLIT = /(?<=[,;:])\s+|\s+[—–-]\s+/;
/** Lines → sentences → clauses, as written (each piece keeps its own punctuation). */
export function sentencesOf(line: string): string[] {
  return line.split(SENTENCE_SPLIT).filter((s) => s.trim() !== '');
}
export function clausesOf(sentence: string): string[] {
  return sentence.split(CLAUSE_SPLIT).filter((s) => s.trim() !== '');
}

/** The text without the segments `drop` accepts (each removed piece goes to `onRemoved`); "" when nothing is left. */
export function withoutSegments(
  text: string,
  drop: (key: string) => boolean,
  onRemoved?: (key: string, piece: string) => void,
): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const kept: string[] = [];
    for (const sentence of sentencesOf(line)) {
      const key = segmentKey(sentence);
      if (key && drop(key)) {
        onRemoved?.(key, sentence);
        continue;
      }
      const clauses = clausesOf(sentence);
      const keptClauses = clauses.filter((c) => {
        const k = segmentKey(c);
        if (!k || !drop(k)) return true;
        onRemoved?.(k, c);
        return false;
      });
      if (keptClauses.length === clauses.length) kept.push(sentence);
      else if (keptClauses.length > 0) kept.push(keptClauses.join(' '));
    }
    if (kept.length > 0) lines.push(kept.join(' '));
  }
  return lines.join('\n').trim();
}

/** A text without its learned boilerplate, and the pieces removed (their key and as written), in text order. */
export interface Stripped {
  stripped: string;
  removed: Array<[string, string]>;
}

/** `text` without the segments whose key is in `learned`. */
export function stripBoilerplate(text: string, learned: ReadonlySet<string>): Stripped {
  const removed: Array<[string, string]> = [];
  const stripped = withoutSegments(
    text,
    (key) => learned.has(key),
    (key, piece) => removed.push([key, piece]),
  );
  return { stripped, removed };
}
