// Where tickets keeps downloaded models and computed embeddings.
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export interface CacheLocation {
  root: string;
  /** transformers.js file cache: <models>/<hub id>/... */
  models: string;
  /** Embedding cache: <embeddings>/<model key>/seg-*.bin */
  embeddings: string;
}

/**
 * `override` (the --cache-dir option) wins, then TICKETS_CACHE_DIR, then $XDG_CACHE_HOME/tickets,
 * then ~/.cache/tickets.
 */
export function resolveCacheLocation(override?: string, env: NodeJS.ProcessEnv = process.env): CacheLocation {
  const root = override
    ? resolve(override)
    : env.TICKETS_CACHE_DIR
      ? resolve(env.TICKETS_CACHE_DIR)
      : env.XDG_CACHE_HOME
        ? join(resolve(env.XDG_CACHE_HOME), 'tickets')
        : join(homedir(), '.cache', 'tickets');
  return { root, models: join(root, 'models'), embeddings: join(root, 'embeddings') };
}

/** TICKETS_OFFLINE=1 (or true/yes) means the same as --offline. */
export function offlineFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = (env.TICKETS_OFFLINE ?? '').trim().toLowerCase();
  return v === '1' || v === 'true' || v === 'yes';
}
