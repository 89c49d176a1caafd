// ESLint (type-aware, with typescript-eslint) and the React hooks rules; `npm run lint` runs it with
// --max-warnings 0 as part of `npm test`. Formatting is Prettier's (`npm run format:check`).
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', 'bench/', 'drafts/data/', 'test-results/', '**/node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Yjs texts have a toString() that returns their text; its type declarations leave it out.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['YText', 'YXmlText', 'Error', 'RegExp', 'URL', 'URLSearchParams'] },
      ],
      // A leading underscore marks a parameter a signature needs but the body does not (Express's error
      // handler is recognised by its four parameters).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // An in-memory implementation of an async port is an async function with nothing to await: `async`
      // is what turns its throws into rejections, as callers of the port expect.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    rules: {
      'react-hooks/exhaustive-deps': 'error',
      // Two React Compiler checks, off: the app is not compiled with the React Compiler, and the patterns
      // they flag are deliberate here (a ref holding the latest callback, read by a stable handler; an
      // effect that resets its state when what it loads changes).
      'react-hooks/refs': 'off',
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // Tests read JSON answers and raw protocol structures as they come (`res.body.id`): the unsafe-any
    // rules would ask for a schema per assertion. Everything else applies to them as to the product.
    files: ['test/**/*.ts', '**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
);
