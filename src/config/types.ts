import type { Regime, RegimeOverrides } from '../jurisdiction/types';

/** A consent category the site uses. `necessary` is always present and always required. */
export interface CategoryConfig {
  id: string;
  required?: boolean;
  label?: string;
  description?: string;
  /**
   * Cookies this category sets: names, RegExps, "/pattern/flags" strings (for JSON config), or `{ name, purpose }`
   * (name as before) to list them with their purpose in the preferences panel. Deleted on revoke.
   */
  cookies?: Array<string | RegExp | CookieInfo>;
}

/** A cookie as the preferences panel lists it. */
export interface CookieInfo {
  name: string | RegExp;
  purpose?: string;
}

export interface CookieConfig {
  name: string;
  domain?: string;
  path: string;
  sameSite: 'Lax' | 'Strict' | 'None';
  maxAgeDays?: number;
}

/** The page's configuration, as a user writes it (every key optional). See README "Configuration". */
export interface ConsentRelayConfig {
  policyRevision?: number;
  region?: string;
  geoEndpoint?: string;
  geoTimeoutMs?: number;
  categories?: CategoryConfig[];
  language?: string;
  translations?: Record<string, Record<string, string>>;
  cookie?: Partial<CookieConfig>;
  consentMaxAgeDays?: number;
  honorGlobalPrivacyControl?: boolean;
  googleConsentMode?: boolean;
  receiptEndpoint?: string;
  /** Where the files beside the drop-in (panel, reporter, language packs) are fetched from; default: beside it. */
  assetBase?: string;
  /** Site overrides of the regime table: region (`US-WA`) or country (`JP`) → regime. */
  regimes?: RegimeOverrides;
  telemetry?: Record<string, unknown>;
  /** The banner's layout: a bar along the bottom, a box, or a box in a corner (phones: always a bottom sheet). */
  layout?: BannerLayout;
}

export type BannerLayout = 'bar' | 'box' | 'corner';

/** The validated configuration: every default filled in. */
export interface ResolvedConfig {
  policyRevision: number;
  region: string | 'auto';
  geoEndpoint: string | null;
  geoTimeoutMs: number;
  categories: ResolvedCategory[];
  language: string;
  translations: Record<string, Record<string, string>>;
  cookie: CookieConfig;
  consentMaxAgeDays: number | null;
  honorGlobalPrivacyControl: boolean;
  googleConsentMode: boolean;
  receiptEndpoint: string | null;
  assetBase: string | null;
  regimes: RegimeOverrides;
  telemetry: Record<string, unknown> | null;
  layout: BannerLayout;
}

export interface ResolvedCategory {
  id: string;
  required: boolean;
  label?: string;
  description?: string;
  cookies: RegExp[];
  /** the cookies as the panel lists them: name as written, purpose if given */
  cookieInfo?: Array<{ name: string; purpose?: string }>;
}

export type { Regime };
