import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';

describe('backoffDelay', () => {
  it.each([
    // attempt, base, max, random → delay: half the cap plus a jittered half
    [0, 1000, 60_000, 0, 500],
    [0, 1000, 60_000, 1, 1000],
    [1, 1000, 60_000, 0, 1000],
    [1, 1000, 60_000, 1, 2000],
    [3, 1000, 60_000, 0.5, 6000],
    [10, 1000, 60_000, 1, 60_000],
    [10, 1000, 60_000, 0, 30_000],
    [-2, 1000, 60_000, 1, 1000],
    [2000, 1000, 60_000, 0, 30_000], // 2^2000 is Infinity; the cap still holds
  ])('attempt %i, base %i, max %i, random %f → %i', (attempt, base, max, r, want) => {
    expect(backoffDelay(attempt, base, max, () => r)).toBe(want);
  });

  it('stays within [cap/2, cap] and never passes max', () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const cap = Math.min(3_600_000, 2000 * 2 ** attempt);
      for (let i = 0; i < 20; i++) {
        const d = backoffDelay(attempt, 2000, 3_600_000);
        expect(d).toBeGreaterThanOrEqual(cap / 2);
        expect(d).toBeLessThanOrEqual(cap);
      }
    }
  });

  it('grows with the attempt', () => {
    const mid = () => 0.5;
    expect(backoffDelay(2, 1000, 1e9, mid)).toBeGreaterThan(backoffDelay(1, 1000, 1e9, mid));
  });
});
