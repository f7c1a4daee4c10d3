// Turns a raw ticket body into the words the customer wrote: HTML to text, quoted replies and
// signatures trimmed, whitespace normalized. Trimming only happens when something real remains.

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  sbquo: '‚',
  bdquo: '„',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  bull: '•',
  middot: '·',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  rub: '₽',
  deg: '°',
  times: '×',
  divide: '÷',
  plusmn: '±',
  para: '¶',
  sect: '§',
  shy: '',
  zwnj: '',
  zwj: '',
  lrm: '',
  rlm: '',
  numero: '№',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  iexcl: '¡',
  iquest: '¿',
};

/** Decodes named (&amp;), decimal (&#39;) and hex (&#x27;) character references. */
export function decodeEntities(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : ' ';
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

// Only real HTML tag names count, so "List<T>" or "<acc_num>" placeholders stay text.
const HTML_TAG_NAMES =
  'a|abbr|b|blockquote|body|br|center|code|div|em|font|h[1-6]|head|hr|html|i|img|li|meta|ol|p|pre|s|section' +
  '|small|span|strong|style|script|sub|sup|table|tbody|td|th|thead|title|tr|u|ul|article|header|footer|dd|dl|dt' +
  '|o:p|link|base|wbr|label|input|button|form';
const HTML_HINT = new RegExp(`<\\/?(?:${HTML_TAG_NAMES})(?:\\s[^<>]*)?\\/?>|<!--|<!doctype`, 'i');
const HTML_TAG = new RegExp(`<\\/?(?:${HTML_TAG_NAMES})(?:\\s[^<>]*)?\\/?>`, 'gi');
const BLOCK_TAGS =
  /<\/?(?:p|div|li|ul|ol|tr|table|h[1-6]|blockquote|section|article|header|footer|pre|dd|dt|hr)\b[^>]*>/gi;

/** True when the text carries HTML markup rather than a stray "<". */
export function looksLikeHtml(text: string): boolean {
  return text.indexOf('<') >= 0 && HTML_HINT.test(text);
}

/** HTML to plain text: tags stripped, script/style/quoted-reply blocks dropped, block tags and <br> as line breaks. */
export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, ' ').replace(/<(script|style|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ');
  // A quoted reply in a mail client's HTML; kept when it is all there is.
  const withoutQuotes = s
    .replace(/<blockquote\b[^>]*>[\s\S]*?<\/blockquote\s*>/gi, '\n')
    .replace(/<div\b[^>]*class="[^"]*(?:gmail_quote|yahoo_quoted|moz-cite-prefix)[^"]*"[^>]*>[\s\S]*$/i, '\n');
  if (stripTags(withoutQuotes).trim() !== '') s = withoutQuotes;
  return decodeEntities(stripTags(s));
}

function stripTags(s: string): string {
  return s
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(BLOCK_TAGS, '\n')
    .replace(HTML_TAG, ' ')
    .replace(/<!doctype[^>]*>/gi, ' ');
}

// A line that starts a quoted earlier message; everything from it down is the old thread.
const REPLY_HEADER_LINE = [
  /^-{2,}\s*(?:original message|исходное сообщение|пересланное сообщение|forwarded message)\s*-{2,}/i,
  /^_{5,}$/, // Outlook's rule above the quoted header
  /^on\s.{4,200}\bwrote:$/i,
  /^(?=.*[\d@]).{4,200}\s(?:пишет|написал|написала|написал\(а\)):$/i,
  /^(?:le|am)\s.{4,200}\s(?:a écrit|schrieb):$/i,
  // Gmail in Russian and other languages without a "wrote" word: "пн, 4 мар. 2024 г. в 10:53, Support <s@x.ru>:".
  /^.{0,80}\b\d{1,2}:\d{2}\b.{0,200}<[^<>\s]+@[^<>\s]+>:$/,
];
// Outlook-style header block: "From:" / "От:" followed by "Sent:"/"Date:"/"Отправлено:" within 4 lines.
const FROM_LINE = /^\*?(?:from|от|de|von)\s*:\*?\s/i;
const SENT_LINE = /^\*?(?:sent|date|to|subject|отправлено|дата|кому|тема)\s*:\*?/i;

// A closing line; what follows it must be a short tail (a name, a title, a phone) for it to be cut.
const VALEDICTION =
  /^(?:best regards|kind regards|warm regards|regards|best wishes|best|cheers|sincerely|yours sincerely|yours truly|thanks and regards|thanks in advance|many thanks|thank you|thanks|thx|с уважением|с наилучшими пожеланиями|всего доброго|всего хорошего|заранее спасибо|спасибо|благодарю)(?:[,.!]+\s*([\p{L}.\- ]{0,40}))?[,.!]*$/iu;
// On the closing line itself only a name may follow ("Thanks, Anna Lee"); "Thanks, but the refund never came" is a sentence.
const NAME = /^(?:\p{Lu}[\p{L}.\-]*(?: |$)){0,3}$/u;

function isValediction(line: string): boolean {
  const m = VALEDICTION.exec(line);
  return m !== null && NAME.test((m[1] ?? '').trim());
}
const MOBILE_FOOTER =
  /^(?:sent from my\s.{1,40}|sent from (?:mail|outlook|yahoo mail|gmail)\b.{0,40}|get outlook for .{1,20}|отправлено (?:с|из)\s.{1,50}|sent with .{1,30}|скачайте .{0,40}приложение.{0,30})$/i;
// The same closings when the whole ticket is one line: "... please help. Best regards, John Smith". From the
// line start too, so a ticket that is only "Kind regards, Anna" is not cut to "Kind" (index 0: nothing is cut).
const INLINE_TAIL =
  /(?:^|\s)(?:best regards|kind regards|warm regards|regards|с уважением|sent from my \w+(?: \w+)?|отправлено с \w+(?: \w+)?)[,.!]?(?:\s+[\p{L}.\-]+){0,4}[.!]?\s*$/iu;

/**
 * True when the lines from `from` on look like a signature block: few, short, no questions and no
 * sentences (a name, a title, a company, a phone). `strict` = false after an explicit "-- " marker.
 */
function isShortTail(lines: string[], from: number, maxLines: number, strict = true): boolean {
  let count = 0;
  let chars = 0;
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    count++;
    chars += l.length;
    if (l.length > 80) return false;
    if (strict && (l.includes('?') || l.split(' ').length > 6)) return false;
  }
  return count <= maxLines && chars <= 400;
}

