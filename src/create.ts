import { parseConfig } from './config/parse';
import type { ConsentRelayConfig, ResolvedConfig } from './config/types';
import { allChoices, mergeChoices, readSignals } from './consent/defaults';
import { deleteCookies } from './consent/cookie-cleanup';
import { createGate } from './consent/gating';
import { consentModeFields, ensureGtag } from './consent/google-consent-mode';
import { createConsentPersistence } from './consent/persist';
import { DAY, judgeRecord, MAX_AGE_DAYS, SCHEMA, type ConsentRecord, type DecisionMethod } from './consent/record';
import { toReceipt, type ConsentReceipt } from './consent/receipt';
import { createReceipts } from './consent/receipt-outbox';
import { createTabSync } from './consent/tab-sync';
import { applyLocks, toState, type CategoryPolicy, type ConsentState } from './consent/state';
import { browserEnv, type Env } from './env';
import { fetchGeo } from './jurisdiction/geo-fetch';
import { resolveJurisdiction } from './jurisdiction/resolve';
import type { Jurisdiction } from './jurisdiction/types';
import { createEmitter } from './lib/emitter';
import { logError } from './lib/log';
import { randomId } from './lib/random-id';
import { createCookieStore } from './storage/cookie';
import { createKeyValueStore } from './storage/idb';
import { createTelemetry, type LogEntry, type TelemetryApi } from './telemetry/api';
import { telemetryDefault, telemetryLock } from './telemetry/policy';
import { loadPack, PACK_LATE_MS, PACK_WAIT_MS } from './i18n/load';
import { pickLanguage } from './i18n/choose';
import { createUi, type Ui } from './ui/mount';
import { buildStrings, EN } from './ui/strings';
import type { TelemetryView, View, ViewActions, ViewModel } from './ui/view';

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
 * Create one consent-relay instance. Two instances share nothing but what their configuration names (the cookie and
 * the IndexedDB database): each has its own state, events, UI root and observers.
 */
