import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { costModel } from '../../src/rank/index.js';

describe('costModel', () => {
  it('defaults to 12 minutes at 30 USD per hour', () => {
    expect(costModel({})).toEqual({
      perTicket: 6,
      currency: 'USD',
      source: 'minutes×hourly',
      minutesPerTicket: 12,
      hourlyCost: 30,
      perMinute: 0.5,
      salary: null,
      minutesPerChannel: {},
    });
  });

  it('computes minutes × hourly, and --cost-per-ticket overrides it', () => {
    expect(costModel({ minutesPerTicket: 20, hourlyCost: 1500, currency: 'rub' })).toMatchObject({
      perTicket: 500,
      currency: 'RUB',
      source: 'minutes×hourly',
    });
    expect(costModel({ costPerTicket: '7,5', minutesPerTicket: 20 })).toMatchObject({
      perTicket: 7.5,
      source: 'per-ticket',
    });
    expect(costModel({ costPerTicket: 0 }).perTicket).toBe(0);
    expect(costModel({ currency: '₽' }).currency).toBe('₽');
  });

  it('names the option in one-line errors for bad values', () => {
    expect(() => costModel({ costPerTicket: -1 })).toThrow(UserError);
    expect(() => costModel({ costPerTicket: -1 })).toThrow(/--cost-per-ticket must not be negative/);
    expect(() => costModel({ minutesPerTicket: 'abc' })).toThrow(/--minutes-per-ticket must be a number, got "abc"/);
    expect(() => costModel({ hourlyCost: '' })).toThrow(/--hourly-cost/);
    expect(() => costModel({ hourlyCost: Number.NaN })).toThrow(/--hourly-cost/);
    expect(() => costModel({ currency: ' ' })).toThrow(/--currency/);
  });

  it('derives the loaded hourly cost from salary × overhead / hours per month, as support teams do', () => {
    const model = costModel({ monthlySalary: '40000', overhead: '2,5', hoursPerMonth: 165, currency: 'RUB' });
    expect(model.hourlyCost).toBeCloseTo(606.0606, 4);
    expect(model.perMinute).toBeCloseTo(10.10101, 5);
    expect(model.salary).toEqual({ monthlySalary: 40000, overhead: 2.5, hoursPerMonth: 165 });
    expect(costModel({ monthlySalary: 33000 }).hourlyCost).toBe(200); // overhead 1, 165 hours
    expect(() => costModel({ monthlySalary: 1, hourlyCost: 2 })).toThrow(/either --hourly-cost or --monthly-salary/);
    expect(() => costModel({ overhead: 2 })).toThrow('--overhead and --hours-per-month need --monthly-salary');
    expect(() => costModel({ monthlySalary: 1, hoursPerMonth: 0 })).toThrow(/--hours-per-month must be more than 0/);
  });
});
