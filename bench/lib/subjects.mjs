/**
 * The subjects of the bench: one page each, same static content, each manager embedded the way its docs say.
 * `probe` tells the in-page probe where the banner is; `accept` is the (Playwright, shadow-piercing) selector of the
 * accept-all button; `stored` says where the decision lands (cookie name or localStorage key).
 */

const CONTENT = `
<main>
  <h1>Field notes on a quiet harbour</h1>
  <p>The harbour wakes before the town does. Boats leave in a loose line, engines low, and the gulls follow the last
  one out past the breakwater. By seven the quay smells of diesel and coffee, and the first delivery vans back up to
  the fish market doors.</p>
  <p>Most of what happens here is routine: nets mended, ice loaded, catches weighed and written down in a ledger that
  has outlived three harbour masters. The routine is the point. It is what lets a small place run on time without
  anyone appearing to hurry.</p>
  <p>In the afternoon the light turns flat and the water goes the colour of pewter. Visitors come down to photograph
  the boats and leave again before the wind picks up. The regulars stay, sitting on upturned crates, talking about
  the weather as if it were a neighbour.</p>
  <p>At dusk the boats come back in the order they left. The market closes, the vans go, and the harbour lights come
  on one by one along the wall.</p>
</main>`;

/** The consent-relay config of the bench: necessary + analytics, region fixed so the opt-in banner shows at once. */
export const oursConfig = {
  region: 'DE',
  categories: [
    { id: 'necessary', required: true, label: 'Necessary', description: 'Needed for the site to work.' },
    { id: 'analytics', label: 'Analytics', description: 'Helps us understand how the site is used.' },
  ],
};
/** The same with the usage reporter configured: its own category (the reporter sends only under it) and endpoint. */
export const oursTelemetryConfig = {
  ...oursConfig,
  categories: [
    ...oursConfig.categories,
    { id: 'telemetry', label: 'Product usage telemetry', description: 'Anonymous usage counts sent to the vendor.' },
  ],
  telemetry: { endpoint: '/collect', sendUsageFrom: 'browser' },
};

function page(title, head, bodyEnd = '') {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
${head}
</head>
<body>${CONTENT}
${bodyEnd}
</body>
</html>
`;
}

// JSON in a <script type="application/json"> block; `<` escaped so no text can close the element.
const jsonBlock = (config) =>
  `<script type="application/json" id="consent-relay-config">${JSON.stringify(config).replace(/</g, '\\u003c')}</script>`;

/**
 * One consent-relay subject: docs/SPEC.md §1's embedding (config, then the script, async); with `returning`, also the page
 * of a returning visitor: a synchronous script, then the page's own first script (inline-free).
 */
const ours = (id, name, config, returning = true, src = '/consent-relay.js') => ({
  id,
  name,
  html: page(`Bench: ${name}`, `${jsonBlock(config)}\n<script src="${src}" async></script>`),
  returningHtml: returning
    ? page(
        `Bench: ${name} (sync)`,
        `${jsonBlock(config)}\n<script src="${src}"></script>\n<script src="/bench/first-line.js"></script>`,
      )
    : undefined,
  probe: { host: '#consent-relay', inner: '[data-cr="banner"]' },
  accept: '#consent-relay [data-cr="banner"] [data-cr-action="accept-all"]',
  stored: { cookie: 'consent_relay' },
});

/** @type {Array<{ id: string, name: string, html: string, probe: object, accept: string, stored: object, returningHtml?: string }>} */
export const SUBJECTS = [
  ours('ours', 'consent-relay', oursConfig),
  ours('ours-telemetry', 'consent-relay + telemetry', oursTelemetryConfig),
  // Issue 5: a visitor who reads French gets the pack beside the script (one same-origin request) before the banner.
  ours('ours-fr', 'consent-relay, French', { ...oursConfig, language: 'fr' }, false),
  // Issue 12: the same product in one file (panel and reporter inside), for hosts that serve one file.
  ours('ours-standalone', 'consent-relay standalone', oursConfig, true, '/consent-relay.standalone.js'),
  {
    id: 'vanilla',
    name: 'vanilla-cookieconsent',
    // Its docs: the CSS in <head>, the UMD build and the config script deferred.
    html: page(
      'Bench: vanilla-cookieconsent',
      `<link rel="stylesheet" href="/nm/vanilla-cookieconsent/dist/cookieconsent.css">
<script src="/nm/vanilla-cookieconsent/dist/cookieconsent.umd.js" defer></script>
<script src="/bench/vanilla-init.js" defer></script>`,
    ),
    probe: { css: '#cc-main .cm' },
    accept: '#cc-main .cm [data-role="all"]',
    stored: { cookie: 'cc_cookie' },
  },
  {
    id: 'klaro',
    name: 'Klaro',
    // Its docs: the config script, then klaro.js with data-config, both deferred (CSS is inside klaro.js).
    html: page(
      'Bench: Klaro',
      `<script src="/bench/klaro-config.js" defer></script>
<script src="/nm/klaro/dist/klaro.js" data-config="klaroConfig" defer></script>`,
    ),
    probe: { css: '.klaro .cookie-notice' },
    accept: '.klaro .cookie-notice .cm-btn-success',
    stored: { cookie: 'klaro' },
  },
  {
    id: 'osano',
    name: 'Osano cookieconsent',
    html: page(
      'Bench: Osano cookieconsent',
      `<link rel="stylesheet" href="/nm/cookieconsent/build/cookieconsent.min.css">
<script src="/nm/cookieconsent/build/cookieconsent.min.js" defer></script>
<script src="/bench/osano-init.js" defer></script>`,
    ),
    probe: { css: '.cc-window' },
    accept: '.cc-window .cc-allow',
    stored: { cookie: 'cookieconsent_status' },
  },
  {
    id: 'floor',
    name: 'static banner (floor)',
    html: page('Bench: static banner', `<script src="/bench/floor.js" defer></script>`),
    probe: { css: '#floor-banner' },
    accept: '#floor-accept',
    stored: { cookie: 'floor_consent' },
  },
];
