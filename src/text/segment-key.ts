// Segment keys: how a sentence or clause of a ticket is compared with the same formula elsewhere (case,
// ё, digits and punctuation folded, masks kept). Every segment of every ticket gets one, so the common case
// (no masks) is one pass over the characters.
const MASK_TOKEN = /\[(?:email|phone|card|account|url)\]/g;

/**
 * A segment's key: lower case, ё → е, digits → 0, punctuation dropped, masks kept ("номер карты [card]").
 * Returns "" for a segment with no letters (nothing to learn from).
 */
export function segmentKey(segment: string): string {
  let s = segment.toLowerCase();
  // Every sentence and clause of every ticket gets a key: without masks, one pass over the characters.
  if (s.indexOf('[') < 0) return plainKey(s);
  s = s.replace(/ё/g, 'е');
  // Masks survive the punctuation sweep in brackets no ticket text uses.
  s = s.replace(MASK_TOKEN, (m) => ` ⟦${m.slice(1, -1)}⟧ `);
  s = s
    .replace(/\d+/g, '0')
    .replace(/[^\p{L}\p{N}⟦⟧]+/gu, ' ')
    .trim()
    .replace(/⟦(\p{L}+)⟧/gu, '[$1]');
  return /\p{L}/u.test(s) ? s : '';
}

// Classes of UTF-16 code units met so far: 0 not yet known, 1 letter, 2 other number, 3 anything else.
const LETTER = 1;
const NUMBER = 2;
const OTHER = 3;
const unitClass = new Uint8Array(65536);
const LETTER_RE = /\p{L}/u;
const NUMBER_RE = /\p{N}/u;

function classOf(char: string): number {
  return LETTER_RE.test(char) ? LETTER : NUMBER_RE.test(char) ? NUMBER : OTHER;
}

/**
 * segmentKey of a lower-cased segment without masks in one pass: what the regex steps above give, exactly
 * (they were most of the boilerplate stage's time on a large export; test/text/boilerplate.test.ts compares).
 */
function plainKey(s: string): string {
  let out = '';
  let run = 0; // 1 inside a digit run, 2 inside a run of other characters
  let letters = false;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0x30 && unit <= 0x39) {
      if (run !== 1) out += '0';
      run = 1;
      continue;
    }
    let kind: number;
    let char: string;
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const low = s.charCodeAt(i + 1);
      char = low >= 0xdc00 && low <= 0xdfff ? s.slice(i, i + 2) : s[i]!;
      kind = classOf(char);
    } else {
      char = s[i]!;
      kind = unitClass[unit]!;
      if (kind === 0) kind = unitClass[unit] = unit === 0x27e6 || unit === 0x27e7 ? NUMBER : classOf(char);
    }
    if (kind === OTHER) {
      if (run !== 2) out += ' ';
      run = 2;
    } else {
      if (kind === LETTER) letters = true;
      out += unit === 0x451 ? 'е' : char;
      run = 0;
    }
    i += char.length - 1;
  }
  return letters ? out.trim() : '';
}
