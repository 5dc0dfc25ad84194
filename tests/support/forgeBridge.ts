// A captured Forge bridge for rendering UI Kit surfaces in Jest, without Jira.
//
// `@forge/react` and `@forge/bridge` read `globalThis.__bridge.callBridge` when they are first
// imported, so this module installs the bridge AS A SIDE EFFECT OF BEING IMPORTED: import it
// before anything that imports them (first import line of a test file; imports run in order).
// It then answers what the Forge host would answer:
//   reconcile  → keeps the ForgeDoc (the tree of `{ type, props, children }`, handlers live)
//   getContext → the context the test set (accountId, timezone, locale, extension …)
//   invoke     → the test's handler (a stub, or the real resolver in the emulator world),
//                with payload and result passed through JSON like the real bridge
//   navigate, showFlag, … → recorded
// `render()` mounts an element with the real ForgeReconciler and returns a `Screen` with
// finders (by type, props, text), actions (click, change, submit) and `waitFor`.
import type { ReactElement } from 'react';
import { join } from 'node:path';
import { LOCALES_FOLDER, readLocaleFiles } from '../../runtime/forgeLocales';

export interface ForgeDoc {
  type: string;
  props: Record<string, any>;
  children: ForgeDoc[];
  key: string;
}

export interface FakeContext {
  accountId?: string;
  cloudId: string;
  localId: string;
  moduleKey: string;
  environmentId: string;
  environmentType: string;
  siteUrl: string;
  timezone: string;
  locale: string;
  extension: {
    type: string;
    issue?: { key: string; id: string; type?: string };
    project?: { id: string; key: string; type?: string };
    [key: string]: unknown;
  };
}

export type InvokeHandler = (functionKey: string, payload: Record<string, unknown>, context: FakeContext) => Promise<unknown>;

export interface BridgeCall {
  cmd: string;
  data: any;
}

export interface InvokeCall {
  functionKey: string;
  payload: Record<string, unknown>;
  context: FakeContext;
}

export function issuePanelContext(
  overrides: Partial<FakeContext> & { issueKey?: string; issueId?: string; projectKey?: string; projectId?: string } = {},
): FakeContext {
  const { issueKey = 'DEMO-1', issueId = '10001', projectKey = 'DEMO', projectId = '10000', ...rest } = overrides;
  return {
    accountId: 'user-1',
    cloudId: 'cloud-1',
    localId: 'local-1',
    moduleKey: 'timecard-issue-panel',
    environmentId: 'env-1',
    environmentType: 'DEVELOPMENT',
    siteUrl: 'https://example.atlassian.net',
    timezone: 'Europe/Berlin',
    locale: 'en-GB',
    extension: {
      type: 'jira:issuePanel',
      issue: { key: issueKey, id: issueId, type: 'Task' },
      project: { id: projectId, key: projectKey, type: 'software' },
    },
    ...rest,
  };
}

export function projectSettingsContext(overrides: Partial<FakeContext> & { projectKey?: string; projectId?: string } = {}): FakeContext {
  const { projectKey = 'DEMO', projectId = '10000', ...rest } = overrides;
  return {
    ...issuePanelContext(),
    moduleKey: 'timecard-project-settings',
    extension: { type: 'jira:projectSettingsPage', project: { id: projectId, key: projectKey, type: 'software' } },
    ...rest,
  };
}

export function adminPageContext(overrides: Partial<FakeContext> = {}): FakeContext {
  return { ...issuePanelContext(), moduleKey: 'timecard-admin', extension: { type: 'jira:adminPage' }, ...overrides };
}

const state: {
  context: FakeContext;
  invoke: InvokeHandler | null;
  calls: BridgeCall[];
  invokes: InvokeCall[];
  navigations: Record<string, unknown>[];
  flags: Record<string, unknown>[];
  errors: unknown[];
  /** Resource file fetches wait for this (a slow network), when set. */
  localesHeld: Promise<unknown> | null;
} = {
  context: issuePanelContext(),
  invoke: null,
  localesHeld: null,
  calls: [],
  invokes: [],
  navigations: [],
  flags: [],
  errors: [],
};

