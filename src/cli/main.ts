// Entry point: parses the command line and turns user errors into one line on stderr and exit code 2.
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { GateTripped, UserError } from '../errors.js';
import { maskPii } from '../text/pii.js';
import { registerClusterCommand } from './cluster-command.js';
import { registerDiffCommand } from './diff-command.js';
import { registerEvalCommand } from './eval-command.js';
import { registerModelCommands } from './models-command.js';
import { registerCacheCommand } from './cache-command.js';

function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('tickets')
    .description('Find why customers write in: cluster a ticket export by meaning, rank the clusters by cost.')
    .version(packageVersion())
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerClusterCommand(program);
  registerDiffCommand(program);
  registerEvalCommand(program);
  registerModelCommands(program);
  registerCacheCommand(program);
  // Subcommands inherit exit handling so their parse errors also reach main().
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI; resolves to the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are "errors" to commander; they exit 0. Commander already printed its one line.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help')
        return 0;
      return 2;
    }
    if (err instanceof GateTripped) {
      for (const trip of err.trips) process.stderr.write(`tickets: gate: ${trip}\n`);
      return 1;
    }
    if (err instanceof UserError) {
      process.stderr.write(`tickets: ${safeErrorLine(err.message)}\n`);
      return 2;
    }
    throw err;
  }
}

/**
 * An error line as printed: no API key, token, URL credentials or personal data, whatever put it
 * in the message (a server echoing the request, a header cell holding ticket text).
 */
export function safeErrorLine(message: string, env: NodeJS.ProcessEnv = process.env): string {
  let line = message;
  for (const key of [env.TICKETS_API_KEY, env.OPENAI_API_KEY]) {
    const k = (key ?? '').trim();
    if (k.length >= 4) line = line.split(k).join('***');
  }
  return maskPii(line, { urls: false });
}
