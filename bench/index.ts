// `npm run bench`: runs every bench/*.bench.ts in turn; each prints its own figures.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { printGoals } from './goals';

async function main() {
  const only = process.argv[2];
  const files = readdirSync(__dirname)
    .filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)))
    .sort();
  for (const file of files) {
    console.log(`\n=== ${file.replace('.bench.ts', '')} ===`);
    const mod = await import(path.join(__dirname, file));
    await mod.run();
  }
  printGoals();
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