const viaJson = <T>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)));

async function callBridge(cmd: string, data: any): Promise<unknown> {
  state.calls.push({ cmd, data });
  switch (cmd) {
    case 'reconcile':
      return undefined;
    case 'getContext':
      return viaJson(state.context);
    case 'invoke': {
      const { functionKey, payload } = data as { functionKey: string; payload?: Record<string, unknown> };
      const context = viaJson(state.context);
      const sent = viaJson(payload ?? {});
      state.invokes.push({ functionKey, payload: sent, context });
      if (!state.invoke) throw new Error(`invoke("${functionKey}") called but the test set no invoke handler`);
      return viaJson(await state.invoke(functionKey, sent, context));
    }
    case 'navigate':
      state.navigations.push(data);
      return undefined;
    case 'showFlag':
      state.flags.push(data);
      return undefined;
    case 'onError':
      state.errors.push(data);
      return undefined;
    default:
      return undefined;
  }
}

const g = globalThis as Record<string, unknown>;
g.__bridge = { callBridge };

// What Forge serves beside each resource: `./__LOCALES__/<locale>.json` and `i18n-info.json`,
// built from manifest.yml's `translations` (runtime/forgeLocales.ts). @forge/bridge's i18n
// fetches them relative to the surface; every other fetch goes on as it would.
const localeFiles = readLocaleFiles(join(__dirname, '../..'));
const realFetch = globalThis.fetch;
globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  const prefix = `./${LOCALES_FOLDER}/`;
  if (!url.startsWith(prefix)) return realFetch(input, init);
  const name = url.slice(prefix.length);
  state.calls.push({ cmd: 'fetchLocale', data: name });
  await state.localesHeld;
  const body = localeFiles?.files.get(name);
  return body === undefined ? new Response('Not found', { status: 404 }) : new Response(body, { headers: { 'content-type': 'application/json' } });
}) as typeof fetch;
// The reconciler reads `self.__bridge`; Node has no `self`.
if (typeof g.self === 'undefined') g.self = globalThis;
// Legacy-root updates that arrive with a resolver's answer happen outside act(); that is the
// point of these tests, so tell React not to warn about them.
g.IS_REACT_ACT_ENVIRONMENT = false;

/** Reset recorded calls and set what the host answers. Call in beforeEach. */
export function setupBridge(options: { context?: FakeContext; invoke?: InvokeHandler; localesHeld?: Promise<unknown> } = {}): void {
  state.context = options.context ?? issuePanelContext();
  state.invoke = options.invoke ?? null;
  state.localesHeld = options.localesHeld ?? null;
  state.calls = [];
  state.invokes = [];
  state.navigations = [];
  state.flags = [];
  state.errors = [];
}

export const bridge = {
  get invokes(): InvokeCall[] {
    return state.invokes;
  },
  get navigations(): Record<string, unknown>[] {
    return state.navigations;
  },
  get flags(): Record<string, unknown>[] {
    return state.flags;
  },
  get errors(): unknown[] {
    return state.errors;
  },
  get calls(): BridgeCall[] {
    return state.calls;
  },
  invokesOf(functionKey: string): InvokeCall[] {
    return state.invokes.filter((call) => call.functionKey === functionKey);
  },
};

type Predicate = (node: ForgeDoc) => boolean;
type TextMatch = string | RegExp;

const matches = (text: string, match: TextMatch): boolean => (typeof match === 'string' ? text === match : match.test(text));

export function walk(node: ForgeDoc, visit: (node: ForgeDoc, parents: ForgeDoc[]) => void, parents: ForgeDoc[] = []): void {
  visit(node, parents);
  for (const child of node.children ?? []) walk(child, visit, [...parents, node]);
}

