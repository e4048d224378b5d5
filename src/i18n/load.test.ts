import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadPack, PACK_LATE_MS } from './load';

const EN = { acceptAll: 'Accept all', rejectAll: 'Reject all' };
const BASE = 'https://cdn.example/consent-relay/';
const answer = (status: number, body: unknown) =>
  (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status })) as typeof fetch;

describe('loadPack', () => {
  afterEach(() => vi.useRealTimers());

  it('takes the strings of a pack beside the script, dropping blanks and non-strings', async () => {
    const errors: string[] = [];
    const pack = await loadPack(
      answer(200, { acceptAll: 'Tout accepter', rejectAll: ' ', x: 3, prefsTitle: 'Préférences' }),
      BASE,
      'fr',
      (m) => errors.push(m),
      EN,
    );
    expect(pack).toEqual({ acceptAll: 'Tout accepter', prefsTitle: 'Préférences' });
    expect(errors).toEqual([]);
  });

  it.each([
    ['a 404', answer(404, 'not here'), /HTTP 404/],
    ['a body that is not JSON', answer(200, '<html>'), /could not be used/],
    ['an array', answer(200, ['Accept all']), /not a JSON object/],
    ['none of the core strings', answer(200, { other: 'x' }), /no known strings/],
  ])('%s: null, and one error naming the URL', async (_, fetchFn, why) => {
    const errors: string[] = [];
    expect(await loadPack(fetchFn, BASE, 'fr', (m) => errors.push(m), EN)).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`${BASE}i18n/fr.json`);
    expect(errors[0]).toMatch(why);
  });

  it('gives up on a pack that has not come within PACK_LATE_MS, and aborts its request', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const never = ((_: string, init: RequestInit) => {
      signal = init.signal ?? undefined;
      return new Promise<Response>(() => {});
    }) as typeof fetch;
    const errors: string[] = [];
    const p = loadPack(never, BASE, 'ar', (m) => errors.push(m), EN);
    await vi.advanceTimersByTimeAsync(PACK_LATE_MS - 1);
    expect(signal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await p).toBeNull();
    expect(signal?.aborted).toBe(true);
    expect(errors[0]).toMatch(/ar\.json could not be used \(no answer in 15 s\)/);
  });
});
