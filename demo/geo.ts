/** The demo's geo endpoint answers: a person (or a test) picks one by name. */
export const GEO_CHOICES: Record<string, { country: string; region?: string } | 'slow' | 'fail'> = {
  EU: { country: 'DE', region: 'BY' },
  'US-CA': { country: 'US', region: 'CA' },
  'US-TX': { country: 'US', region: 'TX' },
  'CA-QC': { country: 'CA', region: 'QC' },
  AU: { country: 'AU' },
  unknown: { country: 'XX' },
  slow: 'slow',
  fail: 'fail',
};

/** How long the 'slow' answer takes: longer than the default geoTimeoutMs (1500 ms). */
export const SLOW_MS = 4000;
