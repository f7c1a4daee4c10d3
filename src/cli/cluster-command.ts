// `tickets cluster <file>`: the main job. Runs the pipeline and writes the reports the user asked for.
import { writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { addClusterOptions, type ClusterCliOptions } from './options.js';
import { runClusterJob, type ClusterJobOptions } from '../pipeline.js';
import { renderAssignments, renderMarkdown, renderRunFile, renderTable, shouldUseColor } from '../report/index.js';
import { startProgress } from './progress.js';
import { UserError } from '../errors.js';
import { displayUrl, offlineFromEnv } from '../embed/index.js';
import { loadConfig, type TicketsConfig } from '../config/config-file.js';

interface ClusterCommandOptions extends ClusterCliOptions {
  md?: string;
  json?: string;
  assignments?: string;
  format: 'table' | 'md' | 'json';
  limit?: number;
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
      useCache: opts.cache,
      cacheDir: opts.cacheDir,
    },
    cluster: { seed: opts.seed, minClusterSize: opts.minClusterSize, minSamples: opts.minSamples },
    cost: costOptions(opts, cost),
    rankBy: opts.rankBy,
    language: config.language,
    boilerplate: config.boilerplate,
    curation: config.curation,
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

/** Writes one output file; a path the user cannot write to is their error, said in one line. */
export async function writeOutput(path: string, content: string, what: string): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    throw new UserError(`cannot write the ${what} to ${path}: ${reason}`);
  }
}

function renderOnce(render: () => string): () => string {
  let text: string | undefined;
  return () => (text ??= render());
}

export function registerClusterCommand(program: Command): void {
  const command = program
    .command('cluster')
    .description('group the tickets of an export by meaning and rank the groups by cost')
    .argument('<file>', 'ticket export (CSV from a helpdesk or Excel)');
  addClusterOptions(command)
    .option('--md <path>', 'write a markdown report for backlog grooming')
    .option('--json <path>', 'write the machine-readable run file (schemaVersion 2)')
    .option('--assignments <path>', 'write a CSV id,cluster with one row per input ticket')
    .addOption(new Option('--format <format>', 'what goes to stdout').choices(['table', 'md', 'json']).default('table'))
    .option('--limit <n>', 'clusters shown in the table (default: all)', (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new UserError(`--limit must be a whole number ≥ 1, got "${v}"`);
      return n;
    })
    .action(async (file: string, opts: ClusterCommandOptions) => {
      const notify = (line: string) => process.stderr.write(`${line}\n`);
      const { config, path: configPath } = await loadConfig(opts.config, process.cwd());
      if (configPath && !opts.quiet) notify(`config: ${configPath}`);
      const jobOptions = clusterJobOptions(opts, notify, config);
      const progress = startProgress('embedding', { quiet: Boolean(opts.quiet), stream: process.stderr });
      jobOptions.onEmbedProgress = progress.update;
      let run;
      try {
        run = await runClusterJob(file, jobOptions);
      } finally {
        progress.stop();
      }
      // Each report is rendered at most once, even when it is both written to a file and printed.
      const markdown = renderOnce(() => renderMarkdown(run));
      const runFile = renderOnce(() => renderRunFile(run));
      if (opts.md) await writeOutput(opts.md, markdown(), 'markdown report');
      if (opts.json) await writeOutput(opts.json, runFile(), 'run file');
      if (opts.assignments) await writeOutput(opts.assignments, renderAssignments(run), 'assignments');
      // Every report already ends with a newline.
      process.stdout.write(
        opts.format === 'md'
          ? markdown()
          : opts.format === 'json'
            ? runFile()
            : renderTable(run, {
                color: shouldUseColor(process.stdout, process.env),
                limit: opts.limit,
                width: process.stdout.isTTY ? process.stdout.columns : undefined,
              }),
      );
    });
}
