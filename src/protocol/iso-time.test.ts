import { describe, expect, it } from 'vitest';
import { parseIsoDateTime } from './iso-time';

describe('parseIsoDateTime', () => {
  it.each([
    ['2025-03-01T11:00:00.000Z', '2025-03-01T11:00:00.000Z'],
    ['2025-03-01T11:00:00Z', '2025-03-01T11:00:00.000Z'],
    ['2025-03-01T13:30:00+02:00', '2025-03-01T11:30:00.000Z'],
    ['2025-03-01T06:00:00-05:00', '2025-03-01T11:00:00.000Z'],
    ['2025-03-01T11:00:00.123456789Z', '2025-03-01T11:00:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('%s → %s', (input, iso) => {
    const parsed = parseIsoDateTime(input);
    expect(parsed.ok && new Date(parsed.at).toISOString()).toBe(iso);
  });

  it.each<[unknown, string]>([
    ['2025-03-01', 'must be an ISO 8601 date-time with an offset'],
    ['2025-03-01T11:00:00', 'must be an ISO 8601 date-time with an offset'],
    ['2025-03-01 11:00:00Z', 'must be an ISO 8601 date-time with an offset'],
    ['March 1, 2025', 'must be an ISO 8601 date-time with an offset'],
    [1740826800000, 'must be an ISO 8601 date-time with an offset'],
    [null, 'must be an ISO 8601 date-time with an offset'],
    ['2025-13-45T11:00:00Z', 'is not a valid date'],
    // V8's Date.parse takes both of these (as 2 March, and midnight of the next day).
    ['2025-02-29T00:00:00Z', 'is not a valid date'],
    ['2025-03-01T24:00:00Z', 'is not a valid date'],
    ['2025-03-01T11:60:00Z', 'is not a valid date'],
    ['2025-03-01T11:00:00+24:00', 'is not a valid date'],
  ])('%j → %s', (input, error) => {
    expect(parseIsoDateTime(input)).toEqual({ ok: false, error });
  });
});
