// The stand-in for `@atlaskit/feature-gate-js-client` (Statsig), written once for both bundlers that
// ship Atlaskit: this page's vite build (vite.config.ts) and the sandbox's esbuild of the UI Kit
// surfaces and its Jira-like frame (sandbox/build.ts).
//
// Atlaskit's `fg()` asks that client for flags only when no resolver is registered, and inside a Forge
// iframe it is never initialised, so `checkGate` always answers false. The stand-in answers the same
// without shipping the Statsig client (~50 kB min).

export const FEATURE_GATE_CLIENT = '@atlaskit/feature-gate-js-client';

/** ES module source of the stand-in (its default export is what Atlaskit imports). */
export const NO_FEATURE_GATES_SOURCE = [
  'const FeatureGates = {',
  '  checkGate: () => false,',
  '  getExperimentValue: (_e, _p, fallback) => fallback,',
  '  getDefaultValue: (_a, fallback) => fallback,',
  '  initializeCalled: () => false,',
  '  initializeCompleted: () => false,',
  '};',
  'export default FeatureGates;',
].join('\n');
