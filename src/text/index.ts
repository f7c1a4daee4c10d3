// Text preparation for the pipeline: clean first (HTML, quotes, signatures), then mask personal data.
// Cost: O(characters) per distinct raw text (regex passes), O(1) per repeat (one map lookup); memory: the
// cleaned texts, one string per distinct text, and the map while the stage runs. (text-threads.ts runs the
// whole text stage, this and boilerplate, on two threads for a large export.)
import type { SkippedRow, TicketExport } from '../types.js';
import { MAX_TEXT_CHARS, cleanTicketText } from './clean.js';
import { maskPii } from './pii.js';

/** Cleaned, PII-masked ticket text: what gets embedded, labeled and shown in reports. */
export function prepareTicketText(raw: string): string {
  return maskPii(cleanTicketText(raw));
}

/** The text stage's texts: cleaned, masked, aligned with the tickets that keep one. */
export interface PreparedTexts {
  ticketExport: TicketExport;
  texts: string[];
  /** Texts longer than MAX_TEXT_CHARS, read up to that length. */
  cut: number;
}

/**
 * The text stage over a whole export: cleaned, masked texts aligned with the tickets that keep one.
 * A ticket whose text cleans down to nothing (only markup, only a quote marker) becomes a skipped
 * row "empty text", like a blank cell; `cut` counts texts longer than MAX_TEXT_CHARS.
 */
export function prepareExportTexts(
  ticketExport: TicketExport,
  beforeCleaning: (raw: string) => string = (raw) => raw,
  onProgress?: (p: { done: number; total: number }) => void,
): PreparedTexts {
  // Exports repeat texts word for word (forms, auto-replies, "где мой заказ?"): each distinct one is cleaned
  // once, and its repeats share that one string (less memory in every later stage too).
  const cleanedOf = new Map<string, string>();
  return alignTexts(
    ticketExport,
    (ticket) => {
      let text = cleanedOf.get(ticket.rawText);
      if (text === undefined) {
        text = prepareTicketText(beforeCleaning(ticket.rawText));
        cleanedOf.set(ticket.rawText, text);
      }
      return text;
    },
    onProgress,
  );
}

/** The tickets with a text (`textOf` each, in ticket order), the others skipped as "empty text". */
export function alignTexts(
  ticketExport: TicketExport,
  textOf: (ticket: TicketExport['tickets'][number], index: number) => string,
  onProgress?: (p: { done: number; total: number }) => void,
): PreparedTexts {
  const texts: string[] = [];
  const tickets: TicketExport['tickets'] = [];
  const emptied: SkippedRow[] = [];
  let cut = 0;
  const total = ticketExport.tickets.length;
  ticketExport.tickets.forEach((ticket, index) => {
    if (onProgress && (texts.length + emptied.length) % 4096 === 0)
      onProgress({ done: texts.length + emptied.length, total });
    if (ticket.rawText.length > MAX_TEXT_CHARS) cut++;
    const text = textOf(ticket, index);
    if (text === '') emptied.push({ id: ticket.id, line: ticket.line, reason: 'empty text' });
    else {
      tickets.push(ticket);
      texts.push(text);
    }
  });
  if (emptied.length === 0) return { ticketExport, texts, cut };
  const skipped = [...ticketExport.skipped, ...emptied].sort((a, b) => a.line - b.line);
  return { ticketExport: { ...ticketExport, tickets, skipped }, texts, cut };
}
