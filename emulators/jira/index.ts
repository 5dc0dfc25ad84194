/** Jira Cloud REST v3 emulator: a stateful, strict HTTP server for tests and the sandbox. */
import { JiraEmulatorServer } from './server';
import type { JiraEmulator, JiraEmulatorOptions } from './types';

export type {
  Counts,
  FailNextMatcher,
  FaultSpec,
  JiraEmulator,
  JiraEmulatorOptions,
  JiraSeed,
  SeedIssue,
  SeedProject,
  SeedUser,
  SeedWorklog,
  StatusName,
  StoredWorklog,
  WorklogPatch,
} from './types';
export { parseFaultSpec } from './faults';
export { WORKLOG_EVENT_TYPES, type WorklogProductEvent } from './events';
export { DOCUMENTED_LIMITS, limitsFromEnv, pointsOf, type JiraLimits } from './limits';
export { formatJiraDateTime, parseJiraDateTime } from './time';

/** Starts the emulator on 127.0.0.1 (`port` 0 or omitted = a free port). */
export async function startJiraEmulator(opts: JiraEmulatorOptions = {}): Promise<JiraEmulator> {
  const server = new JiraEmulatorServer(opts);
  await server.listen(opts.port ?? 0);
  return server;
}
