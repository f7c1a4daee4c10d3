// Where a quoted field that never closes opens, as the CSV parser reads quotes.

/**
 * Where an unclosed quoted field opens in `text` (its line, from 1, and string index), or null when every quoted
 * field closes. Only a quote at the start of a field opens one, as in the parser; "" inside one is a quote.
 */
export function unclosedQuote(text: string, delimiter: string): { line: number; index: number } | null {
  let line = 1;
  let atFieldStart = true;
  let inQuotes = false;
  let openLine = 0;
  let openIndex = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      inQuotes = true;
      openLine = line;
      openIndex = i;
      atFieldStart = false;
    } else if (c === delimiter) atFieldStart = true;
    else if (c === '\n') {
      line++;
      atFieldStart = true;
    } else atFieldStart = false;
  }
  return inQuotes ? { line: openLine, index: openIndex } : null;
}

/** The string index of the quote that opens a never-closed field in `text`, or null when every field closes. */
export function unclosedQuoteIndex(text: string, delimiter: string): number | null {
  return unclosedQuote(text, delimiter)?.index ?? null;
}
