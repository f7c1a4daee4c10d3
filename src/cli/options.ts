// Options shared by `tickets cluster` and `tickets eval`, and their parsing into typed stage options.
import { Command, InvalidArgumentError, Option } from 'commander';
import { displayUrl, offlineFromEnv } from '../embed/index.js';
import type { ClusterJobOptions } from '../pipeline.js';
import type { TicketsConfig } from '../config/config-file.js';
import { startProgress } from './progress.js';

export interface ClusterCliOptions {
  text?: string[];
  id?: string;
  date?: string;
  encoding?: string;
  delimiter?: string;
  embedder: 'auto' | 'lexical' | 'transformer' | 'remote';
  model?: string;
  endpoint?: string;
  offline?: boolean;
  cache: boolean;
  cacheDir?: string;
  minClusterSize?: number;
  minSamples?: number;
  seed: number;
  costPerTicket?: number;
  minutesPerTicket?: number;
  hourlyCost?: number;
  currency?: string;
  monthlySalary?: number;
  overhead?: number;
  hoursPerMonth?: number;
  handleTime?: string;
  customer?: string;
  customerSince?: string;
  csat?: string;
  channel?: string;
  rankBy?: 'priority' | 'cost';
  config?: string;
  keepBoilerplate?: boolean;
  lang?: 'ru' | 'en';
  quiet?: boolean;
  verbose?: boolean;
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1)
      throw new InvalidArgumentError(`${name} must be a whole number ≥ 1, got "${value}".`);
    return n;
  };
}

function nonNegativeNumber(name: string) {
  return (value: string): number => {
    // "2,5" and "40 000" as Russian users type them.
    const n = Number(value.replace(/[\s\u00a0]/g, '').replace(',', '.'));
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) {
      throw new InvalidArgumentError(`${name} must be a number ≥ 0, got "${value}".`);
    }
    return n;
  };
}

function seedNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new InvalidArgumentError(`seed must be a whole number ≥ 0, got "${value}".`);
  return n;
}

/** Adds the input, embedding, clustering and cost options to a command. */
export function addClusterOptions(command: Command): Command {
  return command
    .option('--text <columns...>', 'text column(s); several are joined (default: detected, e.g. Subject + Description)')
    .option('--id <column>', 'ticket id column (default: detected, else the row number)')
    .option('--date <column>', 'created-at column (default: detected)')
    .option('--handle-time <column>', 'handle time column: minutes, seconds or hh:mm:ss (default: detected)')
    .option('--customer <column>', 'customer id or e-mail column, for repeat contacts (default: detected)')
    .option(
      '--customer-since <column>',
      "customer's registration or first-purchase date, for the early-lifecycle share (default: detected)",
    )
    .option('--csat <column>', 'satisfaction rating column (default: detected)')
    .option('--channel <column>', 'channel column (default: detected)')
    .option('--config <path>', 'config file (default: tickets.config.json in the working directory, when there)')
    .option('--encoding <name>', 'force the file encoding (default: detected: utf-8, utf-16, windows-1251)')
    .option('--delimiter <char>', 'force the CSV delimiter (default: sniffed from , ; tab |)')
    .addOption(
      new Option('--embedder <kind>', 'auto: the transformer model when available, else lexical')
        .choices(['auto', 'lexical', 'transformer', 'remote'])
        .default('auto'),
    )
    .option('--model <id|dir>', 'embedding model: a Hugging Face hub id or a local model directory')
    .option('--endpoint <url>', 'OpenAI-compatible embeddings endpoint for --embedder remote')
    .option('--offline', 'never touch the network (also TICKETS_OFFLINE=1)')
    .option('--no-cache', 'do not read or write the embedding cache')
    .option(
      '--cache-dir <dir>',
      'models and embedding cache (default: TICKETS_CACHE_DIR, $XDG_CACHE_HOME/tickets or ~/.cache/tickets)',
    )
    .option(
      '--min-cluster-size <n>',
      'smallest group reported as a cluster (default: scales with the ticket count)',
      positiveInteger('--min-cluster-size'),
    )
    .option(
      '--min-samples <n>',
      'density smoothing of HDBSCAN (default: derived from --min-cluster-size)',
      positiveInteger('--min-samples'),
    )
    .option('--seed <n>', 'random seed: the same input and options give the same result', seedNumber, 42)
    .option(
      '--cost-per-ticket <amount>',
      'cost of one ticket (overrides minutes × hourly cost)',
      nonNegativeNumber('--cost-per-ticket'),
    )
    .option(
      '--minutes-per-ticket <minutes>',
      'handle time per ticket (default 12)',
      nonNegativeNumber('--minutes-per-ticket'),
    )
    .option('--hourly-cost <amount>', 'loaded cost of one agent hour (default 30)', nonNegativeNumber('--hourly-cost'))
    .option(
      '--monthly-salary <amount>',
      "an agent's monthly salary: hourly cost = salary × overhead / hours per month",
      nonNegativeNumber('--monthly-salary'),
    )
    .option(
      '--overhead <factor>',
      'multiplier on the salary for taxes, desk, management (e.g. 2.5; default 1)',
      nonNegativeNumber('--overhead'),
    )
    .option('--hours-per-month <hours>', 'paid hours per month (default 165)', nonNegativeNumber('--hours-per-month'))
    .option('--currency <code>', 'currency of the costs (default USD)')
    .addOption(
      new Option(
        '--rank-by <what>',
        'rank clusters by priority or cost (default: priority when it can be computed)',
      ).choices(['priority', 'cost']),
    )
    .addOption(
      new Option('--lang <language>', "the report's language (default: the tickets' language)").choices(['ru', 'en']),
    )
    .option(
      '--keep-boilerplate',
      'cluster greetings, signatures, auto subjects and contact lines too (default: recognised and left out)',
    )
    .option('-q, --quiet', 'no progress or notices on stderr')
    .option('--verbose', 'at the end, the time and memory of each stage on stderr');
}

