import Resolver, { type Request } from '@forge/resolver';

/** Registers plain async functions as Forge resolver definitions. */
export function buildForgeResolver(functions: Record<string, (request: Request) => Promise<unknown>>) {
  const resolver = new Resolver();
  // Every answer is a JSON object (a result or `{ error }`), as Forge expects of a resolver.
  for (const [key, fn] of Object.entries(functions)) resolver.define(key, (request: Request) => fn(request) as Promise<Record<string, unknown>>);
  return resolver.getDefinitions();
}
