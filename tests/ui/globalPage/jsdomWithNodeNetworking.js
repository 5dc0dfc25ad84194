// jsdom for the page, plus the Node networking globals the real resolvers and emulators need
// (fetch and friends, AbortController, setImmediate) for the end-to-end global page test.
const { TestEnvironment } = require('jest-environment-jsdom');

const FROM_NODE = [
  'fetch',
  'Request',
  'Response',
  'Headers',
  'AbortController',
  'AbortSignal',
  'TextEncoder',
  'TextDecoder',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'setImmediate',
  'clearImmediate',
  'structuredClone',
];

class JsdomWithNodeNetworking extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of FROM_NODE) {
      if (globalThis[name] !== undefined) this.global[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithNodeNetworking;
