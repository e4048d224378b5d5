import { expect, test } from '@playwright/test';
import { ready, received, testPage } from './helpers';

test('telemetry smoke: browser mode in a notice region sends one report', async ({ page, request }) => {
  const tag = 'smoke-' + Date.now();
  const logs: string[] = [];
  page.on('console', (m) => logs.push(m.type() + ': ' + m.text()));
  await page.goto(
    testPage({
      config: {
        region: 'AU',
        telemetry: {
          endpoint: `/api/collector/reports?t=${tag}`,
          sendUsageFrom: 'browser',
          initialDelayMs: 0,
          intervalMs: 60000,
        },
      },
    }),
  );
  await ready(page);
  await expect.poll(async () => (await received(request, tag, 'report')).length).toBe(1);
  const [r] = await received(request, tag, 'report');
  expect(r.body.schema).toBe(1);
  expect(r.body.source).toBe('browser');
  expect(r.body.ui.pageViews['/__test/page']).toBe(1);
  // One disclosure at start, in the words of a visitor who has not opted out.
  expect(logs.filter((l) => l.startsWith('info: [consent-relay] Usage telemetry'))).toHaveLength(1);
  // The collector has the report before the page has its answer and logs it: wait for the log line.
  await expect
    .poll(async () => (await page.evaluate(() => window.ConsentRelay!.telemetry.getLog())).map((e) => e.status))
    .toEqual(['sent']);
});
