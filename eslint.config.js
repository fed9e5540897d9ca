import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Room boundaries (see ARCHITECTURE.md) are enforced here, not by convention. */
const ENGINE_FORBIDDEN = {
  patterns: [
    {
      group: [
        'react',
        'react-*',
        'react/*',
        'dexie',
        'dexie-*',
        'i18next',
        'react-i18next',
        'formik',
        'workbox-*',
        'node:*',
      ],
      message: 'The engine is pure: no UI, storage, i18n or Node imports (ARCHITECTURE.md).',
    },
    {
      group: [
        '**/storage/**',
        '**/sync/**',
        '**/features/**',
        '**/components/**',
        '**/i18n/**',
        '**/pwa/**',
        '**/server/**',
        '**/cli/**',
      ],
      message: 'The engine imports nothing from the other rooms.',
    },
  ],
};
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'url',
  'util',
  'stream',
  'process',
];

const ENGINE_ENTRY_ONLY = {
  group: ['**/engine/*', '!**/engine/index.ts', '!**/engine/index'],
  message: 'Import the engine through src/engine/index.ts only.',
};

const STORAGE_ONLY =
  'Only src/storage/ imports Dexie; other rooms use its stores (ARCHITECTURE.md).';
const DEXIE_PATHS = [
  { name: 'dexie', message: STORAGE_ONLY },
  { name: 'dexie-react-hooks', message: STORAGE_ONLY },
];
const ONE_I18NEXT_SUBSCRIPTION = {
  name: 'react-i18next',
  importNames: ['useTranslation'],
  message:
    'Use useUiText() from src/i18n/uiText.tsx: one i18next subscription for the app (ARCHITECTURE.md).',
};

/** Network calls are made in src/sync/ (and by the service worker, the server and the tools). */
const NETWORK_ONLY_IN_SYNC =
  'Network calls live in src/sync/ (ARCHITECTURE.md); call a client there.';
const NETWORK_GLOBALS = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'];
const NETWORK_RESTRICTIONS = {
  'no-restricted-globals': [
    'error',
    ...NETWORK_GLOBALS.map((name) => ({ name, message: NETWORK_ONLY_IN_SYNC })),
  ],
  'no-restricted-properties': [
    'error',
    { property: 'sendBeacon', message: NETWORK_ONLY_IN_SYNC },
    ...['window', 'globalThis', 'self'].flatMap((object) =>
      NETWORK_GLOBALS.map((property) => ({ object, property, message: NETWORK_ONLY_IN_SYNC })),
    ),
  ],
};

/** Rooms shared by app and server read no browser, process or clock state: it is passed in. */
const NO_AMBIENT_GLOBALS = [
  'window',
  'document',
  'navigator',
  'localStorage',
  'indexedDB',
  'process',
  'Date',
  ...NETWORK_GLOBALS,
];

/** The contract is shared by app and server: yup, the engine's entry and its own modules only. */
const CONTRACT_IMPORTS = {
  regex: '^(?!yup$|\\./[\\w.]+\\.ts$|\\.\\./engine/index\\.ts$)',
  message: 'src/contract/ imports only yup and src/engine/index.ts (ARCHITECTURE.md).',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'dist-server/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      'no-restricted-imports': [
        'error',
        { patterns: [ENGINE_ENTRY_ONLY], paths: [ONE_I18NEXT_SUBSCRIPTION, ...DEXIE_PATHS] },
      ],
    },
  },
  {
    // The one place that subscribes to i18next for the app.
    files: ['src/i18n/uiText.tsx'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [ENGINE_ENTRY_ONLY], paths: DEXIE_PATHS }],
    },
  },
  {
    // The one room that imports Dexie.
    files: ['src/storage/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [ENGINE_ENTRY_ONLY], paths: [ONE_I18NEXT_SUBSCRIPTION] },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: NETWORK_RESTRICTIONS,
  },
  {
    files: ['src/sync/**', 'src/pwa/**', 'src/server/**', 'src/cli/**'],
    rules: { 'no-restricted-globals': 'off', 'no-restricted-properties': 'off' },
  },
  {
    // The questionnaire files are static app files (precached), not the API: fetched where the
    // catalog checks their hash, below every room that reads them.
    files: ['src/platform/catalog.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['src/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [CONTRACT_IMPORTS] }],
      'no-restricted-globals': ['error', ...NO_AMBIENT_GLOBALS],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { ...ENGINE_FORBIDDEN, paths: NODE_BUILTINS }],
      'no-restricted-globals': ['error', ...NO_AMBIENT_GLOBALS],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='eval']",
          message: 'Conditions are data; nothing is evaluated as code.',
        },
        {
          selector: "NewExpression[callee.name='Function']",
          message: 'Conditions are data; nothing is evaluated as code.',
        },
        {
          selector: "MemberExpression[object.name='Math'][property.name='random']",
          message: 'No ambient randomness in the engine: pass ids in.',
        },
      ],
    },
  },
  {
    // Every user-facing text comes from locales/ (nb and nn) or from a questionnaire spec.
    files: ['src/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXText[value=/[A-Za-zÆØÅæøå]/]',
          message: 'No raw text in JSX: use t() with a key in locales/.',
        },
        {
          selector:
            'JSXAttribute[name.name=/^(aria-label|title|alt|placeholder|aria-description)$/] > Literal',
          message: 'No raw text in accessible names: use t() with a key in locales/.',
        },
      ],
    },
  },
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // expect.objectContaining() and friends are typed `any` by design
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