/** Turns the parsed CLI options into the pipeline's typed options; options given on the command line win over the config. */
export function clusterJobOptions(
  opts: ClusterCliOptions,
  notify: (line: string) => void,
  config: TicketsConfig = {},
): ClusterJobOptions {
  const offline = Boolean(opts.offline) || offlineFromEnv();
  const columns = config.columns ?? {};
  const cost = config.cost ?? {};
  return {
    ingest: {
      text: opts.text ?? columns.text,
      id: opts.id ?? columns.id,
      date: opts.date ?? columns.date,
      encoding: opts.encoding,
      delimiter: opts.delimiter,
      economics: {
        handleTime: opts.handleTime ?? columns.handleTime,
        customer: opts.customer ?? columns.customer,
        customerSince: opts.customerSince ?? columns.customerSince,
        csat: opts.csat ?? columns.csat,
        channel: opts.channel ?? columns.channel,
      },
    },
    embed: {
      embedder: opts.embedder,
      model: opts.model,
      endpoint: opts.endpoint,
      offline,
      seed: opts.seed,
      startProgress: (label) => startProgress(label, { quiet: Boolean(opts.quiet) }),
      notify: opts.quiet ? undefined : notify,
      useCache: opts.cache,
      cacheDir: opts.cacheDir,
    },
    cluster: { seed: opts.seed, minClusterSize: opts.minClusterSize, minSamples: opts.minSamples },
    cost: costOptions(opts, cost),
    rankBy: opts.rankBy,
    language: opts.lang ?? config.language,
    boilerplate: config.boilerplate,
    curation: config.curation,
    detectBoilerplate: !opts.keepBoilerplate,
    recordedOptions: {
      text: opts.text ?? null,
      id: opts.id ?? null,
      date: opts.date ?? null,
      handleTime: opts.handleTime ?? null,
      customer: opts.customer ?? null,
      customerSince: opts.customerSince ?? null,
      csat: opts.csat ?? null,
      channel: opts.channel ?? null,
      rankBy: opts.rankBy ?? null,
      config: opts.config ?? null,
      encoding: opts.encoding ?? null,
      delimiter: opts.delimiter ?? null,
      embedder: opts.embedder,
      model: opts.model ?? null,
      // Never record credentials a URL may carry.
      endpoint: opts.endpoint ? displayUrl(opts.endpoint) : null,
      offline,
      minClusterSize: opts.minClusterSize ?? null,
      minSamples: opts.minSamples ?? null,
      seed: opts.seed,
      keepBoilerplate: Boolean(opts.keepBoilerplate),
    },
    notify: opts.quiet ? () => {} : notify,
  };
}

// The salary arithmetic and a plain hourly cost exclude each other: the command line's choice replaces the config's.
function costOptions(opts: ClusterCliOptions, cost: NonNullable<TicketsConfig['cost']>): ClusterJobOptions['cost'] {
  const cliHourly = opts.hourlyCost !== undefined;
  const cliSalary = opts.monthlySalary !== undefined;
  const fromConfig = !cliHourly && !cliSalary;
  return {
    costPerTicket: opts.costPerTicket ?? cost.costPerTicket,
    minutesPerTicket: opts.minutesPerTicket ?? cost.minutesPerTicket,
    hourlyCost: opts.hourlyCost ?? (fromConfig ? cost.hourlyCost : undefined),
    monthlySalary: opts.monthlySalary ?? (fromConfig ? cost.monthlySalary : undefined),
    overhead: opts.overhead ?? (fromConfig || cliSalary ? cost.overhead : undefined),
    hoursPerMonth: opts.hoursPerMonth ?? (fromConfig || cliSalary ? cost.hoursPerMonth : undefined),
    currency: opts.currency ?? cost.currency,
    minutesPerChannel: cost.minutesPerChannel,
  };
}
