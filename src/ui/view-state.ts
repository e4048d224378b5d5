import type { Transition } from '../consent/machine';
import type { View } from './view';

/** What the UI layers show, derived from the view state. */
export interface Layers {
  banner: boolean;
  prefs: boolean;
  reload: boolean;
}

/**
 * What the UI shows, as one state: 'none', 'banner' or 'preferences', plus what is under an open panel (the banner,
 * or nothing: where closing the panel goes back to) and the reload notice beside any view. No DOM: the UI renders
 * `layers()`.
 */
export interface ViewState {
  readonly view: View;
  layers(): Layers;
  /** showBanner(): before ready it is also the page's word on the banner at ready */
  showBanner(): void;
  showPreferences(): void;
  /** hide(): everything goes, the reload notice too */
  hide(): void;
  /** Closing the panel (Escape, ✕): back to what is under it. false when no panel is open. */
  back(): boolean;
  /** The banner of a first visit, drawn before ready (not the page's word: ready may still take it away). */
  early(): void;
  /** Scripts of a category just turned off already ran: ask for a reload. */
  needReload(): void;
  /** The view that follows a consent transition (a listener of the store: src/consent/machine.ts). */
  follow(next: { decided: boolean }, prev: unknown, transition: Transition): void;
}

export function createViewState(): ViewState {
  let view: View = 'none';
  let under: 'none' | 'banner' = 'none';
  let reload = false;
  /** what the page asked of the banner (showBanner / hide) before ready, if anything */
  let asked: boolean | null = null;
  let ready = false;
  /** The banner (or nothing) in place: under an open panel, which stays open; else as the view. */
  const place = (banner: boolean) => {
    const next = banner ? 'banner' : 'none';
    if (view === 'preferences') under = next;
    else view = next;
  };
  return {
    get view() {
      return view;
    },
    layers: () => ({
      banner: view === 'banner' || (view === 'preferences' && under === 'banner'),
      prefs: view === 'preferences',
      reload,
    }),
    showBanner() {
      if (!ready) asked = true;
      view = 'banner';
      under = 'none';
    },
    showPreferences() {
      if (view === 'preferences') return;
      under = view === 'banner' ? 'banner' : 'none';
      view = 'preferences';
    },
    hide() {
      if (!ready) asked = false;
      view = under = 'none';
      reload = false;
    },
    back() {
      if (view !== 'preferences') return false;
      view = under;
      return true;
    },
    early() {
      view = 'banner';
    },
    needReload() {
      reload = true;
    },
    follow(next, _, transition) {
      if (transition === 'restore') {
        ready = true;
        // showBanner() or hide() called before ready is the page's word on the banner; otherwise the decision's.
        place(asked ?? !next.decided);
      } else if (transition === 'forget') place(true);
      else if (transition === 'reset') {
        view = 'banner';
        under = 'none';
      } else {
        // A decision (here or in another tab) answers the banner; a panel open here stays open only for another
        // tab's decision (the visitor may be in the middle of choosing).
        if (transition === 'decide' || view === 'banner') view = 'none';
        under = 'none';
      }
    },
  };
}
