import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

const nodeBuiltins = { group: ['node:*'], message: 'Pure layer: no Node built-ins here.' }
const sqlMessage = 'SQL lives in src-main/store/ (a repository) or src-main/db/ (migrations).'
const sqlOutsideStore = [
  { selector: "CallExpression[callee.property.name='prepare']", message: sqlMessage },
  {
    selector:
      "CallExpression[callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]",
    message: sqlMessage
  },
  {
    selector:
      'CallExpression[callee.property.name=/^(exec|pragma|function|aggregate|loadExtension)$/][callee.object.name=/^(db|database)$/]',
    message: sqlMessage
  },
  {
    selector:
      "CallExpression[callee.property.name=/^(exec|pragma|function|aggregate|loadExtension)$/][callee.object.property.name='db']",
    message: sqlMessage
  }
]
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
  },
  {
    // Every SQL statement lives in a repository of src-main/store/ (or a migration in db/), so a
    // schema change has one place to look. Tests may read the database they set up.
    files: ['src-main/**/*.ts', 'bench/**/*.ts'],
    ignores: ['src-main/store/**', 'src-main/db/**', '**/*.test.ts', '**/test-support/**'],
    rules: {
      'no-restricted-syntax': ['error', ...sqlOutsideStore]
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
