// Options shared by `tickets cluster` and `tickets eval`, and their parsing into typed stage options.
import { Command, InvalidArgumentError, Option } from 'commander';

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
  quiet?: boolean;
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
    const n = Number(value);
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
    .option('--currency <code>', 'currency of the costs (default USD)')
    .option('-q, --quiet', 'no progress or notices on stderr');
}
