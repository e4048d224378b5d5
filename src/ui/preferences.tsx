/* The classic JSX runtime (Preact's h, no preact/jsx-runtime in the panel file): 160 B gzip less (issue 12). */
/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// biome-ignore lint/correctness/noUnusedImports: the JSX factory of the pragmas above
import { Component, type ComponentChildren, Fragment, h } from 'preact';
import { logError } from '../lib/log';
import { categoryRow } from './category-row';
import { telemetryPanel, when } from './telemetry-panel';
import type { ViewActions, ViewModel } from './view';

interface Props {
  vm: ViewModel;
  act: ViewActions;
  /** rendered in a Cookie Preferences page instead of a dialog */
  inline?: boolean;
}
interface State {
  draft: Record<string, boolean>;
  saved: boolean;
  /** the last download of the visitor's receipts failed (the error is logged by the outbox) */
  failed?: boolean;
}

const FOCUSABLE = 'button:not([disabled]),input:not([disabled]),summary,a[href],[tabindex]:not([tabindex="-1"])';

/** The second layer: one checkbox per category, nothing pre-ticked in opt-in (the choices come in from the regime). */
export class Preferences extends Component<Props, State> {
  private root: HTMLElement | null = null;

  constructor(props: Props) {
    super(props);
    this.state = { draft: { ...props.vm.choices }, saved: false };
  }

  componentDidUpdate(prev: Props) {
    // A decision made elsewhere (banner, API, another tab) replaces an unsaved draft.
    if (prev.vm.choices !== this.props.vm.choices) this.setState({ draft: { ...this.props.vm.choices } });
  }

  componentDidMount() {
    const d = this.root as HTMLDialogElement | null;
    if (this.props.inline || !d) return;
    if (typeof d.showModal === 'function') d.showModal();
    const first = d.querySelector<HTMLElement>('input:not([disabled])') || d.querySelector<HTMLElement>(FOCUSABLE);
    if (first) first.focus();
  }

  componentWillUnmount() {
    const d = this.root as HTMLDialogElement | null;
    if (d && d.open && d.close) d.close();
  }

  /** Keep Tab inside the modal dialog (WAI-ARIA APG dialog pattern); native modal dialogs let it escape to the UI. */
  private onKey = (e: KeyboardEvent) => {
    const root = this.root;
    if (e.key !== 'Tab' || this.props.inline || !root) return;
    const list = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
    if (!list.length) return;
    // Tab leaves the last element (Shift+Tab the first), or comes from outside: on to the other end.
    const [to, from] = e.shiftKey ? [list[list.length - 1], list[0]] : [list[0], list[list.length - 1]];
    const active = (root.getRootNode() as ShadowRoot).activeElement;
    if (active === from || !root.contains(active)) {
      e.preventDefault();
      to.focus();
    }
  };

  private onCancel = (e: Event) => {
    // Escape: close through the store, so state and the DOM agree and focus is returned.
    e.preventDefault();
    this.props.act.hide();
  };

  private done = (p: Promise<unknown> | void) => {
    if (this.props.inline) Promise.resolve(p).then(() => this.setState({ saved: true }));
  };

  /**
   * The visitor's own receipts (docs/SPEC.md §7), asked for with the key only this device holds, as a bearer token
   * (a key in a URL ends up in logs), saved as a JSON file. The key is never put in the DOM. A failure is logged with
   * the URL and status, and told in the panel; nothing stored is touched.
   */
  private download = async () => {
    const { url, get } = this.props.vm.record!.mine!;
    let why: unknown;
    try {
      const res = await get();
      why = res.status;
      if (res.ok) {
        const a = document.createElement('a');
        a.href = URL.createObjectURL(await res.blob());
        a.download = 'consent-receipts.json';
        a.click();
        // revoked once the browser has surely read it (a revoke in the same task can cancel the save in Firefox)
        setTimeout(URL.revokeObjectURL, 60_000, a.href);
        return this.setState({ failed: false });
      }
    } catch (err) {
      why = err;
    }
    logError(`receiptEndpoint ${url} gave no receipts to download (${why})`);
    this.setState({ failed: true });
  };

  /**
   * The whole panel as one tree of markup (header, categories, telemetry, record, footer), read top to bottom as it
   * shows: past the house limit because it is markup, and the parts are already functions (category rows, the
   * telemetry section); each further component measured ~10-50 B gzip more in the panel file.
   */
  render({ vm, act, inline }: Props, { draft, saved, failed }: State) {
    const { s, record } = vm;
    // Header, scrolling body, footer: the choice (the footer's buttons) stays on screen however long the body is.
    const body: ComponentChildren = (
      <>
        <div class="h">
          <h2 id="cr-pt">{s.prefsTitle}</h2>
          {!inline && (
            <button type="button" class="x" data-cr-action="close" aria-label={s.close} onClick={act.hide}>
              ✕
            </button>
          )}
        </div>
        <div class="bd">
          <p id="cr-pd" class="m">
            {s.prefsText}
          </p>
          {vm.signal && (
            <p class="n" data-cr="signal-notice">
              {vm.signal === 'gpc' ? s.gpcHonored : s.dntHonored}
            </p>
          )}
          <ul>
            {vm.categories.map((c) =>
              categoryRow(c, s, c.required || !!draft[c.id], vm.locked[c.id], (on) =>
                this.setState({ draft: { ...draft, [c.id]: on }, saved: false }),
              ),
            )}
          </ul>
          {record && (
            <details class="m" data-cr="record">
              <summary>{s.record.replace('{id}', record.id).replace('{date}', when(record.at, vm.lang))}</summary>
              {record.mine && (
                <button type="button" data-cr-action="download-receipts" onClick={this.download}>
                  {s.recordDownload}
                </button>
              )}
              {failed && <p role="alert">{s.recordFailed}</p>}
            </details>
          )}
          {vm.tm && telemetryPanel(s, vm.tm, vm.lang)}
        </div>
        <div class="a f">
          <button type="button" data-cr-action="save" onClick={() => this.done(act.save(draft, 'preferences'))}>
            {s.save}
          </button>
          <button type="button" data-cr-action="accept-all" onClick={() => this.done(act.acceptAll('preferences'))}>
            {s.acceptAll}
          </button>
          <button type="button" data-cr-action="reject-all" onClick={() => this.done(act.rejectAll('preferences'))}>
            {s.rejectAll}
          </button>
          {inline && (
            <p role="status" class="m">
              {saved ? s.saved : ''}
            </p>
          )}
        </div>
      </>
    );
    return inline ? (
      <section
        class="p"
        data-cr="preferences"
        aria-labelledby="cr-pt"
        aria-describedby="cr-pd"
        lang={vm.lang}
        dir={vm.dir}
        ref={(r) => {
          this.root = r;
        }}
      >
        {body}
      </section>
    ) : (
      <dialog
        data-cr="preferences"
        aria-modal="true"
        aria-labelledby="cr-pt"
        aria-describedby="cr-pd"
        lang={vm.lang}
        dir={vm.dir}
        ref={(r) => {
          this.root = r;
        }}
        onKeyDown={this.onKey}
        onCancel={this.onCancel}
      >
        {body}
      </dialog>
    );
  }
}
