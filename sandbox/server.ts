// `npm start`: the whole app offline in a browser. Runs in the foreground until Ctrl-C / SIGTERM.
//
//   PORT             web server port (default 4600)
//   JIRA_URL         use this Jira-compatible server instead of the emulator (calls carry Bearer <accountId>)
//   TIMECARD_URL     use this timecard server instead of the emulator (nothing is seeded there)
//   JIRA_LATENCY_MS  latency of every Jira emulator call
//   JIRA_FAULTS      e.g. 429:0.2 (20 % of Jira calls answer 429 with Retry-After)
//   JIRA_RETRY_AFTER Retry-After seconds of injected 429/503 (default 1)
//   JIRA_BURST, JIRA_BURST_BUFFER_SECONDS, JIRA_PER_ISSUE_WRITES, JIRA_QUOTA, JIRA_QUOTA_POOL
//                    Jira's rate limits in the emulator (see emulators/jira/limits.ts)
//   SANDBOX_REBUILD  1 = rebuild the browser bundles and the Custom UI page even when fresh
import path from 'node:path';
import { limitsFromEnv } from '../emulators/jira';
import { buildSandbox } from './build';
import { readSurfaces } from './manifest';
import { PortInUseError, startSandbox, type Sandbox } from './sandbox';

const root = path.resolve(__dirname, '..');

function numberFromEnv(name: string, fallback?: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    console.error(`${name} must be a non-negative number (got "${raw}").`);
    process.exit(2);
  }
  return value;
}

function limitsOrExit() {
  try {
    return limitsFromEnv(process.env);
  } catch (error) {
    console.error(`${(error as Error).message}. See the table in README.md for the accepted forms.`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const port = numberFromEnv('PORT', 4600)!;
  const jiraLimits = limitsOrExit();
  const surfaces = readSurfaces(root);
  const build = await buildSandbox({ root, surfaces, force: process.env.SANDBOX_REBUILD === '1', log: (line) => console.log(line) });
  for (const [key, reason] of Object.entries(build.missing)) console.warn(`Warning: ${key} is not available in the sandbox: ${reason}`);

  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      root,
      surfaces,
      build,
      port,
      jiraUrl: process.env.JIRA_URL || undefined,
      timecardUrl: process.env.TIMECARD_URL || undefined,
      jiraLatencyMs: numberFromEnv('JIRA_LATENCY_MS', 0),
      jiraFaults: process.env.JIRA_FAULTS || undefined,
      jiraRetryAfterSeconds: numberFromEnv('JIRA_RETRY_AFTER'),
      jiraLimits,
      log: (line) => console.log(line),
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      console.error(`Port ${error.port} is already in use, so the sandbox cannot serve there.`);
      console.error(`Stop whatever uses it, or pick another port: PORT=${error.port + 1} npm start`);
      process.exit(1);
    }
    throw error;
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the sandbox…`);
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  console.log(`Sandbox ready: ${sandbox.url}`);
  const { demo } = sandbox;
  if (demo.username) console.log(`Demo timecard login: ${demo.username} / ${demo.password}`);
  else console.log(`Timecard server: ${sandbox.timecardUrl} (sign in with your own account)`);
  console.log(
    `Jira: ${sandbox.jiraUrl}${process.env.JIRA_URL ? '' : ' (emulator)'} · Timecard: ${sandbox.timecardUrl}${process.env.TIMECARD_URL ? '' : ' (emulator)'}`,
  );
  console.log(`People: Alice (may log work), Victor (may not), Ada (Jira admin) — switch at the top right. Ctrl-C stops.`);
}

main().catch((error: unknown) => {
  console.error('The sandbox could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
