// Lint gate of `npm test` (npm run lint): typescript-eslint's type-checked recommended rules on
// the TypeScript, the plain recommended rules on the JavaScript; formatting is Prettier's job.
import fs from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The report's page scripts are concatenated into one function (report/html/assets.ts), so each
// file sees the top-level names of the others.
const CLIENT_DIR = 'harness/report/html/client';
const clientNames = fs
  .readdirSync(CLIENT_DIR)
  .flatMap((file) =>
    [...fs.readFileSync(path.join(CLIENT_DIR, file), 'utf8').matchAll(/^(?:function|var|const|let) (\w+)/gm)].map((m) => m[1]),
  );

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.venv/', '.venv-vision/', 'results/', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { globals: globals.node, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // An unused name is a mistake, except a deliberately ignored one (`_x`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  { files: ['**/*.{js,mjs,cjs}'], ...tseslint.configs.disableTypeChecked },
  // The page scripts run in the browser, after Chart.js.
  {
    files: [`${CLIENT_DIR}/*.js`],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, Chart: 'readonly', ...Object.fromEntries(clientNames.map((name) => [name, 'readonly'])) },
    },
    // Top-level names are used by the other page scripts: only local names must be used. The
    // TypeScript rule would check the globals too, so the base rule alone applies here.
    rules: { 'no-unused-vars': ['error', { vars: 'local' }], '@typescript-eslint/no-unused-vars': 'off', 'no-redeclare': 'off' },
  },
);
