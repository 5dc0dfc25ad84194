// Forge entry point of the resolver function (manifest: `index.handler`).
import { createForgeDeps } from './adapters/forgeDeps';
import { buildForgeResolver } from './adapters/forgeResolver';
import { createResolverFunctions } from './resolvers/definitions';

export const handler = buildForgeResolver(createResolverFunctions(createForgeDeps));
