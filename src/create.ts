import { parseConfig } from './config/parse';
import type { ConsentRelayConfig, ResolvedConfig } from './config/types';
import { deleteCookies } from './consent/cookie-cleanup';
import { createDecisions } from './consent/decisions';
import { allChoices, mergeChoices, readSignals } from './consent/defaults';
import { followOtherTabs } from './consent/follow';
import { createGate, type Gate } from './consent/gating';
import { consentModeFields, ensureGtag } from './consent/google-consent-mode';
import { createConsentMachine, fromRecord, sameState } from './consent/machine';
import { createConsentPersistence } from './consent/persist';
import { judgeRecord, MAX_AGE_DAYS, type ConsentRecord } from './consent/record';
import { createReceipts } from './consent/receipt-outbox';
import type { CategoryPolicy, ConsentState } from './consent/state';
import { browserEnv, type Env } from './env';
import { fetchGeo } from './jurisdiction/geo-fetch';
import type { Regime } from './jurisdiction/types';
import { createLocator } from './jurisdiction/locate';
import { createEmitter } from './lib/emitter';
import { logError } from './lib/log';
import { createCookieStore } from './storage/cookie';
import { createKeyValueStore } from './storage/idb';
import { createTelemetry, type LogEntry, type TelemetryApi } from './telemetry/api';
import { telemetryDefault, telemetryLock } from './telemetry/policy';
import { createLanguage } from './ui/language';
import { createPresenter } from './ui/present';
import type { TelemetryOptions } from './telemetry/options';
import type { ViewActions } from './ui/view';
import { createViewState } from './ui/view-state';

export type { ConsentState };

export interface ConsentRelayEvents extends Record<string, unknown> {
  change: ConsentState;
  ready: ConsentState;
  telemetry: LogEntry;
}

/** The public API: `window.ConsentRelay` for the drop-in, the return of `createConsentRelay()` for bundler users. */
export interface ConsentRelay {
  /** Resolves once the region is resolved and storage read. */
  ready: Promise<ConsentState>;
  getConsent(): ConsentState;
  /** Synchronous; answers from the cookie on the first line of a page. */
  hasConsent(categoryId: string): boolean;
  acceptAll(): Promise<ConsentState>;
  rejectAll(): Promise<ConsentState>;
  update(choices: Record<string, boolean>): Promise<ConsentState>;
  showBanner(): void;
  showPreferences(): void;
  hide(): void;
  /** Forget the decision and all telemetry state and data on this device. */
  reset(): Promise<void>;
  on<K extends keyof ConsentRelayEvents>(type: K, fn: (payload: ConsentRelayEvents[K]) => void): () => void;
  /** The usage reporter (docs/SPEC.md §5). */
  telemetry: TelemetryApi;
  /** Stop observing the page and remove the UI (tests; single-page apps tearing down). */
  destroy(): void;
}

/**
 * Create one consent-relay instance: a table of contents wiring the parts (docs/SPEC.md §1). Two instances share
 * nothing but what their configuration names (the cookie and the IndexedDB database): each has its own state,
 * events, UI root and observers.
 */
