// Cache keys: the SHA-1 of the normalized text, 20 raw bytes per text, packed in one Buffer.
import { createHash } from 'node:crypto';

export const KEY_BYTES = 20;

/**
 * Whitespace runs collapse and Unicode is NFC, so the same ticket re-exported with other line
 * breaks or composed/decomposed letters hits the cache. The model sees this same text.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Keys of the given (already normalized) texts, KEY_BYTES each, in order. */
export function textKeys(texts: readonly string[]): Buffer {
  const keys = Buffer.allocUnsafe(texts.length * KEY_BYTES);
  for (let i = 0; i < texts.length; i++) {
    createHash('sha1')
      .update(texts[i] as string, 'utf8')
      .digest()
      .copy(keys, i * KEY_BYTES);
  }
  return keys;
}

/** A key as a short string, for Map lookups (latin1 keeps one char per byte). */
export function keyString(keys: Buffer, index: number): string {
  return keys.toString('latin1', index * KEY_BYTES, (index + 1) * KEY_BYTES);
}
