/**
 * An ISO 8601 date-time with an offset (`2025-03-01T11:00:00Z`, `…T13:30:00.5+02:00`). The offset is required:
 * without one `Date.parse` reads local time, and a server and a browser may disagree about what that is.
 */
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

export type ParsedTime = { ok: true; at: number } | { ok: false; error: string };

/**
 * Epoch milliseconds of a strict ISO date-time with an offset, or why not. Stricter than `Date.parse`, which in V8
 * accepts `2025-02-30` (as 2 March) and hour 24.
 */
export function parseIsoDateTime(value: unknown): ParsedTime {
  const m = typeof value === 'string' ? ISO_DATE_TIME.exec(value) : null;
  if (!m) return { ok: false, error: 'must be an ISO 8601 date-time with an offset' };
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((part) => Number(part ?? 0));
  const daysInMonth = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
  const valid =
    day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59 && second <= 59 && offH <= 23 && offM <= 59;
  const at = valid ? Date.parse(value as string) : Number.NaN;
  return Number.isFinite(at) ? { ok: true, at } : { ok: false, error: 'is not a valid date' };
}
