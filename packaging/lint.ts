// `npm run lint:forge`: @forge/lint's client-side checks, as `forge lint` runs them, offline.
// Why not `forge lint` itself: the command requires `forge login` before it starts (@forge/cli
// 13.3.0 asks every command for credentials unless it is marked requireNoAuthentication, and lint
// is not), and it lints in mode 'both', whose server-side linter uploads the app through the
// CLI's authenticated GraphQL client. The client-side linters need no login, only the network:
// the permission linter downloads the products' OpenAPI specs from developer.atlassian.com (to
// know which scope each REST route needs) and the manifest linters ask Statsig which runtimes
// are deprecated. Offline, the permission linter reads local specs instead (@forge/lint's
// USE_LOCAL_SWAGGER): the Jira excerpt the emulator is built on (emulators/jira/openapi-subset.json,
// with each route's OAuth2 scopes), and no routes for the products the app does not call; no
// runtime counts as deprecated. The server-side linter is not run.
//
// forge lint finds product calls only as `requestJira(<literal route>, { method: '<literal>' })`;
// the app's Jira adapter sends every route through one helper (`call(route`...`, jsonInit('POST'))`),
// so forge lint sees none of them and passes without checking a scope. So the routes are also read
// from the adapter's source and given to forge lint's own Jira verifier (its spec lookup and
// @forge/manifest's getMissingScopes). A route missing from the spec excerpt fails the check, and a
// self-check (the manifest without `write:jira-work` must be reported) proves the check bites.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigFile, FileSystemReader, FileSystemWriter, listGitIgnoreFiles } from '@forge/cli-shared';
import { lint, PermissionLinter, problemCount, reportLintResults, type LintResultRule } from '@forge/lint';

const APP_DIR = path.resolve(__dirname, '..');
const JIRA_SPEC = path.join(APP_DIR, 'emulators/jira/openapi-subset.json');
const JIRA_ADAPTER = 'src/adapters/jira/index.ts';

interface JiraCall {
  product: 'jira';
  type: string;
  path: string;
  method: string;
  line: number;
  column: number;
}

/** Every `route`...`` of the Jira adapter with the method of its `jsonInit(...)`, shaped as forge lint's ProductNodeVisitor shapes a call. */
export function jiraCallsOf(source: string): JiraCall[] {
  const lines = source.split('\n');
  return lines.flatMap((text, index) =>
    [...text.matchAll(/route`([^`]+)`(?:\s*,\s*jsonInit\('([A-Z]+)')?/g)].map((m) => ({
      product: 'jira' as const,
      type: 'PRODUCT',
      path: m[1].replace(/\$\{[^}]*\}/g, '\\S*'),
      method: m[2] ?? 'GET',
      line: index + 1,
      column: m.index ?? 0,
    })),
  );
}

/** The parts of forge lint's PermissionLinter this check uses (not in its typings). */
interface JiraVerifier {
  process(calls: JiraCall[]): Promise<LintResultRule[]>;
  lookupApiCall(call: JiraCall): unknown;
}

async function checkJiraRoutes(manifest: Parameters<typeof lint>[1]): Promise<{ calls: JiraCall[]; unknown: JiraCall[]; missing: LintResultRule[] }> {
  const linter = new PermissionLinter('development', manifest, logger as never);
  await linter.bootstrap();
  const verifier = (linter as unknown as { verifiers: { jira: JiraVerifier } }).verifiers.jira;
  const calls = jiraCallsOf(readFileSync(path.join(APP_DIR, JIRA_ADAPTER), 'utf8'));
  return { calls, unknown: calls.filter((c) => !verifier.lookupApiCall(c)), missing: await verifier.process(calls) };
}

function useLocalSpecs() {
  const none = path.join(mkdtempSync(path.join(tmpdir(), 'forge-lint-')), 'no-routes.json');
  writeFileSync(none, JSON.stringify({ paths: {} }));
  Object.assign(process.env, {
    USE_LOCAL_SWAGGER: 'true',
    LOCAL_JIRA_SWAGGER: JIRA_SPEC,
    LOCAL_JSM_SWAGGER: none,
    LOCAL_JSW_SWAGGER: none,
    LOCAL_CONF_SWAGGER: none,
    LOCAL_CONF_V2_SWAGGER: none,
    LOCAL_BB_SWAGGER: none,
  });
}

/** The CLI asks Statsig only for the runtimes it deprecates; offline, none are. */
const offlineFeatureFlags = { getDeprecatedRuntimes: async () => [] } as never;

const logger = { info: (message: string) => console.log(message), warn: (message: string) => console.warn(message), debug: () => undefined };

async function filesToLint(config: ConfigFile, reader: FileSystemReader): Promise<string[]> {
  // As @forge/cli's LintService: src/ and the folders of the UI Kit resources, minus git-ignored files.
  const exclude = [...(await listGitIgnoreFiles(reader)), '.git', 'node_modules'];
  const uiKit = (await config.getResources(['nativeUI'])).map((r) => path.dirname(r.path));
  const files = (await Promise.all(['./src', ...uiKit].map((dir) => reader.recursiveReadDir(dir, exclude)))).flat();
  return [...new Set(files)];
}

async function main() {
  process.chdir(APP_DIR);
  useLocalSpecs();
  const reader = new FileSystemReader();
  const config = new ConfigFile(reader, new FileSystemWriter());
  const manifest = await config.readConfig();
  const files = await filesToLint(config, reader);
  const run = (m: typeof manifest) => lint(files, m, 'development', logger as never, offlineFeatureFlags, { linter: { mode: 'client-side' } });

  const results = await run(manifest);
  const { errors, warnings } = problemCount(results);
  if (errors + warnings > 0) reportLintResults(logger as never, results);
  console.log(`forge lint (client-side, offline): ${files.length} files, ${errors} errors, ${warnings} warnings.`);

  const routes = await checkJiraRoutes(manifest);
  for (const call of routes.unknown)
    console.log(
      `  ${JIRA_ADAPTER}:${call.line} ${call.method} ${call.path}: not in ${path.relative(APP_DIR, JIRA_SPEC)}, so its scope cannot be checked`,
    );
  for (const rule of routes.missing) console.log(`  ${JIRA_ADAPTER}:${rule.line} ${rule.message}`);
  console.log(
    `Jira routes of ${JIRA_ADAPTER}: ${routes.calls.length} calls, ${routes.unknown.length} not in the spec, ${routes.missing.length} missing scopes.`,
  );

  const scopes = manifest.permissions?.scopes as string[] | undefined;
  const withoutWrite = { ...manifest, permissions: { ...manifest.permissions, scopes: scopes?.filter((s) => s !== 'write:jira-work') } };
  const selfCheck = (await checkJiraRoutes(withoutWrite)).missing.filter((r) => r.metadata?.missingPermission === 'write:jira-work');
  if (selfCheck.length === 0) throw new Error('Self-check failed: without write:jira-work nothing was reported, so the routes were not checked.');
  console.log(`Self-check: without write:jira-work, ${selfCheck.length} calls are reported as needing it.`);
  if (routes.unknown.length + routes.missing.length > 0) process.exitCode = 1;
  if (errors > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
