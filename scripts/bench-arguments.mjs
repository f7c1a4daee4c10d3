// The command line the labeled-set benchmarks share: `--name value` flags taken out of the arguments as they are
// read (what is left are the set names), and the labeled data folder.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root folder. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `flag(name, fallback)` removes `name value` from `args` and returns the value; `dataDir` is `--data` or ../shared/data. */
export function benchArguments() {
  const args = process.argv.slice(2);
  const flag = (name, fallback) => {
    const i = args.indexOf(name);
    if (i < 0) return fallback;
    const value = args[i + 1];
    args.splice(i, 2);
    return value;
  };
  // ../shared/data beside the checkout (or beside the folder of worktrees).
  const nearest = [join(root, '..', 'shared', 'data'), join(root, '..', '..', 'shared', 'data')].find(existsSync);
  const dataDir = resolve(flag('--data', nearest ?? join(root, '..', 'shared', 'data')));
  return { args, flag, dataDir };
}
