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

/** Which raw texts carry some configured phrase, and how many carry each: the report counts them as boilerplate. */
export function configuredBoilerplate(
  rawTexts: readonly string[],
  phrases: readonly string[] | undefined,
): { carried: boolean[]; phrases: Array<{ text: string; tickets: number }> } {
  const usable = (phrases ?? []).filter((p) => p.trim() !== '');
  const carried = rawTexts.map(() => false);
  const counted = usable.map((phrase) => {
    const remove = phraseRemover([phrase]);
    let tickets = 0;
    rawTexts.forEach((text, i) => {
      if (remove(text) === text) return;
      carried[i] = true;
      tickets++;
    });
    return { text: phrase.trim(), tickets };
  });
  return { carried, phrases: counted };
}
