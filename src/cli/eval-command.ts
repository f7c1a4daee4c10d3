// `tickets eval <file> --label <col>`: how well the clusters match a human labeling of the same tickets.
import { Command } from 'commander';
import { addClusterOptions, clusterJobOptions, type ClusterCliOptions } from './options.js';
import { loadConfig } from '../config/config-file.js';
import { resolveColumnName } from '../ingest/columns.js';
import { clusterExport } from '../pipeline.js';
import { scoreClustering, renderScore, type ClusteringScore } from '../eval/score.js';
import { UserError } from '../errors.js';
import { writeOutputs } from '../report/index.js';
import { StageReporter } from './stages.js';
import { guardAgainstInterrupts } from './interrupt.js';

interface EvalCommandOptions extends ClusterCliOptions {
  label: string;
  json?: string | boolean;
}

export function registerEvalCommand(program: Command): void {
  const command = program
    .command('eval')
    .description('score the clustering against a labeled column: NMI, ARI, homogeneity, completeness, noise')
    .argument('<file>', 'labeled ticket export')
    .requiredOption('--label <column>', 'column with the human category of each ticket');
  addClusterOptions(command)
    .option('--json [path]', 'print the scores as JSON (or write them to path)')
    .action(async (file: string, opts: EvalCommandOptions) => {
      const notify = (line: string) => process.stderr.write(`${line}\n`);
      // The config's columns and boilerplate change what is clustered, so eval reads it like cluster does.
      const { config } = await loadConfig(opts.config, process.cwd());
      const jobOptions = clusterJobOptions(opts, notify, config);
      // The label column as the header spells it (matched like --text/--id/--date: case and spacing ignored).
      let label = opts.label;
      jobOptions.checkExport = (exp) => {
        label = exp.header[resolveColumnName(exp.header, opts.label, file, 'label')];
        if (exp.columns.text.includes(label)) {
          throw new UserError(
            `${file}: the --label column "${label}" is also a text column; choose the text with --text`,
          );
        }
        const role = label === exp.columns.id ? 'id' : label === exp.columns.date ? 'date' : null;
        if (role) {
          throw new UserError(
            `${file}: the --label column "${label}" was taken as the ticket ${role} column; name another with --${role}`,
          );
        }
      };
      const stages = new StageReporter({ quiet: Boolean(opts.quiet), stream: process.stderr });
      jobOptions.stages = stages;
      // Ctrl-C as in `tickets cluster`: one line and exit 130, never a half-written scores file or cache segment.
      const interrupts = guardAgainstInterrupts({ cleanup: () => stages.stop() });
      jobOptions.runStage = interrupts.runStage;
      // Only the clusters are scored, so labeling and ranking are skipped.
      let clustered;
      try {
        clustered = await clusterExport(file, jobOptions);
      } finally {
        stages.stop();
      }
      const { ticketExport, assignment } = clustered;
      // A blank label is "not labeled", not one more class: those tickets are left out of the scores.
      const labeled: number[] = [];
      ticketExport.tickets.forEach((t, i) => {
        if ((t.extra[label] ?? '').trim() !== '') labeled.push(i);
      });
      const unlabeled = ticketExport.tickets.length - labeled.length;
      if (labeled.length === 0)
        throw new UserError(`${file}: every "${label}" cell is blank; nothing to score against`);
      if (unlabeled > 0 && !opts.quiet) {
        notify(`${unlabeled} ticket(s) with a blank "${label}" are left out of the scores`);
      }
      const truth = labeled.map((i) => ticketExport.tickets[i]!.extra[label]!.trim());
      const predicted = Int32Array.from(labeled, (i) => assignment.labels[i]!);
      const score: ClusteringScore = { ...scoreClustering(truth, predicted), unlabeled };
      await interrupts.writing(() => {
        if (opts.json === true) {
          process.stdout.write(`${JSON.stringify(score, null, 2)}\n`);
        } else {
          if (typeof opts.json === 'string') {
            writeOutputs([{ path: opts.json, content: `${JSON.stringify(score, null, 2)}\n`, title: 'scores' }]);
          }
          process.stdout.write(renderScore(score));
        }
      });
      if (opts.verbose) process.stderr.write(stages.summary());
    });
}
