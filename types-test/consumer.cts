// Compiled only: a CommonJS TypeScript file requiring the server half.
import server = require('consent-relay/server');

const reporter = server.createServerReporter({ endpoint: 'https://t.example/v1', collect: () => ({}) });
export const listener: server.NodeListener = server.toNodeListener(reporter);
