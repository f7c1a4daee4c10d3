// Where a quoted field that never closes opens, as the CSV parser reads quotes.

/**
 * Where an unclosed quoted field opens (line and string index), scanning from the line after
 * `afterLine` (the end of the last good record). Only a quote at the start of a field opens one, as in the parser.
 */
export function unclosedQuote(
  text: string,
  delimiter: string,
  afterLine: number,
): { line: number; index: number } | null {
  let line = 1;
  let i = 0;
  while (line <= afterLine && i < text.length) {
    const nl = text.indexOf('\n', i);
    if (nl < 0) return null;
    i = nl + 1;
    line++;
  }
  let atFieldStart = true;
  let inQuotes = false;
  let openLine: number | null = null;
  let openIndex = 0;
  for (; i < text.length; i++) {
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
  return inQuotes && openLine !== null ? { line: openLine, index: openIndex } : null;
}

/** The string index of the quote that opens a never-closed field in `text`, or null when every field closes. */
export function unclosedQuoteIndex(text: string, delimiter: string): number | null {
  return unclosedQuote(text, delimiter, 0)?.index ?? null;
}

/** The line where an unclosed quoted field opens (see unclosedQuote). */
export function unclosedQuoteLine(text: string, delimiter: string, afterLine: number): number | null {
  return unclosedQuote(text, delimiter, afterLine)?.line ?? null;
}
