// Finds the columns that carry the economics of a ticket (handle time, customer, customer-since date, CSAT,
// channel) from English and Russian header names, or takes them from options / the config file.
import { normalizeHeaderName, resolveColumnName } from './columns.js';

export type EconomicRole = 'handleTime' | 'customer' | 'customerSince' | 'csat' | 'channel';

export type EconomicOverrides = Partial<Record<EconomicRole, string>>;

/** The option that names each role, for messages. */
export const ROLE_OPTIONS: Record<EconomicRole, string> = {
  handleTime: 'handle-time',
  customer: 'customer',
  customerSince: 'customer-since',
  csat: 'csat',
  channel: 'channel',
};

// Header names without their unit: "Handle time (min)" → "handle time", "Время обработки, мин" → "время обработки".
function baseName(normalized: string): string {
  return normalized
    .replace(/\(.*?\)|\[.*?\]/g, ' ')
    .replace(/,.*$/, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Aliases in preference order, compared with the base name. Elapsed times ("time to resolution", "время решения")
// are not handle time: they count the hours a ticket waited, not the minutes an agent worked.
const ALIASES: Record<EconomicRole, string[]> = {
  handleTime: [
    'handle time',
    'handling time',
    'aht',
    'average handle time',
    'handle time min',
    'handle time minutes',
    'handle time sec',
    'handle time seconds',
    'time spent',
    'total time spent',
    'time spent minutes',
    'time worked',
    'work time',
    'agent time',
    'agent work time',
    'talk time',
    'время обработки',
    'время обработки мин',
    'время обработки сек',
    'время работы',
    'затраченное время',
    'трудозатраты',
    'время на обработку',
    'время агента',
    'время оператора',
    'длительность обработки',
    'длительность',
  ],
  customer: [
    'customer id',
    'customer email',
    'customer e mail',
    'customer',
    'client id',
    'client email',
    'client',
    'requester id',
    'requester email',
    'requester',
    'user id',
    'user email',
    'contact id',
    'contact email',
    'account id',
    'email',
    'e mail',
    'клиент',
    'id клиента',
    'ид клиента',
    'код клиента',
    'email клиента',
    'e mail клиента',
    'почта клиента',
    'покупатель',
    'заявитель',
    'контрагент',
    'пользователь',
    'id пользователя',
    'почта',
  ],
  customerSince: [
    'customer since',
    'client since',
    'registration date',
    'registered',
    'registered at',
    'signup date',
    'sign up date',
    'signed up',
    'customer created',
    'account created',
    'date of purchase',
    'purchase date',
    'first order date',
    'first purchase date',
    'date of first order',
    'дата регистрации',
    'дата регистрации клиента',
    'клиент с',
    'клиент зарегистрирован',
    'зарегистрирован',
    'дата покупки',
    'дата первой покупки',
    'дата первого заказа',
  ],
  csat: [
    'csat',
    'csat score',
    'customer satisfaction rating',
    'customer satisfaction',
    'customer satisfaction score',
    'satisfaction rating',
    'satisfaction score',
    'satisfaction',
    'rating',
    'csat rating',
    'оценка',
    'оценка клиента',
    'оценка качества',
    'оценка обслуживания',
    'удовлетворенность',
    'удовлетворенность клиента',
    'csat оценка',
  ],
  channel: [
    'channel',
    'ticket channel',
    'contact channel',
    'source',
    'ticket source',
    'via',
    'канал',
    'канал обращения',
    'канал связи',
    'источник',
    'источник обращения',
  ],
};

/** Detection order: the more specific roles first, so "Customer since" is not taken as the customer. */
const ROLES: EconomicRole[] = ['handleTime', 'customerSince', 'csat', 'channel', 'customer'];

/**
 * Header index per role. Overrides win; detection fills in the rest among the columns not `taken` by the text,
 * id and created-at columns. An override naming a missing column is a UserError listing the columns.
 */
export function chooseEconomicColumns(
  header: string[],
  overrides: EconomicOverrides,
  taken: ReadonlySet<number>,
  file: string,
): Record<EconomicRole, number | null> {
  const used = new Set(taken);
  const chosen: Record<EconomicRole, number | null> = {
    handleTime: null,
    customer: null,
    customerSince: null,
    csat: null,
    channel: null,
  };
  for (const role of ROLES) {
    const name = overrides[role];
    if (name !== undefined && name !== '') {
      chosen[role] = resolveColumnName(header, name, file, ROLE_OPTIONS[role]);
      used.add(chosen[role]);
    }
  }
  const bases = header.map((h) => baseName(normalizeHeaderName(h)));
  for (const role of ROLES) {
    if (chosen[role] !== null) continue;
    for (const alias of ALIASES[role]) {
      const i = bases.findIndex((b, k) => b === alias && !used.has(k));
      if (i >= 0) {
        chosen[role] = i;
        used.add(i);
        break;
      }
    }
  }
  return chosen;
}

/** The unit a handle-time header states ("(min)", ", сек", "hours"), or null when it states none. */
export function handleTimeUnitFromHeader(name: string): 'minutes' | 'seconds' | 'hours' | null {
  const h = normalizeHeaderName(name);
  if (/(^|[\s(,[])(sec|secs|seconds|s|сек|секунд|секунды|с)([\s)\]]|$)/.test(h)) return 'seconds';
  if (/(^|[\s(,[])(min|mins|minutes|m|мин|минут|минуты|минутах)([\s)\]]|$)/.test(h)) return 'minutes';
  if (/(^|[\s(,[])(h|hr|hrs|hours|ч|час|часы|часов|часах)([\s)\]]|$)/.test(h)) return 'hours';
  return null;
}
