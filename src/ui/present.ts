import type { BannerLayout, ResolvedCategory } from '../config/types';
import type { Signals } from '../consent/defaults';
import type { ConsentMachine } from '../consent/machine';
import type { Receipts } from '../consent/receipt-outbox';
import type { ConsentState } from '../consent/state';
import type { TelemetryController } from '../telemetry/api';
import type { Language } from './language';
import { createUi, type Ui } from './mount';
import type { PanelModule } from './panel';
import type { TelemetryView, ViewActions, ViewModel } from './view';
import type { ViewState } from './view-state';

export interface PresenterOptions {
  doc: Document;
  layout: BannerLayout;
  /** the categories the banner and the panel show */
  categories: readonly ResolvedCategory[];
  language: Language;
  view: ViewState;
  machine: ConsentMachine;
  signals: Signals;
  telemetry: Pick<TelemetryController, 'options' | 'inspect'>;
  actions: ViewActions;
  /** the receipt outbox, where the site sends receipts: the panel's download of the visitor's own */
  receipts: Pick<Receipts, 'mine'> | null;
  loadPanel: () => Promise<PanelModule>;
}

export interface Presenter {
  /** Draw the view model of now (mounting the UI only when there is something to show). */
  render(): void;
  /** Draw the banner of a first visit before ready, from this state (until ready, the machine's is not yet the one). */
  early(state: ConsentState): void;
  /** The panel's telemetry section reads IndexedDB: only while a panel is (or may be) on screen. */
  refreshTelemetry(): void;
  rememberFocus(): void;
  destroy(): void;
}

/** From the state and the view state to the view model the UI draws (docs/SPEC.md §4 "DOM hooks"). */
export function createPresenter(o: PresenterOptions): Presenter {
  const { doc, view, machine, signals, language, telemetry } = o;
  let destroyed = false;
  /** the state drawn before ready (the first visit's), else null: nothing to draw until ready */
  let early: ConsentState | null = null;
  let tmView: TelemetryView | undefined;
  let ui: Ui | null = null;
  const panelOnPage = () => !!doc.querySelector('[data-consent-relay-preferences]');
  const getUi = () => ui || (ui = createUi(doc, o.actions, o.loadPanel));

  const render = () => {
    const st = machine.ready ? machine.state : early;
    if (!st || destroyed) return;
    const honor = machine.honors();
    const vm: ViewModel = {
      ...view.layers(),
      regime: st.regime,
      layout: o.layout,
      // the signal notice: before a decision, or when a signal overrode an older decision (source 'signal')
      signal:
        honor && (!st.decided || st.source === 'signal') ? (signals.gpc ? 'gpc' : signals.dnt ? 'dnt' : null) : null,
      categories: o.categories,
      choices: st.categories,
      // the key of the reason, which the panel puts in words (src/ui/panel.ts)
      locked: Object.fromEntries(
        Object.entries(machine.policy().locks || {}).map(([id, on]) => [id, on ? 'lockedOn' : 'lockedOff']),
      ),
      s: language.strings,
      layers: language.layers,
      lang: language.lang,
      dir: language.dir,
      tm: tmView,
      record: machine.record && {
        id: machine.record.id,
        at: machine.record.at,
        mine: o.receipts?.mine(machine.record.vid),
      },
    };
    if (!ui && !vm.banner && !vm.prefs && !vm.reload && !panelOnPage()) return;
    getUi().update(vm);
  };
  // Made now, for its intent listeners (a pointer over a Cookie Preferences link fetches the panel ahead of the
  // click); it draws nothing until there is something to show.
  getUi();

  return {
    render,
    early(state) {
      early = state;
      render();
    },
    refreshTelemetry() {
      const options = telemetry.options;
      if (!options || !(view.view === 'preferences' || panelOnPage())) return;
      telemetry.inspect().then((v) => {
        if (v) tmView = { ...v, host: options.endpoint ? new URL(options.endpoint).host : '' };
        render();
      });
    },
    rememberFocus: () => getUi().rememberFocus(),
    destroy() {
      destroyed = true;
      ui?.destroy();
    },
  };
}
