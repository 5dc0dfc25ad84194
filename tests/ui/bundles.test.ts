// What the frontends ship: neither the UI Kit surfaces nor the global page bundle zod. They import
// the contract's zod-free module; the schemas run only in the resolvers. Bundled here with esbuild,
// every package kept external, so the test sees exactly which packages the app's own code imports.
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const ENTRIES = {
  'issue-panel': 'src/frontend/issue-panel/index.tsx',
  'project-settings': 'src/frontend/project-settings/index.tsx',
  admin: 'src/frontend/admin/index.tsx',
  'global-page': 'static/global-page/src/main.tsx',
};

/** Keeps every bare import (a package) out of the bundle and records it. */
function recordPackages(seen: Set<string>): Plugin {
  return {
    name: 'record-packages',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        seen.add(args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0]);
        return { path: args.path, external: true };
      });
    },
  };
}

test.each(Object.entries(ENTRIES))('%s imports no zod at runtime', async (_name, entry) => {
  const packages = new Set<string>();
  await build({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    jsx: 'automatic',
    loader: { '.css': 'empty', '.svg': 'empty' },
    logLevel: 'silent',
    plugins: [recordPackages(packages)],
  });
  expect(packages.has('react')).toBe(true);
  expect([...packages]).not.toContain('zod');
});
