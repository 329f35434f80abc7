// ESLint with typescript-eslint's type-checked rules (they catch a promise nobody awaits) and the
// project's rules. Layout, line width and import order are Prettier's (.prettierrc.json):
// eslint-config-prettier turns off every rule that would fight it.
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'src/db/generated/',
      'prisma/generated/',
      // written by `npm run api:client`
      'clients/typescript/api-types.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  comments.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Every eslint-disable says why, after ` -- `.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: ['eslint-enable'] }],
      // Only src/config reads the environment; everything else is handed a config.
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Only src/config reads process.env: take the value from the config.',
        },
      ],
      // A leading underscore marks a parameter or a destructured field that is deliberately unused.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // `let x; x = make(() => x)`: a closure that reads the variable before it is assigned needs `let`.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // Methods that satisfy an async interface without awaiting anything are fine.
      '@typescript-eslint/require-await': 'off',
      // Prettier lays code out at 120 columns but leaves comments and long literals alone: comments are
      // wrapped by hand; a string, template, regular expression, URL or eslint directive may run on.
      'max-len': [
        'error',
        {
          code: 120,
          ignoreStrings: true,
          ignoreTemplateLiterals: true,
          ignoreRegExpLiterals: true,
          ignoreUrls: true,
          ignorePattern: '^\\s*// eslint-',
        },
      ],
    },
  },
  {
    files: ['src/config/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    // Tests and benchmarks read wire-format JSON (fetch bodies, Slack payloads) whose type is the
    // assertion under test; a test rig refers to itself through a closure (`let rig; rig = start(() => rig)`).
    files: ['test/**', 'bench/**'],
    rules: {
      'prefer-const': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Tests start the app in child processes with an environment of their own.
    files: ['test/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, parserOptions: { projectService: false } },
  },
  prettier,
);
