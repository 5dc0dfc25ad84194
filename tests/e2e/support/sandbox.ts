// Starts the sandbox exactly as `npm start` does (sandbox/server.ts in its own process) on a free
// port, waits for its ready line, and stops it with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../..');

export interface RunningSandbox {
  url: string;
  port: number;
  jiraUrl: string;
  timecardUrl: string;
  demo: { username: string; password: string; accountId: string };
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then waits for the exit; resolves with the exit code. */
  stop(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function spawnSandbox(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function startSandbox(env: Record<string, string> = {}, timeoutMs = 150_000): Promise<RunningSandbox> {
  const port = await freePort();
  const { child, output, exited } = spawnSandbox({ PORT: String(port), ...env });
  const ready = new RegExp(`^Sandbox ready: (http://localhost:${port})$`, 'm');
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The sandbox did not get ready within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const check = () => {
      const match = ready.exec(output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`The sandbox exited (${code}) before it was ready:\n${output()}`));
    });
  });
  const info = (await (await fetch(`${url}/api/sandbox`)).json()) as Pick<RunningSandbox, 'jiraUrl' | 'timecardUrl' | 'demo'>;
  return {
    url,
    port,
    ...info,
    child,
    output,
    async stop() {
      if (child.exitCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Worklogs as the Jira emulator stores them (control route: no faults, no auth). */
export interface StoredWorklog {
  id: string;
  issueKey: string;
  authorAccountId: string;
  started: string;
  timeSpentSeconds: number;
  properties: Record<string, { recordId?: number } | undefined>;
}

export async function emulatorWorklogs(sandbox: Pick<RunningSandbox, 'jiraUrl'>, issueKey: string): Promise<StoredWorklog[]> {
  const response = await fetch(`${sandbox.jiraUrl}/__emulator/worklogs?issueKey=${encodeURIComponent(issueKey)}`);
  if (!response.ok) throw new Error(`emulator worklogs ${issueKey}: ${response.status}`);
  return (await response.json()) as StoredWorklog[];
}

export const DEMO_ISSUES = ['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-4', 'DEMO-5', 'DEMO-6'];

export async function allWorklogs(sandbox: Pick<RunningSandbox, 'jiraUrl'>): Promise<StoredWorklog[]> {
  return (await Promise.all(DEMO_ISSUES.map((key) => emulatorWorklogs(sandbox, key)))).flat();
}

export async function invoke(
  sandbox: Pick<RunningSandbox, 'url'>,
  functionKey: string,
  payload: unknown,
  context: Record<string, unknown>,
): Promise<any> {
  const response = await fetch(`${sandbox.url}/api/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey, payload, context }),
  });
  return response.json();
}
