// A JiraFactory whose calls as a person go through `intercept` first (tests that kill a worker:
// it may throw instead, or run the call and then throw).
import type { JiraFactory, JiraPort } from '../../src/services/ports';

export type JiraIntercept = (name: keyof JiraPort, call: () => Promise<unknown>) => Promise<unknown>;

export function interceptedJira(jira: JiraFactory, intercept: JiraIntercept): JiraFactory {
  return {
    asApp: () => jira.asApp(),
    asUser(accountId?: string): JiraPort {
      const port = jira.asUser(accountId);
      return new Proxy(port, {
        get(target, name: keyof JiraPort) {
          const real = target[name] as (...args: unknown[]) => Promise<unknown>;
          return (...args: unknown[]) => intercept(name, () => real.apply(target, args));
        },
      });
    },
  };
}
