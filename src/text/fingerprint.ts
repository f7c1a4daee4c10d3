// A short, stable fingerprint of a ticket's text, so next week's run can recognise the same text
// (a rolling window's overlap, or a template customers paste again) without storing the text itself.
import { createHash } from 'node:crypto';

/**
 * 12 hex characters of SHA-256 over the cleaned, masked text, lower-cased with whitespace collapsed:
 * 48 bits keep collisions negligible at a million tickets while the run file stays small.
 */
export function textHash(text: string): string {
  const normalized = text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  return createHash('sha256').update(normalized).digest('hex').slice(0, 12);
}
