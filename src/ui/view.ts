import type { BannerLayout, ResolvedCategory } from '../config/types';
import type { Regime } from '../jurisdiction/types';
import type { StringLayer, Strings } from './strings';
import type { LogEntry, SendReason, TelemetryReport } from '../telemetry/api';

/** What the UI shows: nothing, the banner's first layer, or the preferences panel. */
export type View = 'none' | 'banner' | 'preferences';

/** Everything the UI renders from: the seam between the headless core and Preact. */
export interface ViewModel {
  banner: boolean;
  prefs: boolean;
  reload: boolean;
  regime: Regime;
  layout: BannerLayout;
  signal: 'gpc' | 'dnt' | null;
  categories: readonly ResolvedCategory[];
  choices: Record<string, boolean>;
  /** categories the operator locks, with the reason shown next to the checkbox (the core gives its string key) */
  locked: Record<string, string>;
  /** the strings: the core's own (EN's keys), completed by the panel with its own from `layers` (src/ui/panel.ts) */
  s: Strings;
  /** what the strings are built from (the language pack, the page's `translations`), for the panel's strings */
  layers?: StringLayer[];
  lang: string;
  dir: 'ltr' | 'rtl';
  /** the telemetry log and next payload, when telemetry is configured */
  tm?: TelemetryView;
  /**
   * The decision in force: its record id and time (ms); `mine` only where receipts are sent and this device holds
   * the visitor's key (src/consent/receipt-outbox.ts): where their own receipts are, and the request for them (the
   * key stays in the core).
   */
  record?: { id: string; at: number; mine?: Mine } | null;
}

/** The visitor's own receipts: the URL (for messages) and the request, made with the key as a bearer token. */
export interface Mine {
  url: string;
  get(): Promise<Response>;
}

export interface TelemetryView {
  /** `sendUsageFrom: 'browser'`: the browser always sends (else only when the server cannot) */
  fromBrowser: boolean;
  /** the host reports go to (the endpoint's), shown with the next report and each sent one */
  host: string;
  reason: SendReason;
  preview: TelemetryReport | null;
  log: LogEntry[];
}

export interface ViewActions {
  acceptAll(method: 'banner' | 'preferences'): Promise<unknown>;
  rejectAll(method: 'banner' | 'preferences'): Promise<unknown>;
  save(choices: Record<string, boolean>, method: 'banner' | 'preferences'): Promise<unknown>;
  showPreferences(): void;
  hide(): void;
  reload(): void;
}
