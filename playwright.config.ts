import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices, firefox, webkit } from '@playwright/test';
import { CHROMIUM_ARGS } from './bench/lib/chromium-flags.mjs';

/** A free port on 127.0.0.1, found once by the runner; its workers inherit it through the environment. */
function freePort(): string {
  return execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
}
const port = (process.env.CR_E2E_PORT ||= freePort());

/**
 * Playwright's own Chromium where it is installed; otherwise the system's (`apt-get install chromium`), since
 * browser downloads are not possible everywhere. CHROMIUM_PATH overrides both.
 */
const own = (() => {
  try {
    return chromium.executablePath();
  } catch {
    return '';
  }
})();
const chromiumPath =
  process.env.CHROMIUM_PATH ||
  (own && existsSync(own) ? undefined : existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
/**
 * Firefox: Playwright's own build where installed; otherwise Debian's `firefox-esr`, driven over WebDriver BiDi
 * (Playwright 1.56's `_bidiFirefox`; later Playwright versions refuse an ESR this old for BiDi, hence the pin).
 * FIREFOX_PATH overrides.
 */
const esr = process.env.FIREFOX_PATH || (existsSync('/usr/bin/firefox-esr') ? '/usr/bin/firefox-esr' : '');
const has = (b: typeof firefox) => {
  try {
    return existsSync(b.executablePath());
  } catch {
    return false;
  }
};

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 30_000,
  expect: { timeout: 7_000 },
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: [['list'], ['./e2e/summary-reporter.ts']],
  // Screenshot references (e2e/screenshots.spec.ts, Chromium only): one image per name, no platform suffix.
  snapshotPathTemplate: '{testDir}/__screenshots__/{arg}{ext}',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js --config demo/vite.config.ts --logLevel warn`,
    env: { PORT: port },
    url: `http://127.0.0.1:${port}/api/collector`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumPath,
          // Quiet on a closed network: no background requests that would pollute the network logs.
          args: [...CHROMIUM_ARGS],
        },
      },
    },
    // Firefox and WebKit run where their Playwright builds are installed (Firefox also from Debian's ESR); elsewhere
    // the projects are left out. Screenshot tests are Chromium's alone (one engine's pixels are the reference).
    ...(has(firefox) && !process.env.FIREFOX_PATH
      ? [{ name: 'firefox', testIgnore: '**/screenshots.spec.ts', use: { ...devices['Desktop Firefox'] } }]
      : esr
        ? [
            {
              name: 'firefox',
              testIgnore: '**/screenshots.spec.ts',
              use: {
                ...devices['Desktop Firefox'],
                // not a name in Playwright's types: the BiDi protocol's Firefox (see above)
                browserName: '_bidiFirefox' as 'firefox',
                launchOptions: {
                  executablePath: esr,
                  // What Playwright emulates in Chromium and its BiDi backend does not: reduced motion, as the
                  // visitor's own setting. Quiet on a closed network: no update, telemetry or safe-browsing requests.
                  firefoxUserPrefs: {
                    'ui.prefersReducedMotion': 1,
                    'app.update.enabled': false,
                    'browser.safebrowsing.malware.enabled': false,
                    'browser.safebrowsing.phishing.enabled': false,
                    'datareporting.policy.dataSubmissionEnabled': false,
                    'toolkit.telemetry.enabled': false,
                    'network.captive-portal-service.enabled': false,
                  },
                },
              },
            },
          ]
        : []),
    ...(has(webkit) ? [{ name: 'webkit', use: { ...devices['Desktop Safari'] } }] : []),
  ],
});
