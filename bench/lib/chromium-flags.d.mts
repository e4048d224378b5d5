/** The Chromium flags of every launch (bench/lib/chromium-flags.mjs). */
export declare const CHROMIUM_ARGS: readonly string[];
