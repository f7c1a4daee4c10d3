// What one ticket costs: --cost-per-ticket, or minutes per ticket × hourly cost.
import { UserError } from '../errors.js';
import type { CostModel } from '../types.js';

/** Defaults: 12 minutes of an agent at 30 per hour = 6 USD per ticket. */
export const DEFAULT_MINUTES_PER_TICKET = 12;
export const DEFAULT_HOURLY_COST = 30;
export const DEFAULT_CURRENCY = 'USD';

export interface CostOptions {
  /** Overrides minutes × hourly when given. */
  costPerTicket?: number | string;
  minutesPerTicket?: number | string;
  hourlyCost?: number | string;
  /** ISO code ("USD", "RUB") or a symbol ("₽", "€"). */
  currency?: string;
}

export function costModel(options: CostOptions = {}): CostModel {
  const minutesPerTicket = amount(options.minutesPerTicket, '--minutes-per-ticket') ?? DEFAULT_MINUTES_PER_TICKET;
  const hourlyCost = amount(options.hourlyCost, '--hourly-cost') ?? DEFAULT_HOURLY_COST;
  const perTicket = amount(options.costPerTicket, '--cost-per-ticket');
  return {
    perTicket: perTicket ?? (minutesPerTicket / 60) * hourlyCost,
    currency: currencyOf(options.currency),
    source: perTicket === undefined ? 'minutes×hourly' : 'per-ticket',
    minutesPerTicket,
    hourlyCost,
  };
}

function amount(value: number | string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  // Accept a decimal comma too ("7,5"), as Russian users type it.
  const n = typeof value === 'number' ? value : text === '' ? NaN : Number(text.replace(',', '.'));
  if (!Number.isFinite(n)) throw new UserError(`${option} must be a number, got "${text}"`);
  if (n < 0) throw new UserError(`${option} must not be negative, got ${text}`);
  return n;
}

function currencyOf(value: string | undefined): string {
  if (value === undefined) return DEFAULT_CURRENCY;
  const text = value.trim();
  if (text === '' || text.length > 8 || /\s/.test(text)) {
    throw new UserError(`--currency must be a currency code like USD or RUB, or a symbol like ₽, got "${value}"`);
  }
  return /^[a-z]{3}$/i.test(text) ? text.toUpperCase() : text;
}
