// Masks personal data in ticket text so it never reaches an embedding endpoint, a report or a label.
// Placeholders match the MASK pattern in tokens.ts: [email] [phone] [card] [account] [url].

const URL_RE = /\b(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>"'«»]+/gi;
const EMAIL_RE = /[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(?:\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}/gu;
// IBAN: country, check digits, 11–30 letters/digits, optionally in groups of four.
const IBAN_RE = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g;
// Russian settlement/personal account: 20 digits, often grouped 5-3-1-4-7.
const RU_ACCOUNT_RE = /(?<![\d.,])\d{5}[ -]?\d{3}[ -]?\d[ -]?\d{4}[ -]?\d{7}(?!\d|[.,]\d)/g;
// "account No 12345678", "acct #1234-5678", "счёт № 40702...", "л/с 1234567890", "лицевой счет: 123456".
const LABELED_ACCOUNT_RE =
  /((?<![\p{L}\p{N}])(?:account|acct|a\/c|bank account|счет|счёт|лицевой счет|лицевой счёт|расчетный счет|расчётный счёт|р\/с|л\/с|лс)(?![\p{L}])\.?\s*(?:number|num|no\.?|nr\.?|#|№|номер)?\s*[:#№]?\s*)(\d{2,}(?:[ -]\d{2,}){0,5})(?!\d)/giu;
// 13–19 digits, optionally in groups separated by single spaces or dashes.
const CARD_RE = /(?<![\d.,])\d(?:[ -]?\d){12,18}(?![\d]|[.,]\d)/g;
// A digit run that may be a phone: optional +country (or the Russian trunk 8/7 before an "(area)"),
// optional (area), groups split by space/dash/dot.
const PHONE_RE =
  /(?<![\w+\-.,/])(?:\+\s?\d{1,3}[\s\-.]?|[78][\s\-]?(?=\(\d{3,5}\)))?(?:\(\d{1,5}\)[\s\-.]?)?\d(?:[\s\-.]?\d){5,14}(?![\w]|[.,]\d|-\d)/g;

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

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

/**
 * Whether a digit run is a phone number and not an order number, amount or date. Needs a phone
 * shape: a + prefix, a Russian 11-digit 7/8 number, a US 1-xxx number, or a formatted 10-digit one.
 */
export function looksLikePhone(candidate: string): boolean {
  const digits = digitsOf(candidate);
  const n = digits.length;
  const formatted = /[\s\-.()]/.test(candidate);
  // Dates and versions: 12.03.2024, 2024.03.12, 1.2.3.4
  if (/^\d{1,4}[.\/]\d{1,2}[.\/]\d{2,4}$/.test(candidate)) return false;
  // Amounts written with thousands separators: 1 500 000, 12.500.000, 3 000
  if (/^\d{1,3}(?:[ .]\d{3})+$/.test(candidate)) return false;
  if (candidate.trimStart().startsWith('+')) return n >= 8 && n <= 15;
  if (n === 11 && (digits[0] === '7' || digits[0] === '8') && /[3489]/.test(digits[1]!)) return true;
  if (n === 11 && digits[0] === '1' && formatted) return true;
  if (n === 10 && candidate.includes('(')) return true;
  // 912 345 67 89, 555-123-4567, 555.123.4567: groups 3-3-4 or 3-3-2-2.
  if (n === 10 && /^\d{3}[\s\-.]\d{3}[\s\-.]\d{2}[\s\-.]?\d{2}$/.test(candidate)) return true;
  return false;
}

/** Replaces e-mails, URLs, phone numbers, card numbers and account numbers with placeholders. */
export function maskPii(text: string): string {
  let s = text;
  if (s.includes('@')) s = s.replace(EMAIL_RE, '[email]');
  if (s.includes('://') || /www\./i.test(s))
    s = s.replace(URL_RE, (url) => {
      // Trailing punctuation belongs to the sentence, not the address.
      const tail = /[.,;:!?)\]]+$/.exec(url)?.[0] ?? '';
      return `[url]${tail}`;
    });
  if (!/\d{4}/.test(s) && !/\d[\s\-.()]+\d/.test(s)) return s; // no run long enough to be a number worth masking
  if (/[A-Z]{2}\d{2}/.test(s)) {
    s = s.replace(IBAN_RE, (m) => (ibanValid(m.replace(/ /g, '')) ? '[account]' : m));
  }
  s = s.replace(RU_ACCOUNT_RE, '[account]');
  s = s.replace(LABELED_ACCOUNT_RE, (whole, label: string, number: string) =>
    digitsOf(number).length >= 6 ? `${label}[account]` : whole,
  );
  s = s.replace(CARD_RE, (m) => {
    const digits = digitsOf(m);
    return digits.length >= 13 && digits.length <= 19 && luhnValid(digits) && validCardGrouping(m) ? '[card]' : m;
  });
  s = s.replace(PHONE_RE, (m) => (looksLikePhone(m) ? '[phone]' : m));
  return s;
}

// Card numbers are written solid or in groups of 4 (Amex 4-6-5); anything else is some other number.
function validCardGrouping(m: string): boolean {
  if (!/[ -]/.test(m)) return true;
  const groups = m.split(/[ -]/).map((g) => g.length);
  if (groups.every((g, i) => g === 4 || (i === groups.length - 1 && g >= 1 && g <= 4))) return true;
  return groups.join(',') === '4,6,5' || groups.join(',') === '4,6,4';
}