/** Props that the host shows as text (a SectionMessage's title, an EmptyState's header …). */
const TEXT_PROPS = ['title', 'header', 'description'] as const;

/** The visible text of a subtree: String nodes and text props, joined with single spaces. */
export function textOf(node: ForgeDoc | undefined): string {
  if (!node) return '';
  const parts: string[] = [];
  walk(node, (n) => {
    if (n.type === 'String' && typeof n.props.text === 'string') parts.push(n.props.text);
    else for (const prop of TEXT_PROPS) if (typeof n.props[prop] === 'string') parts.push(n.props[prop]);
  });
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

const MAX_DUMP = Number(process.env.FORGE_DUMP_CHARS ?? 4000);

/** An indented outline of a ForgeDoc, for failure messages (cut at FORGE_DUMP_CHARS characters). */
export function dump(node: ForgeDoc): string {
  const text = outline(node, 0);
  return text.length > MAX_DUMP ? `${text.slice(0, MAX_DUMP)}\n… (${text.length - MAX_DUMP} more characters; set FORGE_DUMP_CHARS)` : text;
}

function outline(node: ForgeDoc, depth: number): string {
  const pad = '  '.repeat(depth);
  if (node.type === 'String') return `${pad}"${node.props.text}"`;
  const shown = Object.entries(node.props)
    .filter(([, v]) => typeof v !== 'function' && typeof v !== 'object')
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(' ');
  return [`${pad}<${node.type}${shown ? ` ${shown}` : ''}>`, ...(node.children ?? []).map((c) => outline(c, depth + 1))].join('\n');
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function act(callback: () => unknown): Promise<void> {
  const React = require('react') as { unstable_act: (cb: () => unknown) => Promise<void> | void };
  return Promise.resolve(
    React.unstable_act(async () => {
      await callback();
    }),
  );
}

export class Screen {
  constructor(readonly root: ForgeDoc) {}

  all(predicate: Predicate, within: ForgeDoc = this.root): ForgeDoc[] {
    const found: ForgeDoc[] = [];
    walk(within, (node) => {
      if (predicate(node)) found.push(node);
    });
    return found;
  }

  find(predicate: Predicate, within?: ForgeDoc): ForgeDoc | undefined {
    return this.all(predicate, within)[0];
  }

  get(predicate: Predicate, what: string, within?: ForgeDoc): ForgeDoc {
    const node = this.find(predicate, within);
    if (!node) throw new Error(`No ${what} in:\n${dump(within ?? this.root)}`);
    return node;
  }

  byType(type: string, props: Record<string, unknown> = {}, within?: ForgeDoc): ForgeDoc[] {
    return this.all((n) => n.type === type && Object.entries(props).every(([k, v]) => n.props[k] === v), within);
  }

  /** The innermost non-String nodes whose own text matches. */
  byText(match: TextMatch, within?: ForgeDoc): ForgeDoc[] {
    const hits = this.all((n) => n.type !== 'String' && matches(textOf(n), match), within);
    return hits.filter((hit) => !hits.some((other) => other !== hit && this.all((n) => n === other, hit).length > 0));
  }

  hasText(match: TextMatch, within?: ForgeDoc): boolean {
    const text = textOf(within ?? this.root);
    return typeof match === 'string' ? text.includes(match) : match.test(text);
  }

  text(within?: ForgeDoc): string {
    return textOf(within ?? this.root);
  }

  /** A Button or LoadingButton by its label. */
  button(label: TextMatch, within?: ForgeDoc): ForgeDoc {
    return this.get((n) => (n.type === 'Button' || n.type === 'LoadingButton') && matches(textOf(n), label), `button "${label}"`, within);
  }

  buttons(label: TextMatch, within?: ForgeDoc): ForgeDoc[] {
    return this.all((n) => (n.type === 'Button' || n.type === 'LoadingButton') && matches(textOf(n), label), within);
  }

  /** The form control a Label (by its text) points at, or one its own `label` prop names (a Toggle). */
  field(label: TextMatch): ForgeDoc {
    const named = this.all((n) => FIELD_TYPES.has(n.type) && typeof n.props.label === 'string' && matches(n.props.label, label));
    if (named.length === 1) return named[0];
    const labelNode = this.get((n) => n.type === 'Label' && matches(textOf(n), label), `label "${label}"`);
    return this.get(
      (n) => n.type !== 'Label' && (n.props.id === labelNode.props.labelFor || n.props.inputId === labelNode.props.labelFor),
      `field for label "${label}"`,
    );
  }

  /** DynamicTable rows: `{ key, cells }` (cells are the Cell nodes, in column order). */
  rows(table: ForgeDoc = this.get((n) => n.type === 'DynamicTable', 'DynamicTable')): { key: string; node: ForgeDoc; cells: ForgeDoc[] }[] {
    const body = table.children.find((c) => c.type === 'ContentWrapper' && c.props.name === 'rows');
    return (body?.children ?? []).map((row) => ({ key: String(row.props.rowKey), node: row, cells: row.children }));
  }

  row(key: string | number): ForgeDoc {
    const found = this.rows().find((r) => r.key === String(key));
    if (!found) throw new Error(`No table row ${key} in:\n${dump(this.root)}`);
    return found.node;
  }

  /** Column header texts of the DynamicTable. */
  headers(table: ForgeDoc = this.get((n) => n.type === 'DynamicTable', 'DynamicTable')): string[] {
    const head = table.children.find((c) => c.type === 'ContentWrapper' && c.props.name === 'head');
    return (head?.children ?? []).map((cell) => textOf(cell));
  }

  async click(node: ForgeDoc): Promise<void> {
    if (typeof node.props.onClick !== 'function') throw new Error(`<${node.type}> has no onClick:\n${dump(node)}`);
    await act(() => {
      node.props.onClick();
    });
    await sleep(0);
  }

  /**
   * Change a field the way the host does: Select gets the option object (or `null`), Toggle and
   * Checkbox an event with `target.checked`, text inputs an event with `target.value`.
   */
  async change(node: ForgeDoc, value: unknown): Promise<void> {
    const onChange = node.props.onChange;
    if (typeof onChange !== 'function') throw new Error(`<${node.type}> has no onChange:\n${dump(node)}`);
    let argument: unknown;
    if (node.type === 'Select') {
      const options = (node.props.options ?? []) as { label: string; value: unknown }[];
      argument = value === null ? null : (options.find((o) => o.value === value || o.label === value) ?? value);
    } else if (node.type === 'Toggle' || node.type === 'Checkbox') {
      argument = { target: { checked: Boolean(value), type: 'checkbox', id: node.props.id, name: node.props.name } };
    } else {
      argument = {
        target: { value, type: node.type === 'TextArea' ? 'textarea' : (node.props.type ?? 'text'), id: node.props.id, name: node.props.name },
      };
    }
    await act(() => {
      onChange(argument);
    });
    await sleep(0);
  }

  async submit(form: ForgeDoc = this.get((n) => n.type === 'Form', 'Form')): Promise<void> {
    if (typeof form.props.onSubmit !== 'function') throw new Error(`<${form.type}> has no onSubmit`);
    await act(async () => {
      await form.props.onSubmit();
    });
    await sleep(0);
  }

  /** Polls until `check` returns truthy (or stops throwing); fails with the last ForgeDoc. */
  async waitFor<T>(check: () => T, { timeout = 15000, what = 'condition' }: { timeout?: number; what?: string } = {}): Promise<NonNullable<T>> {
    const deadline = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
      try {
        const result = check();
        if (result) return result as NonNullable<T>;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() > deadline) {
        const reason = lastError instanceof Error ? `\n${lastError.message.split('\n')[0]}` : '';
        throw new Error(`Timed out waiting for ${what}${reason}\n${dump(this.root)}`);
      }
      await sleep(10);
    }
  }

  async waitForText(match: TextMatch, timeout?: number): Promise<void> {
    await this.waitFor(() => this.hasText(match), { timeout, what: `text ${match}` });
  }

  /** Waits until no Spinner is shown and no LoadingButton is loading. */
  async waitForIdle(timeout?: number): Promise<void> {
    await this.waitFor(() => this.byType('Spinner').length === 0 && this.all((n) => n.props.isLoading === true).length === 0, {
      timeout,
      what: 'the screen to settle',
    });
  }
}

/** Mounts an element with the real ForgeReconciler and returns its screen. */
export async function render(element: ReactElement): Promise<Screen> {
  const ForgeReconciler = (require('@forge/react') as { default: { render: (el: ReactElement) => void } }).default;
  const before = state.calls.length;
  await act(() => ForgeReconciler.render(element));
  const first = state.calls.slice(before).find((c) => c.cmd === 'reconcile');
  if (!first) throw new Error('ForgeReconciler.render did not reconcile');
  return new Screen(first.data.forgeDoc as ForgeDoc);
}

/** Requires a surface's entry file (which calls ForgeReconciler.render itself) and returns its screen. */
export async function renderEntry(load: () => unknown): Promise<Screen> {
  const before = state.calls.length;
  await act(() => {
    load();
  });
  const first = state.calls.slice(before).find((c) => c.cmd === 'reconcile');
  if (!first) throw new Error('The entry file did not render');
  return new Screen(first.data.forgeDoc as ForgeDoc);
}

const FIELD_TYPES = new Set([
  'Select',
  'Textfield',
  'TextArea',
  'Toggle',
  'Checkbox',
  'RadioGroup',
  'DatePicker',
  'TimePicker',
  'Range',
  'UserPicker',
]);

/**
 * Controls a person using a screen reader could not name: fields without a Label pointing at
 * their id (or an aria-labelledby / label prop), buttons without text, and spinners, tables,
 * progress bars and modals without their label prop; and a Toggle a Label points at, which then has
 * two labels. Empty when everything is labelled once.
 */
export function unlabeledControls(screen: Screen): string[] {
  const labelTargets = new Set(screen.byType('Label').map((l) => l.props.labelFor));
  const labelIds = new Set(
    screen
      .byType('Label')
      .map((l) => l.props.id)
      .filter(Boolean),
  );
  const problems: string[] = [];
  walk(screen.root, (node) => {
    const describe = () => `<${node.type}${node.props.id ? ` id=${node.props.id}` : ''}>`;
    if (FIELD_TYPES.has(node.type)) {
      const labelled =
        (node.props.id && labelTargets.has(node.props.id)) ||
        (node.props.inputId && labelTargets.has(node.props.inputId)) ||
        (node.props['aria-labelledby'] && labelIds.has(node.props['aria-labelledby'])) ||
        (typeof node.props.label === 'string' && node.props.label.trim() !== '');
      if (!labelled) problems.push(`${describe()} has no label`);
      // Atlaskit's toggle wraps its input in a <label>: a Label pointing at it makes two (axe: form-field-multiple-labels).
      if (node.type === 'Toggle' && node.props.id && labelTargets.has(node.props.id)) problems.push(`${describe()} has two labels`);
    }
    if ((node.type === 'Button' || node.type === 'LoadingButton') && textOf(node) === '') problems.push(`${describe()} has no text`);
    if (node.type === 'Spinner' && !node.props.label) problems.push('<Spinner> has no label');
    if (node.type === 'DynamicTable' && !node.props.label && !node.props.caption) problems.push('<DynamicTable> has no label');
    if (node.type === 'ProgressBar' && !node.props.ariaLabel) problems.push('<ProgressBar> has no ariaLabel');
    if (node.type === 'Modal' && !node.props.label) problems.push('<Modal> has no label');
  });
  return problems;
}
