/**
 * The Chromium flags of every launch here: the bench (bench/lib/browser.mjs) and the e2e tests (playwright.config.ts)
 * both import them. Quiet on a closed network: no background requests that would pollute the network logs or the
 * timings; no sandbox and no GPU, which containers and CI machines lack.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
