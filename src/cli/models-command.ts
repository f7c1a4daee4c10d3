// `tickets models` and `tickets models pull <id>`.
import type { Command } from 'commander';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { directorySize, formatBytes } from './disk-usage.js';
import { UserError } from '../errors.js';
import { offlineFromEnv, resolveCacheLocation, type CacheLocation } from '../embed/cache/location.js';
import { DEFAULT_MODEL, MODEL_PROFILES } from '../embed/profiles.js';
import { downloadModel, loadTransformers } from '../embed/transformer/hub-download.js';
import { missingModelFiles } from '../embed/transformer/model-source.js';

interface CacheDirOption {
  cacheDir?: string;
}

/** Hub ids (owner/name) with a complete model in the model cache. */
export function cachedModels(modelsDir: string): string[] {
  const found: string[] = [];
  const subdirs = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
    } catch {
      return [];
    }
  };
  for (const owner of subdirs(modelsDir)) {
    for (const name of subdirs(join(modelsDir, owner))) {
      if (missingModelFiles(join(modelsDir, owner, name)).length === 0) found.push(`${owner}/${name}`);
    }
  }
  return found.sort();
}

/** The text `tickets models` prints. */
export function describeModels(location: CacheLocation): string {
  const cached = new Set(cachedModels(location.models));
  const rows = MODEL_PROFILES.map((p) => [
    p.id,
    String(p.dimensions),
    p.pooling,
    String(p.maxTokens),
    p.prefix ? JSON.stringify(p.prefix) : '-',
    cached.has(p.id) ? 'yes' : 'no',
    p.description,
  ]);
  const header = ['MODEL', 'DIMS', 'POOLING', 'MAX TOKENS', 'PREFIX', 'CACHED', 'NOTES'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] as string).length)));
  const line = (cells: string[]): string =>
    cells.map((cell, c) => (c < cells.length - 1 ? cell.padEnd(widths[c] as number) : cell)).join('  ');
  const others = [...cached].filter((id) => !MODEL_PROFILES.some((p) => p.id === id));
  const embeddings = directorySize(location.embeddings);
  const out = [
    `model cache:     ${location.models} (${formatBytes(directorySize(location.models))})`,
    `embedding cache: ${location.embeddings} (${formatBytes(embeddings)})`,
    '',
    line(header),
    ...rows.map(line),
  ];
  if (others.length > 0) out.push('', `other cached models (settings read from their config): ${others.join(', ')}`);
  out.push(
    '',
    `default: ${DEFAULT_MODEL}. Any hub id or local model directory works with --model.`,
    'Download ahead of time (e.g. for a CI cache): tickets models pull <id>. Cache location: --cache-dir, ' +
      'TICKETS_CACHE_DIR or XDG_CACHE_HOME.',
  );
  return `${out.join('\n')}\n`;
}

/** Downloads a model into the cache (or says it is already there); returns the lines to print. */
export async function pullModel(
  id: string,
  location: CacheLocation,
  log: (line: string) => void,
  /** Ends the hub probe after its timeout; default a real timer (tests end it themselves). */
  probeTimeoutSignal?: (ms: number) => AbortSignal,
): Promise<string> {
  if (offlineFromEnv())
    throw new UserError(
      '"tickets models pull" downloads from the network, but TICKETS_OFFLINE is set; unset it for this command',
    );
  const dir = join(location.models, id);
  if (existsSync(dir) && missingModelFiles(dir).length === 0) return `${id} is already in the model cache: ${dir}`;
  const transformers = await loadTransformers(location, false);
  const reported = new Set<string>();
  await downloadModel(
    transformers,
    id,
    location,
    (file, loaded, total) => {
      if (total > 0 && loaded >= total && !reported.has(file)) {
        reported.add(file);
        log(`downloaded ${file} (${formatBytes(total)})`);
      }
    },
    probeTimeoutSignal,
  );
  return `${id} is in the model cache: ${dir} (${formatBytes(directorySize(dir))})`;
}

export function registerModelCommands(program: Command): void {
  const models = program
    .command('models')
    .description('list the embedding models, which are cached, and where the caches are')
    .option(
      '--cache-dir <dir>',
      'cache directory (default: TICKETS_CACHE_DIR, $XDG_CACHE_HOME/tickets or ~/.cache/tickets)',
    )
    .action((opts: CacheDirOption) => {
      process.stdout.write(describeModels(resolveCacheLocation(opts.cacheDir)));
    });
  models
    .command('pull')
    .exitOverride()
    .description('download a model into the cache ahead of time (e.g. for a CI cache)')
    .argument('<id>', 'Hugging Face hub id, e.g. Xenova/multilingual-e5-small')
    .option('--cache-dir <dir>', 'cache directory')
    .action(async (id: string, opts: CacheDirOption, command: Command) => {
      const cacheDir = opts.cacheDir ?? (command.parent?.opts() as CacheDirOption | undefined)?.cacheDir;
      const location = resolveCacheLocation(cacheDir);
      const summary = await pullModel(id, location, (line) => process.stderr.write(`${line}\n`));
      process.stdout.write(`${summary}\n`);
    });
}
