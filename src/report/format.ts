// Number, money and text formatting shared by the reports. A fixed locale per report language ('en-US',
// 'ru-RU': "39 600 ₽", "12,5 %") keeps output reproducible whatever the machine's locale.

/** Report languages the formats know; anything else is written as English. */
type NumberLanguage = 'en' | 'ru';
const LOCALE: Record<NumberLanguage, string> = { en: 'en-US', ru: 'ru-RU' };
// Intl separates groups and units with no-break spaces; plain ones keep output greppable.
const plainSpaces = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');

const moneyFormats = new Map<string, Intl.NumberFormat | null>();

function moneyFormat(currency: string, fractionDigits: number, language: NumberLanguage): Intl.NumberFormat | null {
  const key = `${currency}/${fractionDigits}/${language}`;
  if (!moneyFormats.has(key)) {
    let format: Intl.NumberFormat | null = null;
    try {
      format = new Intl.NumberFormat(LOCALE[language], {
        style: 'currency',
        currency,
        minimumFractionDigits: fractionDigits,
        maximumFractionDigits: fractionDigits,
      });
    } catch {
      // Not an ISO 4217 code (e.g. "₽"): the caller writes the symbol after the number.
    }
    moneyFormats.set(key, format);
  }
  return moneyFormats.get(key) ?? null;
}

/**
 * "$1,234", "$6", "$6.50", "RUB 12,000", "12,000 ₽"; in Russian "39 600 ₽", "6,50 $". Cents only on small
 * amounts that have them.
 */
export function formatMoney(amount: number, currency: string, language: NumberLanguage = 'en'): string {
  const digits = Math.abs(amount) >= 100 || Number.isInteger(amount) ? 0 : 2;
  const format = moneyFormat(currency, digits, language);
  if (format) return plainSpaces(format.format(amount));
  const number = amount.toLocaleString(LOCALE[language], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${plainSpaces(number)} ${currency}`;
}

/** "1,234"; in Russian "1 234". */
export function formatCount(n: number, language: NumberLanguage = 'en'): string {
  return plainSpaces(n.toLocaleString(LOCALE[language]));
}

/** "12.3%", "0.4%", "<0.1%"; in Russian "12,5 %", "<0,1 %". */
export function formatShare(share: number, language: NumberLanguage = 'en'): string {
  if (language === 'ru') {
    if (share > 0 && share < 0.001) return '<0,1 %';
    return `${(share * 100).toFixed(1).replace('.', ',')} %`;
  }
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1)}%`;
}

/** One line, at most `max` characters, cut at a word boundary when one is near, with "…". */
export function truncate(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "12 skipped (10 empty text, 2 duplicate id)" or "" when none. */
export function describeSkipped(skipped: Record<string, number>): string {
  const entries = Object.entries(skipped).filter(([, n]) => n > 0);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  if (total === 0) return '';
  return `${formatCount(total)} skipped (${entries.map(([reason, n]) => `${formatCount(n)} ${reason}`).join(', ')})`;
}
