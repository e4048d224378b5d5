import { createApi, type ConsentRelay, type ConsentRelayEvents } from './api';
import { parseConfig, type ParsedConfig } from './config/parse';
import type { ConsentRelayConfig, ResolvedConfig } from './config/types';
import { createDecisions, lifetimes as lifetimesOf } from './consent/decisions';
import { readSignals, type Signals } from './consent/defaults';
import { followOtherTabs } from './consent/follow';
import { createGate, type Gate } from './consent/gating';
import { consentModeFields, ensureGtag } from './consent/google-consent-mode';
import { createConsentMachine, fromRecord, type ConsentMachineOptions } from './consent/machine';
import { createConsentPersistence } from './consent/persist';
import { judgeRecord, type ConsentRecord } from './consent/record';
import { createReceipts, type Receipts } from './consent/receipt-outbox';
import { copyState, type CategoryPolicy, type ConsentState } from './consent/state';
import { browserEnv, type Env } from './env';
import { followState } from './followers';
import { fetchGeo } from './jurisdiction/geo-fetch';
import { locate } from './jurisdiction/locate';
import type { Regime } from './jurisdiction/types';
import { createEmitter } from './lib/emitter';
import { logError } from './lib/log';
import { createCookieStore } from './storage/cookie';
import { createKeyValueStore } from './storage/idb';
import type { TelemetryController } from './telemetry/api';
import type { TelemetryOptions } from './telemetry/options';
import { telemetryDefault, telemetryLock } from './telemetry/policy';
import { wireTelemetry } from './telemetry-wiring';
import { createLanguage, type Language } from './ui/language';
import { createPresenter } from './ui/present';
import { createViewState } from './ui/view-state';

export type { ConsentState };
export type { ConsentRelay, ConsentRelayEvents };

/**
 * Create one consent-relay instance: a table of contents wiring the parts (docs/SPEC.md §1). Two instances share
 * nothing but what their configuration names (the cookie and the IndexedDB database): each has its own state,
 * events, UI root and observers.
 */
export function createConsentRelay(userConfig?: ConsentRelayConfig, env: Env = browserEnv()): ConsentRelay {
  // Config: an error falls back to the strictest safe behaviour (docs/SPEC.md §1): opt-in, non-essential denied.
  const parsed = /*#__NOINLINE__*/ parseConfig(userConfig, env.doc.baseURI);
  for (const e of parsed.errors) logError(e);
  const storage = /*#__NOINLINE__*/ openStorage(parsed.config, env, parsed.errors.length > 0);
  /*
   * The cookie is read here, from a small function, and the rest is wired in `wire`, kept out of this one
   * (NOINLINE: terser would inline it, and parseConfig, as each is called once). Chromium collects the source
   * positions of every function on the stack of a `document.cookie` read, re-parsing each one; with everything
   * inlined the function reading the cookie was 25 KB of the minified drop-in, re-parsed on every page view
   * (bench/cookie-stack.mjs: a read called by a function holding the whole drop-in 2.6 ms, by a small one 0.7–1.0).
   * Instance creation on a first visit 10.3 → 9.0 ms, script time 15.0 → 14.1 ms (medians of 60 interleaved runs).
   */
  const fromCookie = storage[4];
  return /*#__NOINLINE__*/ wire(userConfig, env, parsed, storage, fromCookie());
}