export function createConsentRelay(userConfig?: ConsentRelayConfig, env: Env = browserEnv()): ConsentRelay {
  const { win, doc, nav, now } = env;
  const parsed = parseConfig(userConfig, doc.baseURI);
  const config: ResolvedConfig = parsed.config;
  for (const e of parsed.errors) logError(e);
  // docs/SPEC.md §1: a config error falls back to the strictest safe behaviour: opt-in, everything non-essential denied.
  const strict = parsed.errors.length > 0;

  const signals = readSignals(nav);
  /**
   * GPC/DNT act as an opt-out when the config says so, and GPC always where a law requires honouring it
   * (CCPA regs 11 CCR 7025 and the state acts marked in the regime table): the operator cannot switch the law off.
   */
  const honor = () => config.honorGlobalPrivacyControl || (jur.gpcRequired && signals.gpc);
  const choice = pickLanguage(
    config.language,
    nav.languages || [nav.language],
    doc.documentElement.lang,
    config.translations,
  );
  let { lang, dir } = choice;
  const assetBase = config.assetBase || env.assetBase || null;
  const parts = env.parts?.(assetBase);
  let destroyed = false;
  const own = (l: string) => config.translations[l.toLowerCase()];
  let strings = buildStrings(own('en'), own(lang));
  // The pack is fetched at once, in parallel with the geo request; the banner waits for it only so long.
  const packFetched = !!(choice.pack && assetBase);
  const late = (ms: number) => new Promise<null>((r) => setTimeout(() => r(null), ms));
  /** the pack itself, bounded: a pack later than PACK_LATE_MS is not waited for at all */
  const packLate: Promise<Record<string, string> | null> = packFetched
    ? Promise.race([loadPack(env.fetch, assetBase!, lang, logError, EN), late(PACK_LATE_MS)])
    : Promise.resolve(null);
  /** what the banner waits for */
  const packP = Promise.race([packLate, late(PACK_WAIT_MS)]);
  const secure = win.location.protocol === 'https:';
  const kv = createKeyValueStore(env.idb);
  const persist = createConsentPersistence(createCookieStore(config.cookie, secure), kv, config.cookie.name, logError);
  const emitter = createEmitter<ConsentRelayEvents>(logError);
  const maxAgeDays = (rgm: ConsentRecord['rgm']) => config.consentMaxAgeDays ?? MAX_AGE_DAYS[rgm];
  /** the consent cookie's lifetime: its own setting, else the decision's */
  const cookieMaxAgeDays = (rgm: ConsentRecord['rgm']) => config.cookie.maxAgeDays ?? maxAgeDays(rgm);
  const valid = (rec: ConsentRecord | null) =>
    rec && judgeRecord(rec, config.policyRevision, now(), maxAgeDays(rec.rgm)) === 'valid' ? rec : null;
  const fromRecord = (rec: ConsentRecord): Jurisdiction => ({
    region: rec.reg,
    regime: rec.rgm,
    source: rec.rs,
    gpcRequired: false,
  });

  const telemetry = createTelemetry({
    parsed: parsed.telemetry,
    kv,
    fetch: env.fetch,
    now,
    doc,
    win,
    locks: (nav as Navigator & { locks?: LockManager }).locks,
    consent: () => {
      const c = telemetry.options?.category;
      if (!c || state.categories[c] !== true) return false;
      // A decision made in another tab since this page loaded shows only in the cookie: a withdrawal there stops this tab too.
      const latest = valid(persist.readCookie());
      return !latest || latest.id === record?.id || latest.c[c] === true;
    },
    decided: () => state.decided,
    signals: () => signals,
    loadReporter: parts?.reporter,
    onLog: (e) => {
      emitter.emit('telemetry', e);
      refreshTm();
    },
  });
  let tmView: TelemetryView | undefined;
  const hostOf = (u: string | null) => (u ? new URL(u).host : '');
  /**
   * The default `telemetry` category asks about this product's usage telemetry: without `config.telemetry` there is
   * none, so the panel and the banner do not show it (its state stays, for pages that read it).
   */
  const shown =
    telemetry.options || Array.isArray(userConfig?.categories)
      ? config.categories
      : config.categories.filter((c) => c.id !== 'telemetry');
  /** The panel's telemetry section reads IndexedDB: only while a panel is (or may be) on screen. */
  const refreshTm = () => {
    if (!telemetry.options || !(view === 'preferences' || doc.querySelector('[data-consent-relay-preferences]')))
      return;
    telemetry.inspect().then((v) => {
      if (v) tmView = { ...v, host: hostOf(telemetry.options!.endpoint) };
      render();
    });
  };
  /** Kibana's optIn / allowChangingOptInStatus for the telemetry category, fitted to the regime. */
  const policy = (): CategoryPolicy => {
    const o = telemetry.options;
    if (!o) return {};
    const def = telemetryDefault(o, jur.regime);
    const lock = telemetryLock(o, jur.regime);
    return { defaults: def === null ? {} : { [o.category]: def }, locks: lock === null ? {} : { [o.category]: lock } };
  };

  // Until the region is known, the visitor is in the strictest regime (unknown = opt-in).
  const UNKNOWN: Jurisdiction = { region: null, regime: 'opt-in', source: 'unknown', gpcRequired: false };
  let jur = UNKNOWN;
  let record = valid(persist.readCookie());
  let state = toState(
    config.categories,
    record ? fromRecord(record) : jur,
    record,
    config.policyRevision,
    signals,
    honor(),
    lang,
    policy(),
  );
  /** The state for a record (or none) in the jurisdiction, language and policy of now: the one spelling of it. */
  const stateOf = (rec: ConsentRecord | null) =>
    toState(config.categories, jur, rec, config.policyRevision, signals, honor(), lang, policy());
  let isReady = false;
  /** the state the banner is drawn from before `ready` (a first visit known at once), else null */
  let early: ConsentState | null = null;
  /** What the UI shows: one state. `under` is where closing the panel goes back to (the banner under it, or nothing). */
  let view: View = 'none';
  let under: 'none' | 'banner' = 'none';
  /** the notice asking for a reload (scripts of a category just turned off already ran); shown beside any view */
  let reloadNotice = false;
  /** what the page asked of the banner (showBanner / hide) before `ready`, if anything */
  let bannerAsked: boolean | null = null;
  let ui: Ui | null = null;
  const getUi = () =>
    ui || (ui = createUi(doc, actions, parts?.panel || (() => Promise.reject(new Error('no panel loader')))));

  const gtag = config.googleConsentMode ? ensureGtag(win as Window & { gtag?: (...a: unknown[]) => void }) : null;
  // Consent Mode's default must be queued before any Google tag runs: that is now, synchronously.
  gtag?.('consent', 'default', { ...consentModeFields(state.categories), wait_for_update: 500 });

  const actions: ViewActions = {
    acceptAll: (m) => decide(allChoices(config.categories, true), m),
    rejectAll: (m) => decide(allChoices(config.categories, false), m),
    save: (choices, m) => decide(mergeChoices(config.categories, state.categories, choices).choices, m),
    showPreferences: () => api.showPreferences(),
    hide() {
      // Closing the dialog (Escape, ✕) goes back to the banner under it: without a decision the visitor must still answer.
      if (view !== 'preferences') return api.hide();
      view = under;
      render();
    },
    reload: () => win.location.reload(),
  };
  // Made now, for its intent listeners (a pointer over a Cookie Preferences link fetches the panel ahead of the click);
  // it draws nothing until there is something to show.
  getUi();

  const render = () => {
    const st = isReady ? state : early;
    if (!st || destroyed) return;
    const vm: ViewModel = {
      banner: view === 'banner' || (view === 'preferences' && under === 'banner'),
      prefs: view === 'preferences',
      reload: reloadNotice,
      regime: st.regime,
      layout: config.layout,
      // the signal notice: before a decision, or when a signal overrode an older decision (source 'signal')
      signal:
        honor() && (!st.decided || st.source === 'signal') ? (signals.gpc ? 'gpc' : signals.dnt ? 'dnt' : null) : null,
      categories: shown,
      choices: st.categories,
      locked: Object.fromEntries(
        Object.entries(policy().locks || {}).map(([id, on]) => [id, on ? strings.lockedOn : strings.lockedOff]),
      ),
      s: strings,
      lang,
      dir,
      tm: tmView,
      record: record && { id: record.id, at: record.at, mine: receipts?.mine(record.vid) },
    };
    if (!ui && !vm.banner && !vm.prefs && !vm.reload && !doc.querySelector('[data-consent-relay-preferences]')) return;
    getUi().update(vm);
  };

  const gate = createGate(doc, (c) => state.categories[c] === true);

  const setState = (next: ConsentState, prev: ConsentState) => {
    state = next;
    gate.scan();
    let needReload = false;
    for (const c of config.categories) {
      if (prev.categories[c.id] && !next.categories[c.id]) {
        deleteCookies(doc, win.location, c.cookies);
        if (gate.ran.has(c.id)) needReload = true;
      }
    }
    if (needReload) reloadNotice = true;
    gtag?.('consent', 'update', consentModeFields(next.categories));
    const tc = telemetry.options?.category;
    if (tc && prev.categories[tc] !== next.categories[tc]) telemetry.consentChanged(!!next.categories[tc]);
    refreshTm();
    // A change is a change: `ready` confirming what the cookie already said (a returning visitor) is not one.
    if (JSON.stringify(next) !== JSON.stringify(prev)) {
      emitter.emit('change', next);
      doc.dispatchEvent(new CustomEvent('consent-relay:change', { detail: next }));
    }
    render();
  };

  /** Every change of decision is receipted where the site asked for it (kept until accepted, never thrown). */
  const receipts = config.receiptEndpoint ? createReceipts(env.fetch, kv, config.receiptEndpoint, logError) : null;
  const postReceipt = (receipt: ConsentReceipt) => void receipts?.send(receipt).then(render);

  async function decide(choices: Record<string, boolean>, by: DecisionMethod): Promise<ConsentState> {
    await ready;
    applyLocks(choices, policy().locks);
    const at = now();
    const rec: ConsentRecord = {
      v: SCHEMA,
      id: randomId(),
      rev: config.policyRevision,
      at,
      exp: at + maxAgeDays(jur.regime) * DAY,
      c: choices,
      by,
      reg: jur.region,
      rgm: jur.regime,
      rs: jur.source,
      lang,
    };
    // The visitor's consent id, kept across their decisions (docs/SPEC.md §7): only where receipts are sent.
    if (receipts) rec.vid = await receipts.visitor(record?.vid);
    // An explicit choice made while a GPC/DNT signal was present overrides the signal, and the record says so.
    if (honor() && (signals.gpc || signals.dnt)) rec.sig = 1;
    const prev = state;
    record = rec;
    view = 'none';
    under = 'none';
    // The cookie is written (synchronously) before listeners hear of the change: what they read agrees with it.
    const saved = persist.save(rec, cookieMaxAgeDays(jur.regime));
    setState(stateOf(rec), prev);
    tabs.post({ kind: 'decided', record: rec });
    await saved;
    postReceipt(toReceipt(rec));
    return state;
  }

  const timeZone = (): string | null => {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
    } catch {
      // A throwing Intl (old engines, odd polyfills) is simply "no time zone": the chain goes on.
      return null;
    }
  };
  const configured = config.region !== 'auto' ? config.region : null;
  const resolveJur = (geo: string | null): Jurisdiction =>
    strict
      ? UNKNOWN
      : resolveJurisdiction({
          configured,
          geo,
          // Only when it can matter (no region yet, or Canada without a province): the first Intl.DateTimeFormat of a
          // page costs ~10 ms of ICU set-up, a third of our start-up.
          timeZone: configured || (geo && geo !== 'CA') ? null : timeZone(),
          languages: nav.languages || [],
          overrides: config.regimes,
        });
  // A returning visitor's decision carries its region and regime: no geo request for them.
  const needGeo = !configured && !!config.geoEndpoint && !strict && !record;

  /**
   * No cookie, and region and language known without a request: the banner is drawn now, in this task, so it is in
   * the page's first frame after the script runs. `ready` still waits for the storage read: should IndexedDB hold a
   * decision after all (the cookie alone was cleared or expired), it is restored then and the banner goes away.
   * That case is kept rare by refreshing the cookie on visits (persist.refreshCookie). A localStorage note that
   * would have told the two cases apart at once was measured at ~4.7 ms of script time on every first visit.
   */
  if (!record && !needGeo && !packFetched) {
    jur = resolveJur(null);
    early = stateOf(null);
    view = 'banner';
    render();
  }

  const ready: Promise<ConsentState> = (async () => {
    const geoP = needGeo
      ? fetchGeo(env.fetch, config.geoEndpoint!, config.geoTimeoutMs, logError)
      : Promise.resolve(null);
    const [geo, stored, pack] = await Promise.all([geoP, persist.load(record, (r) => cookieMaxAgeDays(r.rgm)), packP]);
    if (pack) strings = buildStrings(pack, own(lang));
    else if (choice.pack && !own(lang)) {
      // No pack (none beside the script, late, missing or malformed): English, and say so in the record.
      lang = 'en';
      dir = 'ltr';
      // Late but on its way: the visitor switches to their language when it arrives (bounded by PACK_LATE_MS).
      void packLate.then((p) => {
        if (!p || destroyed) return;
        ({ lang, dir } = choice);
        strings = buildStrings(p, own(lang));
        render();
      });
    }
    if (!early) jur = resolveJur(geo);
    const prev = state;
    record = valid(stored);
    if (record && !strict) jur = fromRecord(record);
    if (record) persist.refreshCookie(record, cookieMaxAgeDays(record.rgm));
    const next = stateOf(record);
    isReady = true;
    // showBanner() or hide() called before ready is the page's word on the banner; otherwise the decision's.
    const asked = (bannerAsked ?? !next.decided) ? 'banner' : 'none';
    // the panel opened before ready stays open, with the banner under it when there is to be one
    if ((view as View) === 'preferences') under = asked;
    else view = asked;
    setState(next, prev);
    emitter.emit('ready', next);
    telemetry.start();
    // Receipts a past visit could not deliver (the database exists: a decision was made here before).
    // then draw again: the panel's download shows once the visitor's key is read (docs/SPEC.md §7)
    if (record) receipts?.flush().then(render);
    return next;
  })();

  const onOpenClick = (e: Event) => {
    const t = e.target as Element | null;
    const opener = t && t.closest && t.closest('[data-consent-relay-open]');
    if (!opener) return;
    e.preventDefault();
    api.showPreferences();
  };
  doc.addEventListener('click', onOpenClick);
  const onDomReady = () => {
    gate.scan();
    render();
  };
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', onDomReady, { once: true });
  else gate.scan();

  /** A decision made in another tab (newer than ours) becomes this tab's: state, banner, gating, `change`. */
  const adopt = (latest: ConsentRecord) => {
    if (latest.id === record?.id || (record && latest.at < record.at)) return;
    const prev = state;
    record = latest;
    jur = fromRecord(latest);
    if (view === 'banner') view = 'none';
    under = 'none';
    setState(stateOf(latest), prev);
  };
  /** The decision was forgotten in another tab (reset): ask again here, writing nothing. */
  const forget = () => {
    if (!record) return;
    const prev = state;
    record = null;
    if (view === 'preferences') under = 'banner';
    else view = 'banner';
    setState(stateOf(null), prev);
  };
  const tabs = createTabSync(win, config.cookie.name, (msg) => {
    // Heard before this tab's own storage read: `ready` decides first, then the news applies on top.
    void ready.then(() => {
      if (msg.kind === 'reset') forget();
      else {
        const latest = valid(msg.record);
        if (latest) adopt(latest);
      }
    });
  });

  /**
   * The cookie is the other way news arrives: a tab that missed the message (frozen in the background, no channel),
   * or a decision written by the server (receipts). Read it again when this tab comes back to the front.
   */
  const onVisible = () => {
    if (!isReady || doc.visibilityState !== 'visible') return;
    const raw = persist.readCookie();
    const latest = valid(raw);
    if (latest) adopt(latest);
    else if (!raw && record) {
      // The cookie is gone: reset() in another tab (IndexedDB gone too: ask again), or only the cookie was cleared
      // (IndexedDB still has the decision, and load() writes the cookie back).
      void persist
        .load(null, (r) => cookieMaxAgeDays(r.rgm))
        .then((rec) => {
          if (!valid(rec)) forget();
        });
    }
  };
  doc.addEventListener('visibilitychange', onVisible);

  const api: ConsentRelay = {
    ready,
    getConsent: () => ({ ...state, categories: { ...state.categories } }),
    hasConsent: (id) => state.categories[id] === true,
    acceptAll: () => decide(allChoices(config.categories, true), 'api'),
    rejectAll: () => decide(allChoices(config.categories, false), 'api'),
    update(choices) {
      if (!choices || typeof choices !== 'object') {
        logError('update() takes an object of category id → boolean, e.g. { analytics: true }');
        return ready.then(() => state);
      }
      // Merged once ready: before that, state holds the strict pre-region defaults, not the visitor's regime's.
      return ready.then(() => {
        const m = mergeChoices(config.categories, state.categories, choices);
        if (m.rejected.length)
          logError(`update(): unknown category or non-boolean value for ${m.rejected.join(', ')}; ignored`);
        // Nothing applicable (only unknown ids or non-booleans): a typo is no answer, so no decision is recorded.
        return m.rejected.length === Object.keys(choices).length ? state : decide(m.choices, 'api');
      });
    },
    showBanner() {
      if (destroyed) return;
      if (!isReady) bannerAsked = true;
      view = 'banner';
      under = 'none';
      ready.then(render);
    },
    showPreferences() {
      if (destroyed) return;
      getUi().rememberFocus();
      if (view !== 'preferences') {
        under = view === 'banner' ? 'banner' : 'none';
        view = 'preferences';
      }
      refreshTm();
      ready.then(render);
    },
    hide() {
      if (!isReady) bannerAsked = false;
      view = under = 'none';
      reloadNotice = false;
      render();
    },
    async reset() {
      await ready;
      // The withdrawal below needs the visitor's key, which the wipe deletes: read it first.
      if (record) await receipts?.visitor(record.vid);
      await Promise.all([persist.clear(), telemetry.wipe()]);
      // Then the database itself: "forget ... all telemetry state and data on this device" leaves nothing behind.
      await kv.drop();
      const prev = state;
      const withdrawn = record;
      record = null;
      view = 'banner';
      under = 'none';
      setState(stateOf(null), prev);
      tabs.post({ kind: 'reset' });
      // A decision forgotten is a change too: the receipt log shows the withdrawal (everything non-essential off).
      if (withdrawn)
        postReceipt({
          ...toReceipt({ ...withdrawn, id: randomId(), at: now(), c: allChoices(config.categories, false) }),
          method: 'reset',
        });
    },
    on(type, fn) {
      const off = emitter.on(type, fn);
      // Subscribing to 'ready' after it happened still hears it, like a Promise would.
      if (type === 'ready' && isReady) queueMicrotask(() => fn(state as ConsentRelayEvents[typeof type]));
      return off;
    },
    telemetry: telemetry.api,
    destroy() {
      destroyed = true;
      gate.stop();
      telemetry.stop();
      doc.removeEventListener('click', onOpenClick);
      doc.removeEventListener('visibilitychange', onVisible);
      tabs.stop();
      ui?.destroy();
    },
  };
  return api;
}
