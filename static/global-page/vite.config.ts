// Builds the "Timecard sync" Custom UI page into static/global-page/build (manifest resource).
// History and the chart are React.lazy chunks; everything shared lands in one copy.
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  resolve: {
    dedupe: ['react', 'react-dom'],
  },
  build: {
    outDir: path.resolve(__dirname, 'build'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      treeshake: {
        // The page imports src/shared/contract.ts for its types and `isErrorResult` only; its zod
        // schemas are for the resolvers. Marking zod's builders pure lets them (and zod) drop out.
        manualPureFunctions: ['z'],
      },
    },
  },
});
