// Text preparation for the pipeline: clean first (HTML, quotes, signatures), then mask personal data.
import { cleanTicketText } from './clean.js';
import { maskPii } from './pii.js';

/** Cleaned, PII-masked ticket text: what gets embedded, labeled and shown in reports. */
export function prepareTicketText(raw: string): string {
  return maskPii(cleanTicketText(raw));
}
