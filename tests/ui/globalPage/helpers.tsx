// Rendering helpers for the global page tests. Import './bridgeShim' before this module.
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import App, { type AppProps } from '../../../static/global-page/src/App';
import { shim } from './bridgeShim';
import type { FakeBackend } from './fakeBackend';
import { startWorld, type World } from '../../support/world';

/** Wednesday 25 November 2026, 12:00 in Berlin. */
export const NOW = () => new Date('2026-11-25T11:00:00Z');

let rendered: FakeBackend | null = null;

/** After each test: the bridge shim is reset, and the backend the page talked to saw only calls the contract allows. */
export function checkBackendAfterEach(): void {
  afterEach(() => {
    const backend = rendered;
    rendered = null;
    shim.reset();
    if (backend) expect(backend.violations).toEqual([]);
  });
}

export function renderApp(backend: FakeBackend, props: Partial<AppProps> = {}) {
  rendered = backend;
  shim.route = (functionKey, payload) => backend.invoke(functionKey, payload);
  const user = userEvent.setup();
  const view = render(<App pollIntervalMs={15} searchDebounceMs={80} now={NOW} {...props} />);
  return { user, backend, ...view };
}

export function rowOf(recordId: number): HTMLElement {
  const row = document.querySelector<HTMLElement>(`table[aria-busy] tr[data-record-id="${recordId}"]`);
  if (!row) throw new Error(`No row for record ${recordId}`);
  return row;
}

export function checkboxOf(recordId: number): HTMLElement {
  return within(rowOf(recordId)).getByRole('checkbox');
}

/** Record ids of the selected rows, in the order shown. */
export function selectedIds(): number[] {
  return [...document.querySelectorAll<HTMLElement>('table[aria-busy] tr.is-selected')].map((tr) => Number(tr.dataset.recordId));
}

export async function waitForRecords(): Promise<HTMLElement> {
  return screen.findByRole('table', { name: /Timecard records/ });
}

/** Text of an element with whitespace collapsed (what a person reads). */
export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export function isChecked(el: HTMLElement): boolean {
  return (el as HTMLInputElement).checked;
}

/**
 * A fresh world of emulators for each test, with the page's bridge routed to the real resolvers as
 * the demo person (English, the demo's time zone). Returns the current test's world.
 */
export function worldForEachTest(): () => World {
  let world: World | undefined;
  beforeEach(async () => {
    world = await startWorld();
    const context = { accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en-US', extension: { type: 'jira:globalPage' } };
    shim.context = { ...shim.context, accountId: world.demo.accountId, timezone: world.demo.timeZone, locale: 'en_US' };
    shim.route = (functionKey, payload) => world!.invoke(functionKey, payload, context);
  });
  afterEach(async () => {
    shim.reset();
    await world?.close();
  });
  return () => world!;
}
