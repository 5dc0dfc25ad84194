// `npm run package` (see build-package.ts). Forge's bundlers live in packaging/node_modules, apart
// from the app's install: say how to get them rather than fail on a missing module.
import { existsSync } from 'node:fs';
import path from 'node:path';

async function main() {
  if (!existsSync(path.join(__dirname, 'node_modules', '@forge', 'bundler'))) {
    throw new Error("Forge's bundlers are not installed yet: run `npm run package:install` once, then `npm run package` again.");
  }
  const { buildPackage } = await import('./build-package');
  await buildPackage();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
