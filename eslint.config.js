// ESLint flat config: typescript-eslint's recommended rules (syntax-only: type-aware rules would re-run the
// type checker that `npm run typecheck` already runs, and would not fit lint's 30-second budget), plus the
// layering rule that keeps the pipeline stages independent of the command line.
//
// typescript-eslint parses with the `typescript` package's JavaScript API, which TypeScript 7 (the native
// compiler) no longer ships; so devDependencies hold `typescript` 6 for ESLint's parser (and editors) and
// `typescript-7` (an npm alias) for `npm run build` and `npm run typecheck`. See docs/decisions.md.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Pipeline code: everything in src/ except the command line. It gets its inputs, callbacks included, as arguments. */
const STAGES = ['src/**/*.ts'];

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
    files: ['test/**'],
    // Tests match ANSI color codes (\x1b[…m) on purpose.
    rules: { 'no-control-regex': 'off' },
  },
  {
    files: STAGES,
    ignores: ['src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)cli(/|$)',
              message: 'Pipeline stages never import the command line (src/cli/); pass what they need as arguments.',
            },
          ],
        },
      ],
    },
  },
);
