// The language the tickets are written in, for the report's words: Russian when most tickets are Russian.

/** "ru" when more than half of the tickets with letters are mostly Cyrillic, else "en". */
export function detectLanguage(texts: readonly string[]): 'ru' | 'en' {
  let russian = 0;
  let withLetters = 0;
  for (const text of texts) {
    const cyrillic = (text.match(/[\u0400-\u04ff]/g) ?? []).length;
    const latin = (text.match(/[a-z]/gi) ?? []).length;
    if (cyrillic + latin === 0) continue;
    withLetters++;
    if (cyrillic >= latin) russian++;
  }
  return russian * 2 > withLetters ? 'ru' : 'en';
}
