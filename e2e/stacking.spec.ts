import { expect, type Page, test } from '@playwright/test';
import { action, banner, prefs, ready, testPage } from './helpers';

/**
 * docs/SPEC.md §4 (DOM hooks) and issue 13: a host's chat bubble at the largest z-index, fixed over the banner's
 * Reject all, must not take the visitor's click, whether the page had it before our host or adds it after.
 */
test.use({ viewport: { width: 390, height: 740 } });

const bubble = (id: string) =>
  `const b=document.createElement('div');b.id='${id}';` +
  "b.style.cssText='position:fixed;inset:0;z-index:2147483647;background:rgb(255 0 0 / 0.5)';" +
  'document.body.appendChild(b);';

/** What is hit at the centre of the banner's Reject all: the id of the top element there. */
async function hitAtReject(page: Page) {
  const r = (await action(page, 'reject-all').boundingBox())!;
  return page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.id, [r.x + r.width / 2, r.y + r.height / 2]);
}

test('a bubble before our host and one appended after it at z-index 2147483647 do not cover Reject all', async ({
  page,
}) => {
  // One bubble in the page before the drop-in's host exists, one added once the banner is up (a chat widget
  // loading late), both covering the whole viewport.
  const before =
    '<div id="before-bubble" style="position:fixed;inset:0;z-index:2147483647;background:rgb(0 0 255 / 0.5)"></div>';
  await page.goto(testPage({ config: { region: 'DE' }, body: before }));
  await ready(page);
  await expect(banner(page)).toBeVisible();
  await page.evaluate(bubble('after-bubble'));
  const order = await page.evaluate(() =>
    Array.from(document.body.querySelectorAll('[id]'))
      .map((e) => e.id)
      .filter((id) => /bubble|consent-relay/.test(id)),
  );
  // the test's premise: the late bubble is later in the tree than our host
  expect(order).toEqual(['before-bubble', 'consent-relay', 'after-bubble']);
  expect(await hitAtReject(page)).toBe('consent-relay');
  await action(page, 'reject-all').click({ timeout: 5000 });
  await expect(banner(page)).toBeHidden();
  expect(await page.evaluate(() => window.ConsentRelay!.getConsent().categories.analytics)).toBe(false);
});

test('with a late bubble, the panel opens over it, takes focus and returns to a banner still on top', async ({
  page,
}) => {
  await page.goto(testPage({ config: { region: 'DE' } }));
  await ready(page);
  await page.evaluate(bubble('after-bubble'));
  await action(page, 'preferences').click({ timeout: 5000 });
  await expect(prefs(page)).toBeVisible();
  // the modal dialog (top layer, after our host) is what the visitor touches, and focus is inside it
  const hit = await page.evaluate(() => {
    const r = document.getElementById('consent-relay')!.shadowRoot!.querySelector('dialog')!.getBoundingClientRect();
    return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.id;
  });
  expect(hit).toBe('consent-relay');
  expect(await page.evaluate(() => !!document.getElementById('consent-relay')!.shadowRoot!.activeElement)).toBe(true);
  await page.keyboard.press('Escape');
  await expect(prefs(page)).toHaveCount(0);
  expect(await hitAtReject(page)).toBe('consent-relay');
  await action(page, 'reject-all').click({ timeout: 5000 });
  await expect(banner(page)).toBeHidden();
});
