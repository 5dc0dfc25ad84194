// tsconfig.json is what Forge's bundlers compile src/ with (`forge deploy`, `npm run package`);
// these are the options they depend on, checked here too so `npm test` fails before a deploy would.
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');

function parsed(file: string) {
  const { config, error } = ts.readConfigFile(path.join(ROOT, file), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT);
}

test('tsconfig.json lets TypeScript emit, as ts-loader needs (no noEmit, no emitDeclarationOnly)', () => {
  const { options, errors } = parsed('tsconfig.json');
  expect(errors).toEqual([]);
  expect(options.noEmit).not.toBe(true);
  expect(options.emitDeclarationOnly).not.toBe(true);
});

test('tsconfig.json compiles src/ to ES modules, so webpack can leave out what the functions never import', () => {
  const { options, fileNames } = parsed('tsconfig.json');
  expect(options.module).toBe(ts.ModuleKind.ES2022);
  expect(fileNames).toEqual(expect.arrayContaining([path.join(ROOT, 'src/index.ts'), path.join(ROOT, 'src/consumer.ts')]));
  expect(fileNames.every((f) => f.startsWith(path.join(ROOT, 'src') + path.sep))).toBe(true);
});

test('the type check of the whole repo (tsconfig.check.json) does not emit', () => {
  const { options } = parsed('tsconfig.check.json');
  expect(options.noEmit).toBe(true);
});
