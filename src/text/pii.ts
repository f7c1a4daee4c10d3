// Masks personal data in ticket text so it never reaches an embedding endpoint, a report or a label.
// Placeholders match the MASK pattern in tokens.ts:
// [email] [phone] [card] [account] [url] [passport] [snils] [inn] [secret].
// Rules lean towards masking where a number has the shape of personal data (a 16-digit run is a card
// even when its checksum fails: a mistyped card is still a card), and leave dates, amounts and order
// numbers alone where their shape tells them apart.

// Local part at most 64 characters (RFC 5321): keeps the scan linear on a megabyte of "a.a.a.".
const EMAIL_RE = /[\p{L}\p{N}._%+\-]{1,64}@[\p{L}\p{N}\-]{1,63}(?:\.[\p{L}\p{N}\-]{1,63}){0,8}\.\p{L}{2,24}/gu;
const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'«»]+/gi;
// Vendor key formats: OpenAI/Stripe/Anthropic (sk-, pk_, rk_), GitHub, AWS, Google, Slack, GitLab, JWT.
const VENDOR_KEY_RE =
  /\b(?:(?:sk|pk|rk)[-_][A-Za-z0-9_\-]{12,}|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|(?:AKIA|ASIA)[0-9A-Z]{16}|AIza[0-9A-Za-z_\-]{30,}|xox[abprs]-[A-Za-z0-9\-]{10,}|glpat-[A-Za-z0-9_\-]{16,}|eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,})/g;
