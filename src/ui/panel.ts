import { h, render } from 'preact';
import { Preferences } from './preferences';
import type { ViewActions, ViewModel } from './view';

/**
 * The preferences panel as a part of its own (`consent-relay.panel.js` beside the drop-in, a lazy chunk for bundler
 * users): Preact and the panel's components, loaded only when the panel is needed. The core hands it a container.
 */
export interface PanelModule {
  renderPanel(root: Element | ShadowRoot, vm: ViewModel, act: ViewActions, inline: boolean): void;
  unmountPanel(root: Element | ShadowRoot): void;
}

export const renderPanel: PanelModule['renderPanel'] = (root, vm, act, inline) =>
  render(h(Preferences, { vm, act, inline }), root);

export const unmountPanel: PanelModule['unmountPanel'] = (root) => render(null, root);
