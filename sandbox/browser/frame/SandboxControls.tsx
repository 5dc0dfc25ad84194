// The sandbox's own controls (not the app's): run now what Forge runs every hour, so automatic
// logging and Jira's side of the story can be tried without waiting.
import { useState } from 'react';

type Flag = (flag: Record<string, unknown>) => void;

const BUTTONS = [
  { what: 'trigger', label: 'Run automatic logging now' },
  { what: 'reconcile', label: 'Run Jira reconciliation now' },
] as const;

const plural = (n: number, one: string, other: string) => `${n} ${n === 1 ? one : other}`;

export function SandboxControls({ showFlag }: { showFlag: Flag }) {
  const [busy, setBusy] = useState<'trigger' | 'reconcile' | null>(null);
  const run = async (what: 'trigger' | 'reconcile') => {
    setBusy(what);
    try {
      const response = await fetch(what === 'trigger' ? '/api/scheduled-trigger' : '/api/reconcile', { method: 'POST' });
      if (!response.ok) throw new Error(`The sandbox answered ${response.status}`);
      if (what === 'trigger') {
        const { queued } = (await response.json()) as { queued: number };
        showFlag({
          type: 'success',
          title: 'Automatic logging ran',
          description: queued
            ? `${plural(queued, 'person', 'people')} with automatic logging on queued. Reload the app's page in a moment to see what was logged.`
            : 'Nobody has automatic logging on: turn it on in Timecard sync → Automatic first.',
        });
      } else {
        showFlag({
          type: 'success',
          title: 'Jira reconciliation ran',
          description:
            "Edits and deletions in Jira (and worklogs gone with their issue) are marked on the records now. Reload the app's page to see them.",
        });
      }
    } catch (error) {
      showFlag({ type: 'error', title: 'The sandbox could not run it', description: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="sandbox-controls" role="group" aria-label="Sandbox: run the hourly jobs now">
      {BUTTONS.map(({ what, label }) => (
        <button
          key={what}
          type="button"
          className="sandbox-control"
          disabled={busy !== null}
          onClick={() => void run(what)}
          data-testid={`sandbox-run-${what}`}
        >
          {busy === what ? 'Running…' : label}
        </button>
      ))}
    </div>
  );
}