// "Bearer abc.def", "Authorization: Basic dXNlcjpw...", "token abc123...".
const AUTH_SCHEME_RE = /\b(bearer|basic|token)(\s+)([A-Za-z0-9._~+/\-]{8,}=*)/gi;
// key=value and "password: x1y2z3": the name says the value is a secret (URL query strings included).
const SECRET_PARAM_RE =
  /((?<![\p{L}\p{N}])(?:api[_-]?key|apikey|access[_-]?token|refresh[_-]?token|auth[_-]?token|id[_-]?token|token|secret|client[_-]?secret|password|passwd|pwd|пароль|sig|signature|session[_-]?id|sessionid|sid|auth|key|code)\s*([=:])\s*)([^\s"'&#,;<>]{4,})/giu;
// A long run of letters and digits mixed: a key or token of some vendor not listed above.
const LONG_TOKEN_RE =
  /(?<![\p{L}\p{N}_\-])(?=[A-Za-z0-9_\-]*\d)(?=[A-Za-z0-9_\-]*[A-Za-z])[A-Za-z0-9_\-]{32,}(?![\p{L}\p{N}_\-])/gu;
// IBAN: country, check digits, 11–30 letters/digits, optionally in groups of four.
const IBAN_RE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
// Russian settlement/personal account: 20 digits, often grouped 5-3-1-4-7.
const RU_ACCOUNT_RE = /(?<![\d.,])\d{5}[ -]?\d{3}[ -]?\d[ -]?\d{4}[ -]?\d{7}(?!\d|[.,]\d)/g;
// "account No 12345678", "acct #1234-5678", "счёт № 40702...", "л/с 1234567890", "лицевой счет: 123456".
const LABELED_ACCOUNT_RE =
  /((?<![\p{L}\p{N}])(?:account|acct|a\/c|bank account|счет|счёт|лицевой счет|лицевой счёт|расчетный счет|расчётный счёт|р\/с|л\/с|лс)(?![\p{L}])\.?\s*(?:number|num|no\.?|nr\.?|#|№|номер)?\s*[:#№]?\s*)(\d{2,}(?:[ -]\d{2,}){0,5})(?!\d)/giu;
// Russian passport: series (2+2 digits) and number (6): "4510 123456", "45 10 123456", "паспорт 4510123456".
const PASSPORT_RE = /(?<![\d.,\-])\d{2} ?\d{2} (?:№ ?)?\d{6}(?!\d|[.,\-]\d)/g;
const LABELED_PASSPORT_RE =
  /((?<![\p{L}])(?:паспорт\p{L}*|passport|серия(?: и номер)?|серии)\.?\s*(?:rf|рф)?\s*[:№#]?\s*)(\d{2} ?\d{2}[\s№-]*(?:номер|no\.?|n)?[\s№-]*\d{6})(?!\d)/giu;
// SNILS: 123-456-789 01 (the shape is distinctive), or 11 digits after the word.
const SNILS_RE = /(?<![\d.,\-])\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2}(?!\d|[.,\-]\d)/g;
const LABELED_SNILS_RE = /((?<![\p{L}])(?:снилс|snils)\.?\s*[:№#]?\s*)(\d{3}[- ]?\d{3}[- ]?\d{3}[- ]?\d{2})(?!\d)/giu;
// INN (taxpayer number): 10 digits (company) or 12 (person) after the word; unlabeled only with a valid 12-digit checksum.
const LABELED_INN_RE = /((?<![\p{L}])(?:инн|inn|tin)\.?\s*[:№#]?\s*)(\d{12}|\d{10})(?!\d)/giu;
const INN12_RE = /(?<![\d.,\-])\d{12}(?!\d|[.,\-]\d)/g;
// 13–19 digits, optionally in groups separated by single spaces or dashes (not a hex literal's 0x0000…).
const CARD_RE = /(?<![\d.,]|\b0x)\d(?:[ -]?\d){12,18}(?![\d]|[.,]\d)/g;
// "tel: 020 7946 0958", "тел. 123-45-67", "phone 0791112345": the word says it is a phone, whatever the shape.
const LABELED_PHONE_RE =
  /((?<![\p{L}])(?:tel|tel\.|telephone|phone|mobile|mob|cell|whatsapp|viber|тел|тел\.|телефон\p{L}*|моб\p{L}*|сот\p{L}*|номер телефона)\s*[:.]?\s*)(\+?\s?\d[\d\s\-.()]{4,20}\d)(?![\d\p{L}])/giu;
// A digit run that may be a phone: optional +country (or 8/00 trunk before "(area)"), groups split by space/dash/dot.
const PHONE_RE =
  /(?<![\w+\-.,/])(?:\+\s?\d{1,3}[\s\-.]?|[78][\s\-]?(?=\(\d{3,5}\)))?(?:\(\d{1,5}\)[\s\-.]?)?\d(?:[\s\-.]?\d){5,14}(?![\w]|[.,:]\d|-\d)/g;

// "order 9540177986", "заказ № 78601659053", "трек-номер 83034638425511", "#9123456789": the word before a
// number says it is an order, ticket or tracking number, not a phone, INN or (short) card number.
const ID_LABEL_RE =
  /(?:(?<![\p{L}])(?:order|invoice|ticket|case|request|booking|reservation|tracking|track|parcel|shipment|barcode|sku|article|item|transaction|txn|заказ\p{L}*|накладн\p{L}*|трек\p{L}*|посылк\p{L}*|отправлени\p{L}*|обращени\p{L}*|заявк\p{L}*|тикет\p{L}*|артикул\p{L}*|штрих-?код\p{L}*|брон\p{L}*|транзакци\p{L}*)(?:[\s-]*(?:number|num|no\.?|nr\.?|id|номер\p{L}*))?\s*[:#№]?|[#№])\s*$/iu;

/** Whether the words just before `offset` say the number there is an order, ticket or tracking number. */
function labeledAsId(text: string, offset: number): boolean {
  return ID_LABEL_RE.test(text.slice(Math.max(0, offset - 32), offset));
}

/** Luhn checksum, as every payment card number carries. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** ISO 13616 mod-97 check of an IBAN without spaces. */
export function ibanValid(iban: string): boolean {
  if (iban.length < 15 || iban.length > 34) return false;
  const moved = iban.slice(4) + iban.slice(0, 4);
  let rest = 0;
  for (const ch of moved) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const digit of value) rest = (rest * 10 + (digit.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}

/** Check digits of a Russian INN (10 digits for a company, 12 for a person). */
export function innValid(digits: string): boolean {
  const d = (i: number): number => digits.charCodeAt(i) - 48;
  const check = (weights: number[]): number => (weights.reduce((s, w, i) => s + w * d(i), 0) % 11) % 10;
  if (digits.length === 10) return check([2, 4, 10, 3, 5, 9, 4, 6, 8]) === d(9);
  if (digits.length === 12) {
    return check([7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d(10) && check([3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8]) === d(11);
  }
  return false;
}

/** Check number of a Russian SNILS (11 digits). */
export function snilsValid(digits: string): boolean {
  if (digits.length !== 11) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  const check = sum < 100 ? sum : sum % 101 === 100 ? 0 : sum % 101;
  return check === Number(digits.slice(9));
}

/**
 * Splits the punctuation that ends a sentence off a masked value: "(see x.io/?token=abc123)" keeps its ")".
 * A closing bracket stays with the value when the value opened it ("wiki/Foo_(bar)").
 */
export function splitTrailingPunctuation(value: string): [string, string] {
  let end = value.length;
  while (end > 0) {
    const ch = value[end - 1]!;
    const opener = ch === ')' ? '(' : ch === ']' ? '[' : ch === '}' ? '{' : null;
    if (opener) {
      const core = value.slice(0, end);
      if (core.split(opener).length >= core.split(ch).length) break;
    } else if (!'.,;:!?'.includes(ch)) break;
    end--;
  }
  return [value.slice(0, end), value.slice(end)];
}

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/**
 * Whether a digit run is a phone number and not an order number, amount or date. Needs a phone
 * shape: a + or 00 prefix, a Russian 11-digit 7/8 number, a Russian mobile without prefix (9xxxxxxxxx),
 * a national number with a 0 trunk prefix written in groups (UK, Germany), a US 1-xxx number, or a
 * formatted 10-digit one.
 */
export function looksLikePhone(candidate: string): boolean {
  const digits = digitsOf(candidate);
  const n = digits.length;
  const formatted = /[\s\-.()]/.test(candidate);
  // Dates and versions: 12.03.2024, 2024.03.12, 1.2.3.4
  if (/^\d{1,4}[.\/]\d{1,2}[.\/]\d{2,4}$/.test(candidate)) return false;
  // Amounts written with thousands separators: 1 500 000, 12.500.000, 3 000
  if (/^\d{1,3}(?:[ .]\d{3})+$/.test(candidate)) return false;
  if (/^(\d)\1+$/.test(digits)) return false; // one digit over and over: a placeholder
  // A decimal fraction (0.00015735595957), an IPv4 address, a date before the time ("02.11.2022 04:25").
  if (/^\d+[.,]\d+$/.test(candidate)) return false;
  if (/^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/.test(candidate)) return false;
  if (/^(?:\d{1,2}[.\/]\d{1,2}[.\/]\d{4}|\d{4}-\d{2}-\d{2})\s/.test(candidate)) return false;
  if (candidate.trimStart().startsWith('+')) return n >= 8 && n <= 15;
  if (digits.startsWith('00') && formatted) return n >= 10 && n <= 17;
  if (n === 11 && (digits[0] === '7' || digits[0] === '8') && /[3489]/.test(digits[1]!)) return true;
  if (n === 10 && digits[0] === '9' && !formatted) return true;
  if ((n === 10 || n === 11) && digits[0] === '0' && formatted) return true;
  if (n === 11 && digits[0] === '1' && formatted) return true;
  if (n === 10 && candidate.includes('(')) return true;
  // 912 345 67 89, 555-123-4567, 555.123.4567: groups 3-3-4 or 3-3-2-2.
  if (n === 10 && /^\d{3}[\s\-.]\d{3}[\s\-.]\d{2}[\s\-.]?\d{2}$/.test(candidate)) return true;
  return false;
}

// Card numbers are written solid or in groups of 4 (Amex 4-6-5); anything else is some other number.
function validCardGrouping(m: string): boolean {
  if (!/[ -]/.test(m)) return true;
  const groups = m.split(/[ -]/).map((g) => g.length);
  if (groups.every((g, i) => g === 4 || (i === groups.length - 1 && g >= 1 && g <= 4))) return true;
  return groups.join(',') === '4,6,5' || groups.join(',') === '4,6,4';
}

function looksLikeCard(m: string): boolean {
  const digits = digitsOf(m);
  if (digits.length < 13 || digits.length > 19 || !validCardGrouping(m)) return false;
  // One digit over and over ("0000 0000 0000 0000") is a placeholder, no issuer's number.
  if (/^(\d)\1+$/.test(digits)) return false;
  // 16 digits is the card length; other lengths are cards only when their checksum says so.
  return digits.length === 16 || luhnValid(digits);
}

const PASSWORD_NAME_RE = /^(?:password|passwd|pwd|пароль|secret)/iu;

/** Replaces keys, tokens, passwords and credentials in URLs with "[secret]"/"[url]". Safe for any text. */
export function maskSecrets(text: string): string {
  let s = text;
  // Credentials in a URL ("http://user:sk-…@host/v1"): the user info goes, whatever the scheme.
  if (s.includes('@') && s.includes('://'))
    s = s.replace(/(\b[a-z][a-z0-9+.\-]{0,30}:\/\/)[^\s/@<>"']*@/gi, '$1[secret]@');
  // Each pattern runs only when a cheap test says it may match: this is called once per ticket.
  if (/[-_]|AKIA|ASIA|AIza|eyJ/.test(s)) s = s.replace(VENDOR_KEY_RE, '[secret]');
  const lower = s.toLowerCase();
  if (lower.includes('bearer') || lower.includes('basic') || lower.includes('token')) {
    s = s.replace(AUTH_SCHEME_RE, (whole, scheme: string, space: string, token: string, at: number, all: string) =>
      // "token expired" is a sentence, "Bearer eyJ…" / "token 9f8e7d6c…" is a credential, and so is whatever
      // follows "Authorization: Basic" (base64 of a short user:password may have no digit: "dXNlcjpwYXNz").
      scheme.toLowerCase() === 'bearer' ||
      /\d/.test(token) ||
      token.length >= 20 ||
      /authorization\s*:\s*$/i.test(all.slice(Math.max(0, at - 24), at))
        ? `${scheme}${space}[secret]`
        : whole,
    );
  }
  if (s.includes('=') || s.includes(':')) {
    s = s.replace(SECRET_PARAM_RE, (whole, lead: string, sep: string, value: string) => {
      if (value.startsWith('[')) return whole;
      // After ":" the value must look machine-made (letters and digits, or long): "key: important" is prose.
      // A password is a secret as soon as it has a digit ("password: 12345678"; "password: reset" is prose).
      const machineMade = /\d/.test(value) && (/\p{L}/u.test(value) || PASSWORD_NAME_RE.test(lead));
      if (sep === ':' && !machineMade && value.length < 16) return whole;
      if (sep === ':' && /^code/i.test(lead)) return whole; // "promo code: SPRING20", "error code: E42"
      const [secret, tail] = splitTrailingPunctuation(value);
      return secret.length >= 4 ? `${lead}[secret]${tail}` : `${lead}[secret]`;
    });
  }
  // A long name made of words ("AbstractTransactionalJUnit4SpringContextTests") goes too: every rule
  // telling such names from random keys let about 1 in 10,000 random 32-character keys through (decisions.md).
  return s.length >= 32 && /[A-Za-z0-9_\-]{32}/.test(s) ? s.replace(LONG_TOKEN_RE, '[secret]') : s;
}

/** Replaces e-mails, URLs, secrets, phone, card, account, passport, SNILS and INN numbers with placeholders. */
export function maskPii(text: string, options: { urls?: boolean } = {}): string {
  let s = maskSecrets(text);
  if (s.includes('@')) s = s.replace(EMAIL_RE, '[email]');
  // Error messages keep their URLs (an endpoint the user must check); secrets in them are gone already.
  if (options.urls !== false && (s.includes('://') || /www\./i.test(s)))
    s = s.replace(URL_RE, (url) => {
      // Trailing punctuation belongs to the sentence, not the address; a bracket the URL opened (its own
      // "(bar)", a "[secret]" placeholder) goes with the URL.
      return `[url]${splitTrailingPunctuation(url)[1]}`;
    });
  if (!/\d{4}/.test(s) && !/\d[\s\-.()]+\d/.test(s)) return s; // no run long enough to be a number worth masking
  if (/[A-Z]{2}\d{2}/.test(s)) {
    s = s.replace(IBAN_RE, (m) => (ibanValid(m.replace(/ /g, '')) ? '[account]' : m));
  }
  s = s.replace(RU_ACCOUNT_RE, '[account]');
  s = s.replace(LABELED_ACCOUNT_RE, (whole, label: string, number: string) =>
    digitsOf(number).length >= 6 ? `${label}[account]` : whole,
  );
  const lower = s.toLowerCase();
  const labeled = (...words: string[]): boolean => words.some((w) => lower.includes(w));
  if (labeled('пасп', 'passport', 'сери')) s = s.replace(LABELED_PASSPORT_RE, '$1[passport]');
  if (labeled('снилс', 'snils')) s = s.replace(LABELED_SNILS_RE, '$1[snils]');
  if (labeled('инн', 'inn', 'tin')) s = s.replace(LABELED_INN_RE, '$1[inn]');
  if (labeled('tel', 'phone', 'mob', 'cell', 'whatsapp', 'viber', 'тел', 'моб', 'сот')) {
    s = s.replace(LABELED_PHONE_RE, (whole, label: string, number: string) =>
      digitsOf(number).length >= 6 && !/^\d{1,4}[.\/]\d{1,2}[.\/]\d{2,4}$/.test(number.trim())
        ? `${label}[phone]`
        : whole,
    );
  }
  // 16 digits are a card whatever the word before; a 13–19-digit number is one by its checksum, unless named.
  s = s.replace(CARD_RE, (m, at: number, all: string) =>
    looksLikeCard(m) && (digitsOf(m).length === 16 || !labeledAsId(all, at)) ? '[card]' : m,
  );
  if (/\d{3}[- ]\d{3}[- ]\d{3}[- ]\d{2}/.test(s)) s = s.replace(SNILS_RE, '[snils]');
  if (/\d{2} \d{6}/.test(s)) s = s.replace(PASSPORT_RE, '[passport]');
  if (/\d{12}/.test(s))
    s = s.replace(INN12_RE, (m, at: number, all: string) => (innValid(m) && !labeledAsId(all, at) ? '[inn]' : m));
  s = s.replace(PHONE_RE, (m, at: number, all: string) => {
    if (labeledAsId(all, at)) return m;
    if (looksLikePhone(m)) return '[phone]';
    // 11 solid digits that are not a phone may be a SNILS (checksum-valid)
    return /^\d{11}$/.test(m) && snilsValid(m) ? '[snils]' : m;
  });
  return s;
}
