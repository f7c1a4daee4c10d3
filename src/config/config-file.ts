// tickets.config.json: what a team keeps in git next to its exports — column mapping, costs, currency, language,
// boilerplate phrases, and curation rules re-applied on every run. Documented by schema/tickets.config.schema.json.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UserError } from '../errors.js';

export const CONFIG_FILE_NAME = 'tickets.config.json';

export interface ColumnsConfig {
  text?: string[];
  id?: string;
  date?: string;
  handleTime?: string;
  customer?: string;
  customerSince?: string;
  csat?: string;
  channel?: string;
}

export interface CostConfig {
  currency?: string;
  costPerTicket?: number;
  minutesPerTicket?: number;
  hourlyCost?: number;
  monthlySalary?: number;
  overhead?: number;
  hoursPerMonth?: number;
  /** Minutes per ticket by channel value, for tickets without a handle time. */
  minutesPerChannel?: Record<string, number>;
}

/** A cluster is selected when every word of `match` is in its label or keywords (case-insensitive). */
export interface RenameRule {
  match: string[];
  label: string;
}

export interface MergeRule {
  /** Each entry selects clusters like a rename's `match`; all selected clusters become one. */
  clusters: string[][];
  label: string;
}

/** A known reason: tickets whose text contains any of the phrases form this cluster, wherever they were. */
export interface PinRule {
  label: string;
  keywords: string[];
}

export interface CurationConfig {
  rename?: RenameRule[];
  merge?: MergeRule[];
  pin?: PinRule[];
}

export interface TicketsConfig {
  columns?: ColumnsConfig;
  cost?: CostConfig;
  language?: string;
  /** Phrases to strip from ticket text before clustering, on top of the built-in ones. */
  boilerplate?: string[];
  curation?: CurationConfig;
  /** Fixes shipped for clusters, by lasting id: the diff shows each one's weekly share before and after. */
  fixes?: Array<{ cluster: string; date: string; note?: string }>;
}

type Check = (value: unknown, path: string) => void;

function fail(path: string, message: string): never {
  throw new UserError(`${path}: ${message}`);
}

const string: Check = (v, path) => {
  if (typeof v !== 'string' || v.trim() === '') fail(path, `must be a non-empty string, got ${JSON.stringify(v)}`);
};
const number: Check = (v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
    fail(path, `must be a number ≥ 0, got ${JSON.stringify(v)}`);
};
const list =
  (item: Check, nonEmpty = true): Check =>
  (v, path) => {
    if (!Array.isArray(v)) fail(path, `must be an array, got ${JSON.stringify(v)}`);
    if (nonEmpty && v.length === 0) fail(path, 'must not be empty');
    v.forEach((x, i) => item(x, `${path}[${i}]`));
  };
const map =
  (value: Check): Check =>
  (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
    for (const [k, x] of Object.entries(v)) value(x, `${path}.${k}`);
  };
const object =
  (fields: Record<string, Check>, required: string[] = []): Check =>
  (v, path) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'must be an object');
    for (const [k, x] of Object.entries(v)) {
      if (k === '$schema' && path === 'config') continue;
      const check = fields[k];
      // Unknown keys are errors: a misspelt "handeTime" silently ignored would cost a wrong report.
      if (!check) fail(path, `unknown key "${k}" (known: ${Object.keys(fields).join(', ')})`);
      check(x, `${path}.${k}`);
    }
    for (const k of required) if (!(k in v)) fail(path, `"${k}" is required`);
  };

const checkConfig = object({
  columns: object({
    text: list(string),
    id: string,
    date: string,
    handleTime: string,
    customer: string,
    customerSince: string,
    csat: string,
    channel: string,
  }),
  cost: object({
    currency: string,
    costPerTicket: number,
    minutesPerTicket: number,
    hourlyCost: number,
    monthlySalary: number,
    overhead: number,
    hoursPerMonth: number,
    minutesPerChannel: map(number),
  }),
  language: (v, path) => {
    string(v, path);
    if (!/^[a-z]{2}(-[A-Za-z]{2})?$/.test(v as string))
      fail(path, `must be a language code like "en" or "ru", got "${v}"`);
  },
  boilerplate: list(string, false),
  curation: object({
    rename: list(object({ match: list(string), label: string }, ['match', 'label']), false),
    merge: list(object({ clusters: list(list(string)), label: string }, ['clusters', 'label']), false),
    pin: list(object({ label: string, keywords: list(string) }, ['label', 'keywords']), false),
  }),
  fixes: list(object({ cluster: string, date: string, note: string }, ['cluster', 'date']), false),
});

/** Parses and checks a config text; errors name the file and the key ("tickets.config.json: config.cost.hourlyCst: …"). */
export function parseConfig(text: string, source: string): TicketsConfig {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${source}: not valid JSON (${(error as Error).message})`);
  }
  try {
    checkConfig(value, 'config');
  } catch (error) {
    if (error instanceof UserError) throw new UserError(`${source}: ${error.message}`);
    throw error;
  }
  return value as TicketsConfig;
}

/**
 * The config the run uses: `--config <path>` (must exist), else tickets.config.json in `cwd` when there, else none.
 * Returns the path read too, so the run can say which file it used.
 */
export async function loadConfig(
  explicitPath: string | undefined,
  cwd: string,
): Promise<{ config: TicketsConfig; path: string | null }> {
  const path = explicitPath ?? resolve(cwd, CONFIG_FILE_NAME);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (explicitPath === undefined && code === 'ENOENT') return { config: {}, path: null };
    throw new UserError(`cannot read the config file ${path}: ${code ?? (error as Error).message}`);
  }
  return { config: parseConfig(text.replace(/^\uFEFF/, ''), explicitPath ?? CONFIG_FILE_NAME), path };
}
