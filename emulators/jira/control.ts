/** HTTP control surface under /__emulator/ (no auth, no faults, not counted). */
import type { FaultSpec, JiraEmulator } from './types';
import type { JiraLimits } from './limits';
import type { JiraState } from './state';
import type { Reply } from './router';

type Obj = Record<string, unknown>;
const obj = (b: unknown): Obj => (typeof b === 'object' && b !== null && !Array.isArray(b) ? (b as Obj) : {});

export interface FaultConfig {
  spec?: string | FaultSpec;
  latencyMs?: number;
  retryAfterSeconds?: number;
  randomSeed?: number;
}

/** The emulator as the control surface sees it. */
export interface ControlTarget extends JiraEmulator {
  configureFaults(c: FaultConfig): void;
  faultInfo(): { spec: string; latencyMs: number; retryAfterSeconds: number };
}

export function handleControl(emu: ControlTarget, state: JiraState, method: string, path: string, query: URLSearchParams, body: unknown): Reply {
  const b = obj(body);
  const key = `${method} ${path}`;
  try {
    switch (key) {
      case 'GET /__emulator/state':
        return { status: 200, body: state.snapshot() };
      case 'POST /__emulator/seed':
        emu.seed(b);
        return { status: 200, body: { ok: true } };
      case 'POST /__emulator/faults':
        emu.configureFaults({
          spec: b.spec as string | FaultSpec | undefined,
          latencyMs: b.latencyMs === undefined ? undefined : Number(b.latencyMs),
          retryAfterSeconds: b.retryAfterSeconds === undefined ? undefined : Number(b.retryAfterSeconds),
          randomSeed: b.randomSeed === undefined ? undefined : Number(b.randomSeed),
        });
        return { status: 200, body: emu.faultInfo() };
      case 'GET /__emulator/limits':
        return { status: 200, body: emu.limits() };
      case 'POST /__emulator/limits':
        emu.setLimits(b as JiraLimits);
        return { status: 200, body: emu.limits() };
      case 'GET /__emulator/counts':
        return { status: 200, body: emu.counts() };
      case 'POST /__emulator/counts/reset':
        emu.resetCounts();
        return { status: 200, body: { ok: true } };
      case 'GET /__emulator/worklogs':
        return { status: 200, body: emu.worklogs(query.get('issueKey') ?? '') };
      case 'POST /__emulator/time-tracking':
        emu.setTimeTracking(b.enabled !== false);
        return { status: 200, body: { timeTrackingEnabled: b.enabled !== false } };
      case 'POST /__emulator/move-issue':
        emu.moveIssue(String(b.oldKey), String(b.newKey));
        return { status: 200, body: { ok: true } };
      case 'POST /__emulator/fail-next':
        emu.failNext(Number(b.n ?? 1), b as never);
        return { status: 200, body: { ok: true } };
      case 'POST /__emulator/clock':
        emu.advanceClock(Number(b.advanceMs ?? 0));
        return { status: 200, body: { now: new Date(state.now()).toISOString() } };
      case 'POST /__emulator/edit-worklog':
        return { status: 200, body: emu.editWorklog(String(b.issueKey), String(b.worklogId), obj(b.patch), b.byAccountId as string | undefined) };
      case 'POST /__emulator/delete-issue':
        emu.deleteIssue(String(b.issueKey));
        return { status: 204 };
      case 'GET /__emulator/events':
        return { status: 200, body: emu.productEvents() };
      case 'POST /__emulator/delete-worklog':
        emu.deleteWorklogAsOther(String(b.issueKey), String(b.worklogId), b.byAccountId as string | undefined);
        return { status: 204 };
      default:
        return { status: 404, body: { error: `Unknown control endpoint ${key}` } };
    }
  } catch (e) {
    return { status: 400, body: { error: e instanceof Error ? e.message : String(e) } };
  }
}
