// ESLint: typescript-eslint's recommended rules, and the layers of docs/architecture.md as
// import rules (`no-restricted-imports` on the import strings; folder names are unique under src/).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import strings that reach into a layer folder of src/, from anywhere in src/ or static/. */
const into = (...folders) => `(^|/)(${folders.join('|')})(/|$)`;

/** `@typescript-eslint/no-restricted-imports` with these pattern groups (a later block replaces an earlier one). */
function restrict(...patterns) {
  return {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
  };
}

/** The same, and no Node.js module (by exact name: `domain` and `events` are folder names here too). */
function restrictInBrowserOrPure(why, ...patterns) {
  const paths = builtinModules.map((name) => ({ name, message: why }));
  return {
    'no-restricted-imports': 'off',
    '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns: [...patterns, { group: ['node:*'], message: why }] }],
  };
}

const forgeIo = {
  group: ['@forge/*'],
  message: 'Only src/adapters talks to Forge (@forge/api, @forge/kvs, @forge/events, @forge/resolver); depend on a port in src/services/ports.ts.',
};
const zodAtRuntime = {
  group: ['zod', '**/shared/schemas', './schemas'],
  allowTypeImports: true,
  message: 'Frontends and the domain ship no zod: import the zod-free src/shared/contract (type-only imports of the schemas are fine).',
};
const backendFromFrontend = {
  regex: into('services', 'resolvers', 'adapters'),
  message: 'A frontend reaches the backend only through invoke (src/shared/typedInvoke.ts) and the contract.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'build/', 'packaging/node_modules/', 'static/*/build/', 'sandbox/public/build/', 'coverage/', 'test-results/'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a callback's shape, a destructured-away field).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['src/**/*.tsx', 'src/**/use*.ts', 'static/**/*.tsx', 'static/**/use*.ts', 'sandbox/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Tests and benchmarks read resolver answers as JSON, and load modules after installing the bridge.
    files: ['tests/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },

  // ---------- the layers of src/ ----------
  {
    // Backend code other than the adapters: no Forge package, no frontend.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/adapters/**', 'src/frontend/**'],
    rules: restrict(forgeIo, { regex: into('frontend'), message: 'The backend never imports a frontend.' }),
  },
  {
    // The Forge entry points wire adapters to resolvers (and may import both).
    files: ['src/index.ts', 'src/consumer.ts'],
    rules: restrict(forgeIo),
  },
  {
    files: ['src/resolvers/**/*.ts'],
    rules: restrict(forgeIo, {
      regex: into('adapters', 'frontend'),
      message: 'Resolvers reach adapters only through the Deps they are given (the entry points src/index.ts and src/consumer.ts wire them).',
    }),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrict(forgeIo, {
      regex: into('adapters', 'resolvers', 'frontend'),
      message: 'Services depend on the ports in src/services/ports.ts, never on adapters or resolvers.',
    }),
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: restrictInBrowserOrPure('src/domain is pure: no I/O, no Node.js modules.', forgeIo, zodAtRuntime, {
      regex: into('services', 'resolvers', 'adapters', 'frontend'),
      message: 'src/domain is pure: it imports only itself and src/shared.',
    }),
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/schemas.ts'],
    rules: restrictInBrowserOrPure('src/shared runs in the browser too.', forgeIo, zodAtRuntime, {
      regex: into('domain', 'services', 'resolvers', 'adapters', 'frontend'),
      message: 'src/shared is the contract: it imports nothing of the app.',
    }),
  },
  {
    // The UI helpers both frontends share: the contract and the pure domain (durations, time zones).
    files: ['src/shared/ui/**/*.ts'],
    rules: restrictInBrowserOrPure('src/shared/ui runs in the browser.', forgeIo, zodAtRuntime, {
      regex: into('services', 'resolvers', 'adapters', 'frontend'),
      message: 'src/shared/ui is pure: it imports only src/shared and the pure domain.',
    }),
  },
  {
    files: ['src/shared/schemas.ts'],
    rules: restrict(forgeIo, {
      regex: into('domain', 'services', 'resolvers', 'adapters', 'frontend'),
      message: 'src/shared is the contract: it imports nothing of the app.',
    }),
  },

  // ---------- the frontends ----------
  {
    // UI Kit: @forge/react and @forge/bridge; src/shared, the pure domain and its own folder.
    files: ['src/frontend/**/*.{ts,tsx}'],
    rules: restrictInBrowserOrPure(
      'Frontend code runs in the browser.',
      { group: ['@forge/*', '!@forge/react', '!@forge/bridge'], message: 'UI Kit code uses @forge/react and @forge/bridge only.' },
      zodAtRuntime,
      backendFromFrontend,
      { regex: '(^|/)static/', message: 'The UI Kit surfaces never import the Custom UI page.' },
    ),
  },
  {
    // Custom UI: @forge/bridge; src/shared, the pure domain and its own folder.
    files: ['static/global-page/src/**/*.{ts,tsx}'],
    rules: restrictInBrowserOrPure(
      'Frontend code runs in the browser.',
      { group: ['@forge/*', '!@forge/bridge'], message: 'The Custom UI page uses @forge/bridge only.' },
      zodAtRuntime,
      backendFromFrontend,
      {
        regex: '(^|/)src/(?!shared/|services/|resolvers/|adapters/)',
        message: 'The global page imports only src/shared (the contract and the UI helpers in src/shared/ui) and its own folder.',
      },
    ),
  },
);
