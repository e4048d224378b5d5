// CommonJS at run time: require('consent-relay/server') loads the CJS build and works.
const assert = require('node:assert');
const { createServerReporter, toNodeListener } = require('consent-relay/server');

const reporter = createServerReporter({
  endpoint: 'https://telemetry.vendor.example/v1',
  collect: () => ({}),
  log: { info() {}, error() {} },
});
assert.equal(typeof toNodeListener(reporter), 'function');
assert.deepEqual(reporter.status(), { ok: true, lastReportedAt: null, lastAttemptAt: null, payload: null });
console.log("require('consent-relay/server'): ok");
