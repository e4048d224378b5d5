import type { ResolvedCategory } from './config/types';
import type { Decisions } from './consent/decisions';
import { mergeChoices } from './consent/defaults';
import type { ConsentMachine } from './consent/machine';
import { copyState, type ConsentState } from './consent/state';
import type { Emitter } from './lib/emitter';
import { logError } from './lib/log';
import type { LogEntry, TelemetryApi, TelemetryController } from './telemetry/api';
import type { Presenter } from './ui/present';
import type { ViewState } from './ui/view-state';

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
 * The public API (docs/SPEC.md §3) over the store, its writes and the view. `stoppable`: what destroy() stops, in
 * order, before the UI goes (gating's observer, telemetry, the page's listeners, other tabs' news). Positional: an
 * options object's property names survive minification (30 B gzip here, measured with `node scripts/size.mjs`).
 */
export function createApi(
  ready: Promise<ConsentState>,
  categories: readonly ResolvedCategory[],
  machine: ConsentMachine,
  decisions: Decisions,
  view: ViewState,
  presenter: Presenter,
  emitter: Emitter<ConsentRelayEvents>,
  telemetry: TelemetryController,
  stoppable: readonly { stop(): void }[],
): ConsentRelay {
  let destroyed = false;
  return {
    ready,
    getConsent: () => copyState(machine.state),
    hasConsent: machine.allows,
    acceptAll: () => decisions.all(true, 'api'),
    rejectAll: () => decisions.all(false, 'api'),
    update(choices) {
      if (!choices || typeof choices !== 'object') {
        logError('update() takes { categoryId: boolean }, e.g. { analytics: true }');
        return ready.then(() => copyState(machine.state));
      }
      // Merged once ready: before that, state holds the strict pre-region defaults, not the visitor's regime's.
      return ready.then(() => {
        const m = mergeChoices(categories, machine.state.categories, choices);
        if (m.rejected.length)
          logError(`update(): ignored ${m.rejected.join(', ')} (unknown category, non-boolean or required)`);
        // Nothing applicable (only rejected keys): a typo is no answer, so no decision is recorded.
        return m.rejected.length === Object.keys(choices).length
          ? copyState(machine.state)
          : decisions.decide(m.choices, 'api');
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
      // A misspelt event would never be heard, silently: say so (the subscription is kept, harmless).
      if (!['change', 'ready', 'telemetry'].includes(type as string)) logError(`on(): unknown event ${String(type)}`);
      const off = emitter.on(type, fn);
      // Subscribing to 'ready' after it happened still hears it, like a Promise would.
      if (type === 'ready' && machine.ready)
        queueMicrotask(() => fn(copyState(machine.state) as ConsentRelayEvents[typeof type]));
      return off;
    },
    telemetry: telemetry.api,
    destroy() {
      destroyed = true;
      for (const part of stoppable) part.stop();
      presenter.destroy();
    },
  };
}