export function createConsentRelay(userConfig?: ConsentRelayConfig, env: Env = browserEnv()): ConsentRelay {
  const { win, doc, nav, now } = env;
  // Config: a config error falls back to the strictest safe behaviour (docs/SPEC.md §1): opt-in, non-essential denied.
  const parsed = parseConfig(userConfig, doc.baseURI);
  const config: ResolvedConfig = parsed.config;
  for (const e of parsed.errors) logError(e);
  const strict = parsed.errors.length > 0;
  const signals = readSignals(nav);
  const locator = createLocator(config, nav, strict);
  const assetBase = config.assetBase || env.assetBase || null;
  const parts = env.parts?.(assetBase);
  // Language: its pack fetched at once, in parallel with the geo request.
  const language = createLanguage(config, nav, doc, env.fetch, assetBase);
  // Storage: one namespaced IndexedDB store and the consent cookie; both fail closed.
  const kv = createKeyValueStore(env.idb);
  const secure = win.location.protocol === 'https:';
  const persist = createConsentPersistence(createCookieStore(config.cookie, secure), kv, config.cookie.name, logError);
  const emitter = createEmitter<ConsentRelayEvents>(logError);
  const ages = lifetimes(config);
  const valid = (rec: ConsentRecord | null) =>
    rec && judgeRecord(rec, config.policyRevision, now(), ages.decision(rec.rgm)) === 'valid' ? rec : null;
  // Telemetry (docs/SPEC.md §5): consent read from the store, its log heard as an event.
  const telemetry = createTelemetry({
    parsed: parsed.telemetry,
    ...{ kv, fetch: env.fetch, now, doc, win, loadReporter: parts?.reporter },
    locks: (nav as Navigator & { locks?: LockManager }).locks,
    consent: () => {
      const c = telemetry.options?.category;
      if (!c || machine.state.categories[c] !== true) return false;
      // A decision made in another tab since this page loaded shows only in the cookie: a withdrawal there stops this tab too.
      const latest = valid(persist.readCookie());
      return !latest || latest.id === machine.record?.id || latest.c[c] === true;
    },
    decided: () => machine.state.decided,
    signals: () => signals,
    onLog: (e) => {
      emitter.emit('telemetry', e);
      presenter.refreshTelemetry();
    },
  });
  // The store: the cookie's decision at once, restored from storage at ready.
  const machine = createConsentMachine(
    {
      categories: config.categories,
      revision: config.policyRevision,
      signals,
      // GPC/DNT act as an opt-out when the config says so, and GPC always where a law requires honouring it
      // (CCPA regs 11 CCR 7025 and the state acts marked in the regime table): the operator cannot switch the law off.
      honor: (jur) => config.honorGlobalPrivacyControl || (jur.gpcRequired && signals.gpc),
      policy: (jur) => telemetryPolicy(telemetry.options, jur.regime),
      language: () => language.lang,
    },
    valid(persist.readCookie()),
  );
  const view = createViewState();
  // Consent Mode's default must be queued before any Google tag runs: that is now, synchronously.
  const gtag = config.googleConsentMode ? ensureGtag(win as Window & { gtag?: (...a: unknown[]) => void }) : null;
  gtag?.('consent', 'default', { ...consentModeFields(machine.state.categories), wait_for_update: 500 });
  /** the state the banner is drawn from before `ready` (a first visit known at once), else null */
  let early: ConsentState | null = null;
  const presenter = createPresenter({
    ...{ doc, layout: config.layout, language, view, machine, signals },
    categories: shownCategories(config, userConfig, !!telemetry.options),
    current: () => (machine.ready ? machine.state : early),
    telemetry,
    actions: viewActions(),
    loadPanel: parts?.panel || (() => Promise.reject(new Error('no panel loader'))),
  });
  const gate = createGate(doc, (c) => machine.state.categories[c] === true);
  const receipts = config.receiptEndpoint ? createReceipts(env.fetch, kv, config.receiptEndpoint, logError) : null;

  // Everything that follows the state, in this order: the view, gating (and cookies of categories turned off),
  // Consent Mode, telemetry, the `change` event, the UI.
  machine.subscribe((next, _, transition) => view.follow(transition, next.decided));
  machine.subscribe((next, prev) => {
    gate.scan();
    let needReload = false;
    for (const c of config.categories)
      if (prev.categories[c.id] && !next.categories[c.id]) {
        deleteCookies(doc, win.location, c.cookies);
        if (gate.ran.has(c.id)) needReload = true;
      }
    if (needReload) view.needReload();
  });
  machine.subscribe((next) => gtag?.('consent', 'update', consentModeFields(next.categories)));
  machine.subscribe((next, prev) => {
    const c = telemetry.options?.category;
    if (c && prev.categories[c] !== next.categories[c]) telemetry.consentChanged(!!next.categories[c]);
    presenter.refreshTelemetry();
  });
  machine.subscribe((next, prev) => {
    if (sameState(next, prev)) return;
    emitter.emit('change', next);
    doc.dispatchEvent(new CustomEvent('consent-relay:change', { detail: next }));
  });
  machine.subscribe(presenter.render);

  // A returning visitor's decision carries its region and regime: no geo request for them.
  const needGeo = !locator.configured && !!config.geoEndpoint && !strict && !machine.record;
  /**
   * No cookie, and region and language known without a request: the banner is drawn now, in this task, so it is in
   * the page's first frame after the script runs. `ready` still waits for the storage read: should IndexedDB hold a
   * decision after all (the cookie alone was cleared or expired), it is restored then and the banner goes away.
   * That case is kept rare by refreshing the cookie on visits (persist.refreshCookie). A localStorage note that
   * would have told the two cases apart at once was measured at ~4.7 ms of script time on every first visit.
   */
  if (!machine.record && !needGeo && !language.fetched) {
    machine.locate(locator.resolve(null));
    early = machine.stateOf(null);
    view.early();
    presenter.render();
  }

  // Ready: the geo answer, the storage read and the language pack, together.
  const ready: Promise<ConsentState> = (async () => {
    const geoP = needGeo ? fetchGeo(env.fetch, config.geoEndpoint!, config.geoTimeoutMs, logError) : null;
    const cookieDays = (r: ConsentRecord) => ages.cookie(r.rgm);
    const [geo, stored, pack] = await Promise.all([geoP, persist.load(machine.record, cookieDays), language.waited]);
    language.settle(pack, presenter.render);
    const record = valid(stored);
    if (record) persist.refreshCookie(record, ages.cookie(record.rgm));
    const located = early ? machine.jurisdiction : locator.resolve(geo);
    const next = machine.restore(record, record && !strict ? fromRecord(record) : located);
    emitter.emit('ready', next);
    telemetry.start();
    // Receipts a past visit could not deliver (the database exists: a decision was made here before).
    if (record) receipts?.flush();
    return next;
  })();

  const tabs = followOtherTabs({
    ...{ win, doc, machine, persist, ready, valid },
    cookieName: config.cookie.name,
    cookieDays: (r) => ages.cookie(r.rgm),
  });
  const decisions = createDecisions({
    ...{ machine, persist, kv, receipts, tabs, ready, now },
    categories: config.categories,
    revision: config.policyRevision,
    language: () => language.lang,
    maxAgeDays: ages.decision,
    cookieMaxAgeDays: ages.cookie,
  });
  const listeners = pageListeners(doc, gate, () => api.showPreferences(), presenter.render);

  function viewActions(): ViewActions {
    return {
      acceptAll: (m) => decisions.decide(allChoices(config.categories, true), m),
      rejectAll: (m) => decisions.decide(allChoices(config.categories, false), m),
      save: (choices, m) =>
        decisions.decide(mergeChoices(config.categories, machine.state.categories, choices).choices, m),
      showPreferences: () => api.showPreferences(),
      // Closing the dialog (Escape, ✕) goes back to the banner under it: without a decision the visitor must still answer.
      hide: () => (view.back() ? presenter.render() : api.hide()),
      reload: () => win.location.reload(),
    };
  }
  let destroyed = false;
  const api: ConsentRelay = {
    ready,
    getConsent: () => ({ ...machine.state, categories: { ...machine.state.categories } }),
    hasConsent: (id) => machine.state.categories[id] === true,
    acceptAll: () => decisions.decide(allChoices(config.categories, true), 'api'),
    rejectAll: () => decisions.decide(allChoices(config.categories, false), 'api'),
    update(choices) {
      if (!choices || typeof choices !== 'object') {
        logError('update() takes an object of category id → boolean, e.g. { analytics: true }');
        return ready.then(() => machine.state);
      }
      // Merged once ready: before that, state holds the strict pre-region defaults, not the visitor's regime's.
      return ready.then(() => {
        const m = mergeChoices(config.categories, machine.state.categories, choices);
        if (m.rejected.length)
          logError(`update(): unknown category or non-boolean value for ${m.rejected.join(', ')}; ignored`);
        // Nothing applicable (only unknown ids or non-booleans): a typo is no answer, so no decision is recorded.
        return m.rejected.length === Object.keys(choices).length ? machine.state : decisions.decide(m.choices, 'api');
      });
    },
    showBanner() {
      if (destroyed) return;
      view.showBanner();
      ready.then(presenter.render);
    },
    showPreferences() {
      if (destroyed) return;
      presenter.rememberFocus();
      view.showPreferences();
      presenter.refreshTelemetry();
      ready.then(presenter.render);
    },
    hide() {
      view.hide();
      presenter.render();
    },
    reset: () => decisions.reset(telemetry.wipe),
    on(type, fn) {
      const off = emitter.on(type, fn);
      // Subscribing to 'ready' after it happened still hears it, like a Promise would.
      if (type === 'ready' && machine.ready) queueMicrotask(() => fn(machine.state as ConsentRelayEvents[typeof type]));
      return off;
    },
    telemetry: telemetry.api,
    destroy() {
      destroyed = true;
      gate.stop();
      telemetry.stop();
      listeners.stop();
      tabs.stop();
      presenter.destroy();
    },
  };
  return api;
}

