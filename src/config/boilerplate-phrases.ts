// The config's own boilerplate phrases ("Спасибо за обращение в компанию Ромашка"), removed from ticket text before
// cleaning so they do not pull unrelated tickets together. Case-insensitive; ё matches е.

function pattern(phrase: string): string {
  return phrase
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/[её]/gi, '[её]')
    .replace(/\s+/g, '\\s+');
}

/** A function removing every phrase, or the identity when there are none. */
export function phraseRemover(phrases: readonly string[] | undefined): (text: string) => string {
  const usable = (phrases ?? []).filter((p) => p.trim() !== '');
  if (usable.length === 0) return (text) => text;
  // Longest first, so a phrase that contains another is removed whole.
  const re = new RegExp(
    [...usable]
      .sort((a, b) => b.length - a.length)
      .map(pattern)
      .join('|'),
    'giu',
  );
  return (text) => text.replace(re, ' ');
}
