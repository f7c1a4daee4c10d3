// ESLint flat config: typescript-eslint's recommended rules (syntax-only: type-aware rules would re-run the
// type checker that `npm run typecheck` already runs, and would not fit lint's 30-second budget), plus the
// layering rules that keep the pipeline stages independent of the command line and of each other's insides.
//
// typescript-eslint parses with the `typescript` package's JavaScript API, which TypeScript 7 (the native
// compiler) no longer ships; so devDependencies hold `typescript` 6 for ESLint's parser (and editors) and
// `typescript-7` (an npm alias) for `npm run build` and `npm run typecheck`. See docs/decisions.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NO_CLI = {
  regex: '(^|/)cli(/|$)',
  message: 'Pipeline stages never import the command line (src/cli/); pass what they need as arguments.',
};

/**
 * Imports `files` may not make; a later entry for the same files replaces an earlier one, so each lists all.
 * @param {string[]} files
 * @param {Array<{ regex: string; message: string }>} patterns
 * @returns {import('eslint').Linter.Config}
 */
const restrictImports = (files, patterns) => ({
  files,
  ignores: ['src/cli/**'],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'fixtures/', 'reports/', '.stryker-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter kept for its position in a callback signature.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An escaped "-" or "/" inside a character class reads safer than one whose meaning depends on its position.
      'no-useless-escape': 'off',
    },
  },
  {
    // The HTML report's page script runs in the browser, with uPlot inlined before it.
    files: ['assets/html/**'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser, uPlot: 'readonly' } },
  },
  {
    files: ['src/**/*.ts'],
    // Prettier wraps code at 120; this catches the long strings and comments it leaves alone. A regex stays whole.
    rules: { 'max-len': ['error', { code: 140, ignoreRegExpLiterals: true, ignoreUrls: true }] },
  },
  {
    files: ['test/**'],
    // Tests match ANSI color codes (\x1b[…m) on purpose.
    rules: { 'no-control-regex': 'off' },
  },
  restrictImports(['src/**/*.ts'], [NO_CLI]),
  // The embedders share what they have in common from src/embed/, not from each other's folders.
  restrictImports(
    ['src/embed/remote/**/*.ts'],
    [NO_CLI, { regex: '(^|/)transformer/', message: 'Shared embedder code lives in src/embed/, not in transformer/.' }],
  ),
  restrictImports(
    ['src/embed/transformer/**/*.ts'],
    [NO_CLI, { regex: '(^|/)remote/', message: 'Shared embedder code lives in src/embed/, not in remote/.' }],
  ),
);
