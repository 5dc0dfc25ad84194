// Local stand-in for the runtime wrapper `forge deploy` downloads from Atlassian's CDN (read by
// @forge/bundler's LocalWrapperProvider). It does the wrapper's job for one invocation, as
// @forge/runtime's ExternalRequestBody describes it (`{ _meta, body, handler, variables }`):
// puts the app's variables into process.env, gives @forge/api its runtime (`__forge_runtime__`
// from `_meta`), loads the bundled module the manifest's handler names (`index.handler` →
// ./index.cjs, export `handler`), calls it with the invocation body and the backend payload
// @forge/resolver reads (`principal`, `installContext`, `license`), and answers
// `{ success, body }` or `{ success: false, error }` as @forge/runtime's InvocationResult does.
// Forge's own wrapper sends `__forge_fetch__` calls to its egress proxy; this one uses the host's
// `__forge_fetch__` (a local runtime that routes them to emulators) and fails clearly without one.
'use strict';
const path = require('path');

function noopMetrics() {
  const counter = () => ({ incr() {}, decr() {} });
  const timing = () => ({ measure: () => ({ stop() {} }) });
  return { counter, timing, gauge: () => ({ set() {} }) };
}

function installRuntime(meta, lambdaContext) {
  globalThis.__forge_runtime__ = {
    proxy: meta.proxy,
    rms: meta.rms,
    appContext: meta.appContext,
    contextAri: meta.contextAri,
    aaid: meta.aaid,
    tracing: meta.tracing,
    externalAuth: meta.externalAuth,
    limits: meta.limits,
    metrics: noopMetrics(),
    lambdaContext,
  };
  if (typeof globalThis.__forge_fetch__ !== 'function') {
    globalThis.__forge_fetch__ = async () => {
      throw new Error('This local wrapper has no Forge proxy: the host must provide __forge_fetch__.');
    };
  }
}

function loadHandler(handler) {
  const [file, exportName] = String(handler).split('.');
  const fn = require(path.join(__dirname, `${file}.cjs`))[exportName];
  if (typeof fn !== 'function') throw new Error(`The bundle has no function ${handler}`);
  return fn;
}

exports.main = async (lambdaEvent, lambdaContext) => {
  const { _meta: meta = {}, body, handler, variables = [] } = lambdaEvent;
  for (const { key, value } of variables) if (value !== undefined) process.env[key] = value;
  installRuntime(meta, lambdaContext);
  try {
    const fn = loadHandler(handler);
    const backendPayload = { principal: meta.aaid ? { accountId: meta.aaid } : undefined, installContext: meta.contextAri, license: meta.license };
    const result = await fn(body, backendPayload);
    return { success: true, status: 200, body: result === undefined ? undefined : JSON.parse(JSON.stringify(result)) };
  } catch (error) {
    return {
      success: false,
      status: 500,
      body: undefined,
      error: {
        errorMessage: error && error.message,
        errorType: error && error.name,
        isHostedCodeError: true,
        stack: String((error && error.stack) || '').split('\n'),
      },
    };
  }
};
