import { h, render } from 'preact';
import css from './panel.css?inline';
import { Preferences } from './preferences';
import { buildStrings, PANEL_EN } from './strings';
import type { ViewActions, ViewModel } from './view';

/**
 * The preferences panel as a part of its own (`consent-relay.panel.js` beside the drop-in, a lazy chunk for bundler
 * users): Preact and the panel's components, loaded only when the panel is needed. The core hands it a container.
 */
export interface PanelModule {
  renderPanel(root: Element | ShadowRoot, vm: ViewModel, act: ViewActions, inline: boolean): void;
  unmountPanel(root: Element | ShadowRoot): void;
}

let sheet: CSSStyleSheet | null = null;
/**
 * The panel's rules join the core's sheet in the shadow root it renders in, once: a constructed sheet where there
 * are (CSP `style-src` does not govern them), else a <style> element, as the core does (src/ui/mount.ts).
 */
function adoptStyles(root: Element | ShadowRoot) {
  const sr = root.getRootNode() as ShadowRoot;
  if (!sr.host || sr.querySelector('style[data-cr-panel]')) return;
  try {
    if (!sheet) (sheet = new CSSStyleSheet()).replaceSync(css);
    if (!sr.adoptedStyleSheets.includes(sheet)) sr.adoptedStyleSheets = [...sr.adoptedStyleSheets, sheet];
  } catch {
    const style = sr.ownerDocument.createElement('style');
    style.setAttribute('data-cr-panel', '');
    style.textContent = css;
    sr.insertBefore(style, sr.firstChild);
  }
}

/** The panel's strings (PANEL_EN, in the visitor's language from the same layers) joined to the core's. */
const complete = (vm: ViewModel): ViewModel => ({ ...vm, s: { ...buildStrings(PANEL_EN, vm.layers || []), ...vm.s } });

export const renderPanel: PanelModule['renderPanel'] = (root, vm, act, inline) => {
  adoptStyles(root);
  render(h(Preferences, { vm: complete(vm), act, inline }), root);
};

export const unmountPanel: PanelModule['unmountPanel'] = (root) => render(null, root);
