// CommonJS at run time: require('consent-relay/server') loads the CJS build and works.
const assert = require('node:assert');
const server = require('consent-relay/server');
const { createServerReporter, toNodeListener } = server;

const reporter = createServerReporter({
  endpoint: 'https://telemetry.vendor.example/v1',
  collect: () => ({}),
  log: { info() {}, error() {} },
});
assert.equal(typeof toNodeListener(reporter), 'function');
assert.deepEqual(reporter.status(), { ok: true, lastReportedAt: null, lastAttemptAt: null, payload: null });
// docs/SPEC.md §7: every name of the contract, from CommonJS too
for (const name of ['createServerReporter', 'toNodeListener', 'createConsentStore', 'createReceiptHandler'])
  assert.equal(typeof server[name], 'function', name);
console.log("require('consent-relay/server'): ok");
