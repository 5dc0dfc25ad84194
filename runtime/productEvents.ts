// Forge's delivery of product events, locally: the manifest's `trigger` modules say which function
// gets which event; an event is delivered after the write that raised it has answered (Forge
// delivers asynchronously), one at a time, as `(event, context)`; a failing trigger is not retried.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

type TriggerFunction = (event: unknown, context: unknown) => Promise<unknown>;

interface ManifestTriggers {
  modules?: { trigger?: { key: string; function: string; events?: string[] }[] };
}

/** Event type → the function keys of the manifest's `trigger` modules subscribed to it. */
export function triggerSubscriptions(root = path.resolve(__dirname, '..')): Map<string, string[]> {
  const manifest = parse(readFileSync(path.join(root, 'manifest.yml'), 'utf8')) as ManifestTriggers;
  const byEvent = new Map<string, string[]>();
  for (const trigger of manifest.modules?.trigger ?? []) {
    for (const event of trigger.events ?? []) byEvent.set(event, [...(byEvent.get(event) ?? []), trigger.function]);
  }
  return byEvent;
}

export interface ProductEventDelivery {
  /** Queues the event for every trigger subscribed to its type (others never see it). */
  deliver(event: { eventType: string }): void;
  /** Resolves once every event delivered so far has been handled. */
  idle(): Promise<void>;
  /** How many events reached a trigger function. */
  delivered(): number;
}

export function createProductEventDelivery(functions: Record<string, TriggerFunction>, subscriptions = triggerSubscriptions()): ProductEventDelivery {
  let chain: Promise<void> = Promise.resolve();
  let count = 0;
  return {
    deliver(event) {
      for (const functionKey of subscriptions.get(event.eventType) ?? []) {
        const run = functions[functionKey];
        if (!run) throw new Error(`manifest.yml: trigger function ${functionKey} is not wired in the local runtime`);
        chain = chain
          .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
          .then(() => run(event, { installContext: 'ari:cloud:jira::site/local', moduleKey: functionKey }))
          .then(() => void (count += 1))
          .catch(() => undefined);
      }
    },
    idle: () => chain,
    delivered: () => count,
  };
}
