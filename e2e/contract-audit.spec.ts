import { expect, test } from '@playwright/test';
import { geo, ready, testPage } from './helpers';

/*
 * Promises of docs/SPEC.md §4 that the refactor of the consent store broke and the older specs did not catch
 * (found by the contract audit): each test here failed on the built drop-in before its fix.
 */

test.use({ timezoneId: 'UTC' });

const EU = { geoEndpoint: geo('EU') };

test.describe('ConsentState handed to the page is its own copy', () => {
  test('a page changing what ready, acceptAll, change, consent-relay:change or on(ready) gave it changes nothing', async ({
    page,
  }) => {
    await page.goto(testPage({ config: EU }));
    await ready(page);
    const after = await page.evaluate(async () => {
      const CR = window.ConsentRelay!;
      const spoil = (s: any) => {
        s.decided = !s.decided;
        s.regime = 'notice';
        for (const id of Object.keys(s.categories)) s.categories[id] = !s.categories[id];
      };
      spoil(await CR.ready);
      CR.on('ready', spoil);
      await new Promise((r) => setTimeout(r, 0));
      CR.on('change', spoil);
      document.addEventListener('consent-relay:change', (e) => spoil((e as CustomEvent).detail));
      spoil(await CR.acceptAll());
      spoil(CR.getConsent());
      return { state: CR.getConsent(), analytics: CR.hasConsent('analytics') };
    });
    expect(after.state).toMatchObject({
      decided: true,
      regime: 'opt-in',
      categories: { necessary: true, analytics: true, telemetry: true },
    });
    expect(after.analytics).toBe(true);
  });
});
