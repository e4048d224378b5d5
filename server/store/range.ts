/** A time range's ends as the API and the CLI take them: Dates, epoch ms, or ISO strings. */
export type TimeInput = Date | string | number;

export interface TimeRange {
  /** From (inclusive); default the beginning. */
  since?: TimeInput;
  /** To (exclusive); a date alone (`2026-01-31`) means to the end of that day (UTC). Default: no end. */
  until?: TimeInput;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const FAR_FUTURE = new Date('9999-12-31T00:00:00Z');

/**
 * Reads a range; throws a `TypeError` naming `since` or `until` when one is not a date, and for anything else given
 * (`'2026-01-01'` alone, `{ from, to }`): read as no range, it would quietly export every receipt.
 */
export function parseRange(range: TimeRange = {}): { since: Date; until: Date } {
  if (typeof range !== 'object' || range === null || range instanceof Date)
    throw new TypeError(`consent-relay/server: a time range must be { since, until }, got ${JSON.stringify(range)}`);
  for (const key of Object.keys(range))
    if (key !== 'since' && key !== 'until')
      throw new TypeError(`consent-relay/server: a time range has only since and until, got "${key}"`);
  const since = range.since === undefined ? new Date(0) : toDate(range.since, 'since', false);
  const until = range.until === undefined ? FAR_FUTURE : toDate(range.until, 'until', true);
  return { since, until };
}

function toDate(value: TimeInput, name: string, endOfDay: boolean): Date {
  const d = value instanceof Date ? new Date(value.getTime()) : new Date(value);
  if (Number.isNaN(d.getTime()) || (typeof value === 'string' && !/^\d{4}-\d{2}-\d{2}/.test(value)))
    throw new TypeError(
      `consent-relay/server: ${name} must be a date (ISO string, Date or epoch ms), got ${JSON.stringify(value)}`,
    );
  if (endOfDay && typeof value === 'string' && DATE_ONLY.test(value)) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
