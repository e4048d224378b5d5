import { describe, expect, it } from 'vitest';
import { fetchWithTimeout } from './fetch';

describe('fetchWithTimeout', () => {
  it('passes the answer through', async () => {
    await expect(fetchWithTimeout(async () => 42, 1000)).resolves.toEqual({ ok: true, response: 42 });
  });

  it('says a rejection was not a time-out', async () => {
    const error = new TypeError('fetch failed');
    await expect(fetchWithTimeout(() => Promise.reject(error), 1000)).resolves.toEqual({
      ok: false,
      timedOut: false,
      error,
    });
  });

  it('aborts the signal after timeoutMs and says so', async () => {
    const result = await fetchWithTimeout(
      (signal) => new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
      20,
    );
    expect(result).toMatchObject({ ok: false, timedOut: true });
  });
});

describe('fetchWithTimeout with a sender that ignores the signal', () => {
  it('still resolves at the time-out, and what the sender finds later is unheard', async () => {
    let finish: (value: number) => void = () => {};
    const result = await fetchWithTimeout(() => new Promise<number>((resolve) => (finish = resolve)), 30);
    expect(result).toMatchObject({ ok: false, timedOut: true });
    finish(1);
  });
});
