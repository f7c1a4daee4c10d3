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
import { UserError } from '../errors.js';
import { loadConfig } from '../config/config-file.js';

/** The parsed options: the shared ones, --format and --limit, and one path per file format (--md, --json, …). */
type ClusterCommandOptions = ClusterCliOptions &
  Partial<Record<ReportFormatName, string>> & { format: ReportFormatName; limit?: number };

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
      const report = reportRenderer(run, {
        color: shouldUseColor(process.stdout, process.env),
        limit: opts.limit,
        width: process.stdout.isTTY ? process.stdout.columns : undefined,
      });
      writeOutputs(
        FILE_FORMAT_NAMES.flatMap((name) => {
          const path = opts[name];
          return path ? [{ path, content: report(name), title: REPORT_FORMATS[name].title }] : [];
        }),
      );
      // Every report already ends with a newline.
      process.stdout.write(report(opts.format));
    });
}
