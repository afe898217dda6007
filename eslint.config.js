import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = { group: ['node:*'], message: 'Pure layer: no Node built-ins here.' }
const electron = { name: 'electron', message: 'Only src-main/electron/** may import electron.' }

/** Layer rules of DESIGN §2, enforced per folder (see e2e of the rule in lint-rules.test.ts). */
const layers = [
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, { name: 'react', message: 'src-shared is UI-free.' }],
          patterns: [
            nodeBuiltins,
            {
              group: ['**/src-main/**', '**/src-renderer/**'],
              message: 'src-shared imports nothing above it.'
            },
            {
              group: ['better-sqlite3', 'sharp', 'ws', 'react-dom', '@mantine/*'],
              message: 'src-shared is pure TypeScript.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'child_process'],
              message: 'The renderer has no Node access.'
            },
            {
              group: ['**/src-main/**'],
              message: 'The renderer reaches the core only through the typed client.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/transports/electron-ipc.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [{ group: ['**/src-renderer/**'], message: 'The core never imports the UI.' }]
        }
      ]
    }
  },
  {
    files: ['src-main/services/**/*.ts', 'src-main/db/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron],
          patterns: [
            {
              group: ['**/transports/**', '**/electron/**', '**/server/**', '**/cli/**'],
              message: 'Services and the store know no transport or host.'
            },
            { group: ['**/src-renderer/**'], message: 'The core never imports the UI.' }
          ]
        }
      ]
    }
  }
]

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'node_modules/**',
      'e2e/artifacts/**',
      'bench/results/**',
      'test-results/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'separate-type-imports' }
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn'
    }
  },
  ...layers
)