/** Everything after the cookie read: the parts of an instance, in order (see createConsentRelay for why apart). */
function wire(
  userConfig: ConsentRelayConfig | undefined,
  env: Env,
  parsed: ParsedConfig,
  storage: OpenedStorage,
  cookieRecord: ConsentRecord | null,
): ConsentRelay {
  const { win, doc, nav } = env;
  const config: ResolvedConfig = parsed.config;
  const strict = parsed.errors.length > 0;
  const signals = readSignals(nav);
  const assetBase = config.assetBase || env.assetBase || null;
  const parts = env.parts?.(assetBase);
  const language = createLanguage(config, nav, doc, env.fetch, assetBase);
  const [kv, persist, lifetimes, valid, fromCookie] = storage;
  const emitter = createEmitter<ConsentRelayEvents>(logError);
  const telemetry = wireTelemetry(env, kv, parsed, signals, emitter, parts, fromCookie, () => ({ machine, presenter }));
  // The store: the cookie's decision at once (hasConsent() on the first line), restored from storage at ready.
  const machine = createConsentMachine(storeOptions(config, signals, telemetry, language), cookieRecord);
  const view = createViewState();
  const gtag = consentModeDefault(config, win, machine.state);
  const outbox = config.receiptEndpoint ? createReceipts(env.fetch, kv, config.receiptEndpoint, logError) : null;
  const presenter = createPresenter({
    ...{ doc, language, view, machine, signals, telemetry, layout: config.layout, receipts: outbox },
    categories: shownCategories(config, userConfig, !!telemetry.options),
    actions: {
      acceptAll: (by) => decisions.all(true, by),
      rejectAll: (by) => decisions.all(false, by),
      save: (choices, by) => decisions.save(choices, by),
      showPreferences: () => api.showPreferences(),
      // Closing the dialog (Escape, ✕) goes back to the banner under it: without a decision the visitor must still answer.
      hide: () => (view.back() ? presenter.render() : api.hide()),
      reload: () => win.location.reload(),
    },
    loadPanel: parts?.panel || (() => Promise.reject(new Error('no panel loader'))),
  });
  // The gate's observer also sees a `[data-consent-relay-preferences]` container added later (a single-page
  // application's route) and draws into it.
  const gate = createGate(doc, machine.allows, {
    selector: '[data-consent-relay-preferences]',
    added: presenter.render,
  });
  const receipts = outbox && redrawnAfter(outbox, presenter.render);
  followState(machine, doc, win, config.categories, view, gate, gtag, telemetry, emitter, presenter);
  // A returning visitor's decision carries its region and regime: no geo request for them.
  const needGeo = config.region === 'auto' && !!config.geoEndpoint && !strict && !machine.record;
  // No cookie, region and language known without a request: the banner is drawn in this task (the page's first frame
  // after the script). Should IndexedDB hold a decision after all (only the cookie was lost: rare, as visits refresh
  // it), `ready` restores it and the banner goes. A localStorage note telling the cases apart at once cost ~4.7 ms of
  // script time on every first visit (measured).
  const early = !machine.record && !needGeo && !language.fetched;
  if (early) {
    machine.locate(locate(config, nav, strict, null));
    view.early();
    presenter.early(machine.stateOf(null));
  }
  // Ready: the geo answer, the storage read and the language pack, together.
  const ready: Promise<ConsentState> = (async () => {
    const geoP = needGeo ? fetchGeo(env.fetch, config.geoEndpoint!, config.geoTimeoutMs, logError) : null;
    // Under a config error nothing stored counts (openStorage): not even read, so nothing is written back either.
    const load = strict ? null : persist.load(machine.record, (r) => lifetimes.cookie(r.rgm));
    const [geo, stored, pack] = await Promise.all([geoP, load, language.waited]);
    language.settle(pack, presenter.render);
    const record = valid(stored);
    if (record) persist.refreshCookie(record, lifetimes.cookie(record.rgm));
    const located = early ? machine.jurisdiction : locate(config, nav, strict, geo);
    const next = machine.restore(record, record && !strict ? fromRecord(record) : located);
    emitter.emit('ready', copyState(next));
    telemetry.start();
    // Receipts a past visit could not deliver (the database exists: a decision was made here before).
    if (record) receipts?.flush();
    return copyState(next);
  })();
  const tabs = followOtherTabs({ win, doc, machine, persist, ready, valid, lifetimes, cookieName: config.cookie.name });
  const decisions = createDecisions({
    ...{ config, lifetimes, machine, persist, kv, receipts, tabs, ready, now: env.now },
    language: () => language.lang,
  });
  const listeners = pageListeners(doc, gate, () => api.showPreferences(), presenter.render);
  const stoppable = [gate, telemetry, listeners, tabs];
  const api = createApi(ready, config.categories, machine, decisions, view, presenter, emitter, telemetry, stoppable);
  return api;
}

type OpenedStorage = ReturnType<typeof openStorage>;

/**
 * Storage: one namespaced IndexedDB store and the consent cookie; both fail closed. A tuple, not an object: the
 * minifier renames its parts, while an object's property names stay (22 B gzip, measured).
 */
function openStorage(config: ResolvedConfig, env: Env, strict: boolean) {
  const kv = createKeyValueStore(env.idb);
  const cookie = createCookieStore(config.cookie, env.win.location.protocol === 'https:');
  const persist = createConsentPersistence(cookie, kv, config.cookie.name, logError);
  const lifetimes = lifetimesOf(config);
  // Under a config error no decision stored before this page counts: no consent, everything non-essential denied
  // (docs/SPEC.md §1), while the stored decision stays untouched for the page once its config is mended. A decision
  // the visitor makes while the page is open, here or in another tab, counts.
  const since = strict ? env.now() : 0;
  /** the record if it is a current decision (revision, age), else null */
  const valid = (rec: ConsentRecord | null) =>
    rec &&
    rec.at >= since &&
    judgeRecord(rec, config.policyRevision, env.now(), lifetimes.decision(rec.rgm)) === 'valid'
      ? rec
      : null;
  /** the cookie's decision, if it is a current one */
  const fromCookie = () => valid(persist.readCookie());
  return [kv, persist, lifetimes, valid, fromCookie] as const;
}

/** Consent Mode's default must be queued before any Google tag runs: that is now, synchronously. */
function consentModeDefault(config: ResolvedConfig, win: Window, state: ConsentState) {
  const gtag = config.googleConsentMode ? ensureGtag(win as Window & { gtag?: (...a: unknown[]) => void }) : null;
  gtag?.('consent', 'default', { ...consentModeFields(state.categories), wait_for_update: 500 });
  return gtag;
}

/**
 * The panel offers the visitor's own receipts once this device holds their key (docs/SPEC.md §7): drawn again after
 * every send and flush, which is when the key arrives or is read.
 */
function redrawnAfter(outbox: Receipts, render: () => void): Receipts {
  return {
    ...outbox,
    send: (r) => outbox.send(r).then(render),
    flush: () => outbox.flush().then(render),
  };
}

/** The store's view of the config: GPC/DNT, the operator's telemetry policy, the language of now. */
function storeOptions(
  config: ResolvedConfig,
  signals: Signals,
  telemetry: TelemetryController,
  language: Language,
): ConsentMachineOptions {
  return {
    categories: config.categories,
    revision: config.policyRevision,
    signals,
    // GPC/DNT act as an opt-out when the config says so, and GPC always where a law requires honouring it
    // (CCPA regs 11 CCR 7025 and the state acts marked in the regime table): the operator cannot switch the law off.
    honor: (jur) => config.honorGlobalPrivacyControl || (jur.gpcRequired && signals.gpc),
    policy: (jur) => telemetryPolicy(telemetry.options, jur.regime),
    language: () => language.lang,
  };
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

/**
 * `[data-consent-relay-open]` opens the panel on click; DOMContentLoaded scans for gated scripts and draws again.
 */
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
