// `tickets cache clear`: frees the disk the embedding cache (and, when asked, the downloaded models) take.
import type { Command } from 'commander';
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { UserError } from '../errors.js';
import { resolveCacheLocation, type CacheLocation } from '../embed/cache/location.js';
import { directorySize, formatBytes } from './disk-usage.js';

interface CacheClearOptions {
  cacheDir?: string;
  models?: boolean;
}

/** Deletes the embedding cache, and the downloaded models too when asked; returns what was freed. */
export function clearCache(location: CacheLocation, models: boolean): string {
  const targets = models ? [location.embeddings, location.models] : [location.embeddings];
  const lines = targets.map((dir) => {
    const size = directorySize(dir);
    rmSync(dir, { recursive: true, force: true });
    return `removed ${dir} (${formatBytes(size)})`;
  });
  if (!models) lines.push(`kept the downloaded models in ${location.models} (use --models to remove them too)`);
  return lines.join('\n');
}

export function registerCacheCommand(program: Command): void {
  const cache = program.command('cache').description('manage the on-disk caches');
  cache
    .command('clear')
    .exitOverride()
    .description('delete cached embeddings (and downloaded models with --models)')
    .option('--models', 'also delete the downloaded models')
    .option('--cache-dir <dir>', 'cache directory')
    .action((opts: CacheClearOptions) => {
      const location = resolveCacheLocation(opts.cacheDir);
      if (relative(location.root, location.embeddings).startsWith('..'))
        throw new UserError('refusing to clear a cache outside the cache directory');
      process.stdout.write(`${clearCache(location, Boolean(opts.models))}\n`);
    });
}
