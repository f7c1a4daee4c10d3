// `tickets cluster <file>`: the main job. Runs the pipeline, writes the reports the user asked for and prints one.
import { Command, Option } from 'commander';
import { addClusterOptions, clusterJobOptions, type ClusterCliOptions } from './options.js';
import { runClusterJob } from '../pipeline.js';
import {
  FILE_FORMAT_NAMES,
  REPORT_FORMAT_NAMES,
  REPORT_FORMATS,
  reportRenderer,
  shouldUseColor,
  writeOutputs,
  type ReportFormatName,
} from '../report/index.js';
import { startProgress } from './progress.js';
import { GateTripped, UserError } from '../errors.js';
import { CONFIG_FILE_NAME, loadConfig } from '../config/config-file.js';
import { parseFixes, renderDiffMarkdown, renderDiffTable, trackAgainstBaseline } from '../diff/index.js';
import {
  addTrendOptions,
  diffOptions,
  enforceGate,
  readRunFile,
  writeStepSummary,
  type TrendCliOptions,
} from './diff-command.js';

/** The parsed options: the shared ones, --format and --limit, and one path per file format (--md, --json, …). */
type ClusterCommandOptions = ClusterCliOptions &
  TrendCliOptions &
  Partial<Record<ReportFormatName, string>> & { format: ReportFormatName; limit?: number; baseline?: string };

function positiveLimit(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--limit must be a whole number ≥ 1, got "${value}"`);
  return n;
}

export function registerClusterCommand(program: Command): void {
  const command = program
    .command('cluster')
    .description('group the tickets of an export by meaning and rank the groups by cost')
    .argument('<file>', 'ticket export (CSV from a helpdesk or Excel)');
  addClusterOptions(command);
  for (const name of FILE_FORMAT_NAMES) command.option(`--${name} <path>`, REPORT_FORMATS[name].file);
  command
    .addOption(new Option('--format <format>', 'what goes to stdout').choices(REPORT_FORMAT_NAMES).default('table'))
    .option('--limit <n>', 'clusters shown in the table (default: all)', positiveLimit)
    .option('--baseline <run.json>', "last run's file: its clusters keep their ids, the run file carries the diff");
  addTrendOptions(command).action(async (file: string, opts: ClusterCommandOptions) => {
    const notify = (line: string) => process.stderr.write(`${line}\n`);
    const { config, path: configPath } = await loadConfig(opts.config, process.cwd());
    if (configPath && !opts.quiet) notify(`config: ${configPath}`);
    // Read before the slow stages, so a missing or foreign baseline fails fast.
    const baseline = opts.baseline ? await readRunFile(opts.baseline) : null;
    const trendOptions = baseline ? diffOptions(opts, parseFixes(config, configPath ?? CONFIG_FILE_NAME)) : null;
    if (!baseline) {
      const gate = ['failOnNew', 'failOnGrowth', 'failOnCostGrowth'] as const;
      const given = gate.find((key) => opts[key] !== undefined);
      if (given) {
        const option = given.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
        throw new UserError(`--${option} needs --baseline <last run.json>`);
      }
    }
    const jobOptions = clusterJobOptions(opts, notify, config);
    const progress = startProgress('embedding', { quiet: Boolean(opts.quiet), stream: process.stderr });
    jobOptions.onEmbedProgress = progress.update;
    // Texts and map positions stay in memory only for the HTML page.
    jobOptions.ticketDetails = Boolean(opts.html) || opts.format === 'html';
    let run;
    try {
      run = await runClusterJob(file, jobOptions);
    } finally {
      progress.stop();
    }
    if (baseline && trendOptions) run = trackAgainstBaseline(run, baseline, trendOptions);
    const color = shouldUseColor(process.stdout, process.env);
    const clusterReport = reportRenderer(run, {
      color,
      limit: opts.limit,
      width: process.stdout.isTTY ? process.stdout.columns : undefined,
    });
    // With a baseline the markdown report and the table end with the diff (the run file carries it already).
    const { diff } = run;
    const currency = run.cost.currency;
    const trips = diff ? enforceGate(diff, opts, currency) : [];
    const diffMarkdown = diff ? renderDiffMarkdown(diff, currency, trips) : '';
    const report = (name: ReportFormatName): string =>
      !diff
        ? clusterReport(name)
        : name === 'md'
          ? `${clusterReport(name)}\n${diffMarkdown}`
          : name === 'table'
            ? `${clusterReport(name)}\n${renderDiffTable(diff, { color, currency })}`
            : clusterReport(name);
    writeOutputs(
      FILE_FORMAT_NAMES.flatMap((name) => {
        const path = opts[name];
        return path ? [{ path, content: report(name), title: REPORT_FORMATS[name].title }] : [];
      }),
    );
    if (diff) await writeStepSummary(diffMarkdown);
    // Every report already ends with a newline.
    process.stdout.write(report(opts.format));
    if (trips.length > 0) throw new GateTripped(trips);
  });
}
