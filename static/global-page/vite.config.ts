// Builds the "Timecard sync" Custom UI page into static/global-page/build (the manifest resource).
// Code-split: History, the chart, the connection form and the custom-range date pickers are lazy
// chunks; modules they share with the page land in one shared copy (no package bundled twice).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { FEATURE_GATE_CLIENT, NO_FEATURE_GATES_SOURCE } from './noFeatureGates';

const CONTRACT = path.resolve(__dirname, '../../src/shared/contract.ts');

/**
 * Two imports the page never needs at runtime, replaced by tiny stand-ins:
 * - `zod` as imported by src/shared/contract.ts: the page uses the contract's types, constants and
 *   `isErrorResult`; its schemas only run in the resolvers (which parse every payload). An inert `z`
 *   keeps the module evaluable without shipping zod (~60 kB min) to the browser.
 * - `@atlaskit/feature-gate-js-client` (Statsig): see ./noFeatureGates.ts (the sandbox's esbuild uses
 *   the same stand-in).
 */
function pageOnlyStandIns(): Plugin {
  const INERT_ZOD = '\0inert-zod';
  const NO_GATES = '\0no-feature-gates';
  return {
    name: 'timecard-page-stand-ins',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === 'zod' && importer && path.resolve(importer) === CONTRACT) return INERT_ZOD;
      if (source === FEATURE_GATE_CLIENT) return NO_GATES;
      return null;
    },
    load(id) {
      if (id === INERT_ZOD) {
        return [
          'const inert = new Proxy(function () {}, {',
          "  get: (_t, key) => (typeof key === 'symbol' || key === 'then' ? undefined : inert),",
          '  apply: () => inert,',
          '});',
          'export const z = inert;',
          'export default inert;',
        ].join('\n');
      }
      if (id === NO_GATES) return NO_FEATURE_GATES_SOURCE;
      return null;
    },
  };
}

export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [pageOnlyStandIns(), react()],
  resolve: {
    dedupe: ['react', 'react-dom'],
  },
  build: {
    outDir: path.resolve(__dirname, 'build'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
});
