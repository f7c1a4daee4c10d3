// Texts repeated word for word (forms, alerts, one complaint pasted many times): the stages that cost per text
// (boilerplate stripping, the embedding's projection) do each distinct text once. O(n) with one map of the texts.

/** Each text's first row (`first[i] = i` for a text not seen before) and those first rows in order. */
export function distinctTexts(texts: readonly string[]): { first: Int32Array; rows: Int32Array } {
  const first = new Int32Array(texts.length);
  const seen = new Map<string, number>();
  let distinct = 0;
  for (let i = 0; i < texts.length; i++) {
    const at = seen.get(texts[i]);
    if (at === undefined) {
      seen.set(texts[i], i);
      first[i] = i;
      distinct++;
    } else first[i] = at;
  }
  const rows = new Int32Array(distinct);
  for (let i = 0, r = 0; i < texts.length; i++) if (first[i] === i) rows[r++] = i;
  return { first, rows };
}