function hasContent(lines: string[], end: number): boolean {
  for (let i = 0; i < end; i++) if (lines[i]!.trim() !== '') return true;
  return false;
}

/** Index of the first line of a quoted earlier message, or -1. */
function replyStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!.trim();
    if (l === '') continue;
    if (REPLY_HEADER_LINE.some((re) => re.test(l))) return i;
    // "On Mon, 4 Mar 2024 at 10:02, Anna <anna@example.com>" + "wrote:" on the next line.
    if (/^on\s/i.test(l) && /^wrote:$/i.test(lines[i + 1]?.trim() ?? '')) return i;
    if (FROM_LINE.test(l)) {
      for (let k = i + 1; k <= i + 4 && k < lines.length; k++) if (SENT_LINE.test(lines[k]!.trim())) return i;
    }
  }
  return -1;
}

/** Index of the first signature line, or -1. */
function signatureStart(lines: string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const l = raw.trim();
    if ((raw === '-- ' || l === '--' || l === '—') && isShortTail(lines, i + 1, 12, false)) return i;
    if (MOBILE_FOOTER.test(l) && isShortTail(lines, i + 1, 3)) return i;
    if (isValediction(l) && isShortTail(lines, i + 1, 5)) return i;
  }
  return -1;
}

/** Drops quoted replies ("> " lines, "On ... wrote:", "-----Original Message-----", "От: ... Отправлено:"). */
export function trimQuotedReplies(text: string): string {
  let lines = text.split('\n');
  const quoted = lines.filter((l) => /^\s*>/.test(l)).length;
  if (quoted > 0) {
    const kept = lines.filter((l) => !/^\s*>/.test(l));
    // All quoted: that is the message itself (a forward); keep it without the markers.
    lines = hasContent(kept, kept.length) ? kept : lines.map((l) => l.replace(/^\s*(?:>\s?)+/, ''));
  }
  const start = replyStart(lines);
  if (start > 0 && hasContent(lines, start)) lines = lines.slice(0, start);
  return lines.join('\n');
}