/** How long a decision lasts, and its cookie (its own setting, else the decision's), in days, per regime. */
function lifetimes(config: ResolvedConfig) {
  const decision = (regime: ConsentRecord['rgm']) => config.consentMaxAgeDays ?? MAX_AGE_DAYS[regime];
  return { decision, cookie: (regime: ConsentRecord['rgm']) => config.cookie.maxAgeDays ?? decision(regime) };
}

/** Kibana's optIn / allowChangingOptInStatus for the telemetry category, fitted to the regime. */
function telemetryPolicy(o: TelemetryOptions | null, regime: Regime): CategoryPolicy {
  if (!o) return {};
  const def = telemetryDefault(o, regime);
  const lock = telemetryLock(o, regime);
  return { defaults: def === null ? {} : { [o.category]: def }, locks: lock === null ? {} : { [o.category]: lock } };
}

/**
 * The default `telemetry` category asks about this product's usage telemetry: without `config.telemetry` there is
 * none, so the panel and the banner do not show it (its state stays, for pages that read it).
 */
function shownCategories(config: ResolvedConfig, userConfig: ConsentRelayConfig | undefined, telemetry: boolean) {
  return telemetry || Array.isArray(userConfig?.categories)
    ? config.categories
    : config.categories.filter((c) => c.id !== 'telemetry');
}

/** `[data-consent-relay-open]` opens the panel on click; DOMContentLoaded scans for gated scripts and draws again. */
function pageListeners(doc: Document, gate: Gate, open: () => void, render: () => void) {
  const onOpenClick = (e: Event) => {
    const t = e.target as Element | null;
    const opener = t && t.closest && t.closest('[data-consent-relay-open]');
    if (!opener) return;
    e.preventDefault();
    open();
  };
  doc.addEventListener('click', onOpenClick);
  const onDomReady = () => {
    gate.scan();
    render();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', onDomReady, { once: true });
  else gate.scan();
  return { stop: () => doc.removeEventListener('click', onOpenClick) };
}
