import { expect, test, type Page } from '@playwright/test';
import { geo, type PageOptions, ready, testPage } from './helpers';

/*
 * Promises of docs/SPEC.md §4 that the refactor of the consent store broke and the older specs did not catch
 * (found by the contract audit): each test here failed on the built drop-in before its fix.
 */

test.use({ timezoneId: 'UTC' });

const EU = { geoEndpoint: geo('EU') };
/**
 * Whether our IndexedDB database exists, asked without creating it. Opens of one database are served in the order
 * asked (IndexedDB's connection queue): this one comes after any write the page started before.
 */
const databaseExists = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<boolean>((resolve) => {
        const req = indexedDB.open('consent-relay');
        req.onupgradeneeded = () => {
          req.transaction!.abort();
          resolve(false);
        };
        req.onsuccess = () => {
          req.result.close();
          resolve(true);
        };
      }),
  );

/** the page with the drop-in from `src`: the split drop-in and the one-file build keep the same contract */
const at = (src: string, o: PageOptions) => `${testPage(o)}&src=${src}`;

for (const src of ['/consent-relay.js', '/consent-relay.standalone.js']) {
  test.describe(src, () => {
    test.describe('ConsentState handed to the page is its own copy', () => {
      test('a page changing what ready, acceptAll, change, consent-relay:change or on(ready) gave it changes nothing', async ({
        page,
      }) => {
        await page.goto(at(src, { config: EU }));
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

    test.describe('reset()', () => {
      test('with telemetry consented and counting, leaves no IndexedDB database behind', async ({ page }) => {
        await page.goto(
          at(src, {
            config: {
              ...EU,
              telemetry: {
                endpoint: '/api/collector/reports?t=audit-reset',
                sendUsageFrom: 'browser',
                strategy: 'logging',
                initialDelayMs: 0,
              },
            },
          }),
        );
        await ready(page);
        const left = await page.evaluate(async () => {
          const CR = window.ConsentRelay!;
          await CR.acceptAll();
          CR.telemetry.count('clicked', 2);
          // The log written by the first check proves telemetry state was stored before the reset.
          await CR.telemetry.flush();
          const before = (await CR.telemetry.getLog()).length;
          await CR.reset();
          return { before, cookie: document.cookie };
        });
        expect(left.before).toBeGreaterThan(0);
        expect(await databaseExists(page)).toBe(false);
        expect(left.cookie).not.toContain('consent_relay');
      });

      test('in another tab, with telemetry consented there too: that tab does not create the database anew', async ({
        context,
      }) => {
        const config = {
          ...EU,
          telemetry: {
            endpoint: '/api/collector/reports?t=audit-reset2',
            sendUsageFrom: 'browser',
            strategy: 'logging',
          },
        };
        const [here, there] = [await context.newPage(), await context.newPage()];
        await here.goto(at(src, { config }));
        await ready(here);
        await here.evaluate(() => window.ConsentRelay!.acceptAll());
        await there.goto(at(src, { config }));
        expect((await ready(there)).categories.telemetry).toBe(true);
        const heard = there.evaluate(
          () =>
            new Promise<boolean>((resolve) => window.ConsentRelay!.on('change', (s) => !s.decided && resolve(true))),
        );
        await here.evaluate(() => window.ConsentRelay!.reset());
        expect(await heard).toBe(true);
        expect(await databaseExists(there)).toBe(false);
      });
    });

    test.describe('[data-consent-relay-preferences]', () => {
      test('a container a single-page application adds later gets the panel rendered inline', async ({ page }) => {
        await page.goto(at(src, { config: EU, body: '<main id="route"></main>' }));
        await ready(page);
        await page.evaluate(() => {
          document.getElementById('route')!.innerHTML =
            '<h1>Cookie Preferences</h1><div data-consent-relay-preferences></div>';
        });
        const inline = page.locator('[data-consent-relay-preferences] [data-cr="preferences"]');
        await expect(inline).toBeVisible();
        await inline.locator('input[data-cr-category="analytics"]').check();
        await inline.locator('[data-cr-action="save"]').click();
        await expect.poll(() => page.evaluate(() => window.ConsentRelay!.hasConsent('analytics'))).toBe(true);
      });
    });

    test.describe('on() with bad input', () => {
      test('an unknown event name (a typo never heard) is reported by name', async ({ page }) => {
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await page.goto(at(src, { config: EU }));
        await ready(page);
        const off = await page.evaluate(() => typeof (window.ConsentRelay as any).on('chnage', () => {}));
        expect(off).toBe('function');
        expect(errors.some((e) => e.includes('on()') && e.includes('chnage'))).toBe(true);
        await page.evaluate(() => window.ConsentRelay!.on('change', () => {}));
        expect(errors).toHaveLength(1);
      });
    });

    test.describe('update() with bad input', () => {
      test('turning a required category off is reported by name and records no decision', async ({ page }) => {
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        await page.goto(at(src, { config: EU }));
        await ready(page);
        const s = await page.evaluate(() => window.ConsentRelay!.update({ necessary: false }));
        expect(s.decided).toBe(false);
        expect(errors.some((e) => e.includes('update()') && e.includes('necessary'))).toBe(true);
        expect(await page.evaluate(() => document.cookie)).not.toContain('consent_relay');
      });
    });
  });
}