/** Drops a trailing signature ("-- ", "Best regards,", "С уважением,", "Sent from my iPhone" + a short tail). */
export function trimSignature(text: string): string {
  const lines = text.split('\n');
  const start = signatureStart(lines);
  if (start > 0 && hasContent(lines, start)) return lines.slice(0, start).join('\n');
  if (lines.length === 1 || start < 0) {
    const last = lines.length - 1;
    const m = INLINE_TAIL.exec(lines[last]!);
    if (m && m.index > 0 && lines[last]!.slice(0, m.index).trim() !== '') {
      lines[last] = lines[last]!.slice(0, m.index);
      return lines.join('\n');
    }
  }
  return text;
}

// "Hi there,", "Dear support team,", "Здравствуйте!", "Добрый день." at a line start: the same in every
// ticket. Only a greeting followed by punctuation or the line end counts, so "Hi I can't log in" stays.
const GREETING = new RegExp(
  '^(?:(?:dear|sehr geehrte[rs]?|liebe[rs]?|estimad[oa]s?|querid[oa]s?|cher|chère|bonjour|hola|hallo|guten tag)' +
    "(?:[ \\t]+[\\p{L}'’\\-]+){0,3}" +
    '|(?:hi|hello|hey|hiya|greetings|good (?:morning|afternoon|evening|day))(?:[ \\t]+(?:there|all|team' +
    '|everyone|folks|guys|support(?: team)?|\\p{L}+))?' +
    '|(?:здравствуйте|здравствуй|добрый (?:день|вечер|утро)|доброе утро|доброго (?:дня|времени суток)|привет|приветствую)' +
    '(?:[ \\t,]+(?:уважаемая|уважаемые|служба|поддержка|поддержки|коллеги|команда)){0,3})' +
    '[ \\t]*(?:[,!.:]+[ \\t]*|$)',
  'iu',
);

/** A line without its opening greeting ("Hello, please ..." → "please ..."); "" when it is only a greeting. */
export function trimGreeting(line: string): string {
  const m = GREETING.exec(line);
  return m ? line.slice(m[0].length) : line;
}

// A run of spacing that is not already one plain space: two or more spaces, or any tab/NBSP/thin space.
const SPACING =
  /(?: [\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+|[\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000][\t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]*)/g;
const INVISIBLE = /[\u200b-\u200f\u2060\ufeff\u00ad]/g;

/** Spaces collapsed, invisible characters removed, each line trimmed, blank lines dropped. */
export function normalizeWhitespace(text: string): string {
  // Each step only runs when it has something to do: this is called once per ticket on million-row exports.
  let s = text.indexOf('\r') >= 0 ? text.replace(/\r\n?/g, '\n') : text;
  INVISIBLE.lastIndex = 0;
  if (INVISIBLE.test(s)) s = s.replace(INVISIBLE, '');
  s = s.replace(SPACING, ' ');
  if (s.indexOf('\n') >= 0) s = s.replace(/ ?\n\s*/g, '\n');
  return s.trim();
}

// A greeting can open the subject's next line too ("Subject\nHello, ..."): trim it on each line start.
function trimGreetings(text: string): string {
  if (!/^(?:hi|hel|hey|gre|goo|dea|seh|lie|est|que|che|bon|hol|hal|gut|здр|доб|при)/im.test(text)) return text;
  const kept = text
    .split('\n')
    .map((line) => trimGreeting(line))
    .filter((line) => line.trim() !== '');
  return kept.length > 0 ? kept.join('\n') : text;
}

/**
 * Characters of raw text read per ticket. Beyond this a ticket is a pasted log or an attachment, not
 * the customer's words; reading all of a 10 MB field would only slow every pattern below.
 */
export const MAX_TEXT_CHARS = 100_000;

/** The customer's own words from a raw ticket text (HTML, e-mail thread, signature and all). */
export function cleanTicketText(raw: string): string {
  // NFC first, so decomposed letters (macOS, some web forms) match the greeting and quote patterns.
  const head = raw.length > MAX_TEXT_CHARS ? raw.slice(0, MAX_TEXT_CHARS) : raw;
  const composed = /[^\u0020-\u02ff\n\t]/.test(head) ? head.normalize('NFC') : head;
  let text = composed.indexOf('\r') >= 0 ? composed.replace(/\r\n?/g, '\n') : composed;
  text = looksLikeHtml(text) ? htmlToText(text) : decodeEntities(text);
  text = normalizeWhitespace(text);
  if (text === '') return text;
  text = trimQuotedReplies(text);
  text = trimSignature(text);
  text = trimGreetings(text);
  // Lines were normalized above and trimming only removes whole lines or line ends.
  return text.trim();
}
