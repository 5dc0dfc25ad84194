// The layer rules of eslint.config.mjs (docs/architecture.md, "Layers"), tried on one import at a
// time as if it were written in a file of that layer: each forbidden import is refused, each
// allowed one passes.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * The import-rule messages ESLint gives each [file, import line] (in a child process: ESLint loads
 * its flat config with a dynamic import, which Jest's module sandbox does not run).
 */
function lint(cases: [string, string][]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const cases = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
    const eslint = new ESLint({ cwd: process.cwd() });
    Promise.all(cases.map(async ([file, line]) => {
      const [result] = await eslint.lintText(line + '\\nexport const used = [x];\\n', { filePath: file });
      return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
    })).then((all) => process.stdout.write(JSON.stringify(all)));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, input: JSON.stringify(cases), encoding: 'utf8' }));
}

const refused: [file: string, line: string][] = [
  ['src/domain/new.ts', "import { x } from '@forge/api';"],
  ['src/domain/new.ts', "import { x } from 'node:crypto';"],
  ['src/domain/new.ts', "import { x } from 'crypto';"],
  ['src/domain/new.ts', "import { x } from '../services/keys';"],
  ['src/domain/new.ts', "import { x } from '../adapters/clock';"],
  ['src/domain/new.ts', "import { x } from 'zod';"],
  ['src/services/new.ts', "import { x } from '@forge/kvs';"],
  ['src/services/new.ts', "import { x } from '../adapters/store';"],
  ['src/services/new.ts', "import { x } from '../resolvers/errors';"],
  ['src/resolvers/new.ts', "import { x } from '@forge/events';"],
  ['src/resolvers/new.ts', "import { x } from '../adapters/forgeDeps';"],
  ['src/shared/new.ts', "import { x } from '../domain/time';"],
  ['src/shared/new.ts', "import { x } from './schemas';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '@forge/api';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '../../services/sync';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '../../shared/schemas';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from 'zod';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '../../../static/global-page/src/format';"],
  ['static/global-page/src/new.ts', "import { x } from '@forge/react';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/services/recordViews';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/frontend/issue-panel/records';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/frontend/common/messages';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/frontend/common/format';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/frontend/common/status';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/domain/duration';"],
  ['src/shared/ui/new.ts', "import { x } from '../../frontend/common/messages';"],
  ['src/shared/ui/new.ts', "import { x } from '@forge/bridge';"],
];

const allowed: [file: string, line: string][] = [
  ['src/domain/new.ts', "import { x } from './time';"],
  ['src/domain/new.ts', "import { x } from '../shared/contract';"],
  ['src/domain/new.ts', "import type { x } from 'zod';"],
  ['src/services/new.ts', "import { x } from '../domain/time';"],
  ['src/adapters/new.ts', "import { x } from '@forge/api';"],
  ['src/index.ts', "import { x } from './adapters/forgeDeps';"],
  ['src/resolvers/new.ts', "import { x } from '../services/sync';"],
  ['src/shared/schemas.ts', "import { x } from 'zod';"],
  ['src/shared/new.ts', "import type { x } from './schemas';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '@forge/react';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '@forge/bridge';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '../common/status';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '../../shared/contract';"],
  ['src/frontend/issue-panel/new.ts', "import { x } from '../../domain/duration';"],
  ['static/global-page/src/new.ts', "import { x } from '@forge/bridge';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/shared/typedInvoke';"],
  ['static/global-page/src/new.ts', "import { x } from './format';"],
  ['static/global-page/src/new.ts', "import { x } from '../../../src/shared/ui/status';"],
  ['src/shared/ui/new.ts', "import { x } from '../../domain/duration';"],
  ['src/shared/ui/new.ts', "import { x } from '../contract';"],
];

let refusedMessages: string[][];
let allowedMessages: string[][];
beforeAll(() => {
  const all = lint([...refused, ...allowed]);
  refusedMessages = all.slice(0, refused.length);
  allowedMessages = all.slice(refused.length);
});

test.each(refused.map((c, i) => [...c, i] as const))('%s: refuses %s', (_file, _line, i) => {
  expect(refusedMessages[i]).toHaveLength(1);
  expect(refusedMessages[i][0]).toMatch(/\w+ \w+/);
});

test.each(allowed.map((c, i) => [...c, i] as const))('%s: allows %s', (_file, _line, i) => {
  expect(allowedMessages[i]).toEqual([]);
});
