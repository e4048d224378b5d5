import type { ResolvedCategory } from './config/types';
import type { ConsentRelayEvents } from './api';
import { deleteCookies } from './consent/cookie-cleanup';
import type { Gate } from './consent/gating';
import { consentModeFields } from './consent/google-consent-mode';
import { sameState, type ConsentMachine } from './consent/machine';
import { copyState } from './consent/state';
import type { Emitter } from './lib/emitter';
import type { TelemetryController } from './telemetry/api';
import type { Presenter } from './ui/present';
import type { ViewState } from './ui/view-state';

/**
 * Everything that follows the store's state (docs/SPEC.md §4), in this order: the view, gating (and the cookies of
 * categories turned off), Consent Mode (`gtag`: null when it is off), telemetry, the `change` event (only when the
 * state changed), the UI. Positional: an options object's property names survive minification (42 B gzip, measured).
 */
export function followState(
  machine: ConsentMachine,
  doc: Document,
  win: Window,
  categories: readonly ResolvedCategory[],
  view: ViewState,
  gate: Gate,
  gtag: ((...args: unknown[]) => void) | null,
  telemetry: TelemetryController,
  emitter: Emitter<ConsentRelayEvents>,
  presenter: Presenter,
): void {
  machine.subscribe(view.follow);
  machine.subscribe((next, prev) => {
    gate.scan();
    const off = categories.filter((c) => prev.categories[c.id] && !next.categories[c.id]);
    for (const c of off) deleteCookies(doc, win.location, c.cookies);
    if (off.some((c) => gate.ran.has(c.id))) view.needReload();
  });
  machine.subscribe((next) => gtag?.('consent', 'update', consentModeFields(next.categories)));
  machine.subscribe((next, prev, transition) => {
    const c = telemetry.options?.category;
    // A reset here or in another tab dropped the database: telemetry then clears only what it holds in memory, since a
    // write would create the database anew (reset() leaves nothing on the device, docs/SPEC.md §4).
    if (c && prev.categories[c] !== next.categories[c])
      telemetry.consentChanged(!!next.categories[c], transition === 'reset' || transition === 'forget');
    presenter.refreshTelemetry();
  });
  machine.subscribe((next, prev) => {
    if (sameState(next, prev)) return;
    // Each its own copy: a subscriber changing its payload changes neither the store nor the next subscriber's.
    emitter.emit('change', copyState(next));
    doc.dispatchEvent(new CustomEvent('consent-relay:change', { detail: copyState(next) }));
  });
  machine.subscribe(presenter.render);
}
