// What agent time costs: --cost-per-ticket, or minutes × loaded cost per minute, where the loaded cost comes from
// --hourly-cost or from the salary arithmetic support teams do ("40 000 a month × 2.5 for taxes and desk / 165 h").
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
  /** Monthly salary of an agent; with overhead and hours per month it gives the hourly cost. */
  monthlySalary?: number | string;
  /** Multiplier for taxes, desk, management on top of the salary (default 1). */
  overhead?: number | string;
  /** Paid working hours per month (default 165). */
  hoursPerMonth?: number | string;
  /** Minutes per ticket by channel value, for tickets without a handle time. */
  minutesPerChannel?: Record<string, number>;
}

export const DEFAULT_HOURS_PER_MONTH = 165;

export function costModel(options: CostOptions = {}): CostModel {
  const minutesPerTicket = amount(options.minutesPerTicket, '--minutes-per-ticket') ?? DEFAULT_MINUTES_PER_TICKET;
  const salary = salaryOf(options);
  const given = amount(options.hourlyCost, '--hourly-cost');
  if (given !== undefined && salary !== null) {
    throw new UserError('give either --hourly-cost or --monthly-salary (with --overhead, --hours-per-month), not both');
  }
  const hourlyCost =
    salary !== null ? (salary.monthlySalary * salary.overhead) / salary.hoursPerMonth : (given ?? DEFAULT_HOURLY_COST);
  const perTicket = amount(options.costPerTicket, '--cost-per-ticket');
  const minutesPerChannel: Record<string, number> = {};
  for (const [channel, minutes] of Object.entries(options.minutesPerChannel ?? {})) {
    minutesPerChannel[channel] = amount(minutes, `minutes per ticket of channel "${channel}"`)!;
  }
  return {
    perTicket: perTicket ?? (minutesPerTicket / 60) * hourlyCost,
    currency: currencyOf(options.currency),
    source: perTicket === undefined ? 'minutes×hourly' : 'per-ticket',
    minutesPerTicket,
    hourlyCost,
    perMinute: hourlyCost / 60,
    salary,
    minutesPerChannel,
  };
}

function salaryOf(options: CostOptions): NonNullable<CostModel['salary']> | null {
  const monthlySalary = amount(options.monthlySalary, '--monthly-salary');
  const overhead = amount(options.overhead, '--overhead');
  const hoursPerMonth = amount(options.hoursPerMonth, '--hours-per-month');
  if (monthlySalary === undefined) {
    if (overhead !== undefined || hoursPerMonth !== undefined) {
      throw new UserError('--overhead and --hours-per-month need --monthly-salary');
    }
    return null;
  }
  const hours = hoursPerMonth ?? DEFAULT_HOURS_PER_MONTH;
  if (hours <= 0) throw new UserError(`--hours-per-month must be more than 0, got ${hours}`);
  return { monthlySalary, overhead: overhead ?? 1, hoursPerMonth: hours };
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
