import Resolver from '@forge/resolver';

/** Registers plain async functions as Forge resolver definitions. */
export function buildForgeResolver(functions: Record<string, (request: { payload?: unknown; context?: any }) => Promise<unknown>>) {
  const resolver = new Resolver();
  for (const [key, fn] of Object.entries(functions)) resolver.define(key, (request) => fn(request) as Promise<any>);
  return resolver.getDefinitions();
}
