import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // docs/ARCHITECTURE.md §1: core is framework-free and never reaches into a shell or the devnet.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'src/core is framework-free.' },
            {
              group: ['webextension-polyfill', '**/extension/**', '**/widget/**', '**/ui/**', '**/cli/**'],
              message: 'src/core must not import a shell.',
            },
            { group: ['**/devnet/**'], message: 'src/ never imports the devnet.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/extension/**', '**/widget/**', '**/cli/**', '**/devnet/**'],
              message: 'src/ui sits below the shells.',
            },
          ],
        },
      ],
    },
  },
  {
    // One code path for Chrome and Firefox (docs/ARCHITECTURE.md §6): the extension calls `browser.*` from
    // webextension-polyfill, never Chrome's own global.
    files: ['extension/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}', '**/*.test-helper.{ts,tsx}'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'chrome',
          message: "Use `browser` from 'webextension-polyfill': it serves Chrome and Firefox.",
        },
      ],
    },
  },
  {
    // Shells reach core and the shared UI only through their entry points (src/core/index.ts, src/ui/index.ts),
    // so what is internal there can move without touching a shell. Tests may reach in for fixtures.
    files: [
      'extension/**/*.{ts,tsx}',
      'widget/**/*.{ts,tsx}',
      'cli/**/*.ts',
      'examples/**/*.{ts,tsx}',
      'scripts/**/*.ts',
    ],
    ignores: ['**/*.test.{ts,tsx}', '**/*.test-helper.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/core/*', '**/src/ui/*'],
              message: 'Import from src/core or src/ui (their index.ts), not from a file inside them.',
            },
          ],
        },
      ],
    },
  },
)
