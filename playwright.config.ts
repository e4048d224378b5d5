import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, defineConfig, devices, firefox, webkit } from '@playwright/test';

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
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
    // Firefox and WebKit run where their Playwright builds are installed; elsewhere the projects are left out.
    ...(has(firefox) ? [{ name: 'firefox', use: { ...devices['Desktop Firefox'] } }] : []),
    ...(has(webkit) ? [{ name: 'webkit', use: { ...devices['Desktop Safari'] } }] : []),
  ],
});
