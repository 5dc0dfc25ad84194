// Builds the "Timecard sync" Custom UI page into static/global-page/build (the manifest resource).
// Code-split: History, the chart, the connection form and the custom-range date pickers are lazy
// chunks; modules they share with the page land in one shared copy (no package bundled twice).
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { FEATURE_GATE_CLIENT, NO_FEATURE_GATES_SOURCE } from './noFeatureGates';

/**
 * `@atlaskit/feature-gate-js-client` (Statsig), which the page never needs at runtime, replaced by a
 * tiny stand-in: see ./noFeatureGates.ts (the sandbox's esbuild uses the same stand-in). The page
 * ships no zod: it imports only the contract's zod-free module (src/shared/contract.ts), whose types
 * come from the schemas through type-only imports.
 */
function noFeatureGates(): Plugin {
  const NO_GATES = '\0no-feature-gates';
  return {
    name: 'timecard-page-no-feature-gates',
    enforce: 'pre',
    resolveId(source) {
      return source === FEATURE_GATE_CLIENT ? NO_GATES : null;
    },
    load(id) {
      return id === NO_GATES ? NO_FEATURE_GATES_SOURCE : null;
    },
  };
}

export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [noFeatureGates(), react()],
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
