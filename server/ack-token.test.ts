import { describe, expect, it } from 'vitest';
import { ACK_TOKEN_TTL_MS, createAckTokens, createSharedAckTokens } from './ack-token';

describe('createAckTokens', () => {
  it('issues one 128-bit token until it is half its lifetime old, and accepts it for the whole lifetime', () => {
    let t = 0;
    const tokens = createAckTokens(() => t);
    const first = tokens.issue();
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    t = ACK_TOKEN_TTL_MS / 2 - 1;
    expect(tokens.issue()).toBe(first);
    t = ACK_TOKEN_TTL_MS / 2;
    const second = tokens.issue();
    expect(second).not.toBe(first);
    t = ACK_TOKEN_TTL_MS - 1;
    expect(tokens.verify(first)).toBe(true);
    expect(tokens.verify(second)).toBe(true);
    t = ACK_TOKEN_TTL_MS;
    expect(tokens.verify(first)).toBe(false);
    expect(tokens.verify(second)).toBe(true);
  });

  it.each<[string, unknown]>([
    ['no token', undefined],
    ['a number', 42],
    ['an empty string', ''],
    ['a guess of the right length', '0'.repeat(32)],
  ])('refuses %s', (_, token) => {
    const tokens = createAckTokens(() => 0);
    tokens.issue();
    expect(tokens.verify(token)).toBe(false);
  });

  it('refuses everything before a token was issued', () => {
    expect(createAckTokens(() => 0).verify('0'.repeat(32))).toBe(false);
  });

  it("refuses another reporter's token", () => {
    const a = createAckTokens(() => 0);
    const b = createAckTokens(() => 0);
    b.issue();
    expect(a.verify(b.issue())).toBe(false);
  });
});

describe('createSharedAckTokens: replicas on one store', () => {
  it('issue the same token in a window and accept each other’s for this window and the previous one', async () => {
    let t = 10 * ACK_TOKEN_TTL_MS;
    const secret = async () => 'one shared secret';
    const [a, b] = [createSharedAckTokens(() => t, secret), createSharedAckTokens(() => t, secret)];
    expect(await a.prepare()).toBe(true);
    expect(await b.prepare()).toBe(true);
    const token = a.issue();
    expect(b.issue()).toBe(token);
    expect(b.verify(token)).toBe(true);
    t += ACK_TOKEN_TTL_MS / 2;
    await b.prepare();
    expect(b.issue()).not.toBe(token);
    expect(b.verify(token)).toBe(true);
    t += ACK_TOKEN_TTL_MS / 2;
    await b.prepare();
    expect(b.verify(token)).toBe(false);
  });

  it('refuse a token made under another secret, a guess, and anything not a string', async () => {
    const t = 5 * ACK_TOKEN_TTL_MS;
    const ours = createSharedAckTokens(
      () => t,
      async () => 'ours',
    );
    const theirs = createSharedAckTokens(
      () => t,
      async () => 'theirs',
    );
    await ours.prepare();
    await theirs.prepare();
    expect(ours.verify(theirs.issue())).toBe(false);
    expect(ours.verify(ours.issue().replace(/.$/, (c) => (c === '0' ? '1' : '0')))).toBe(false);
    expect(ours.verify(42)).toBe(false);
    expect(ours.verify(undefined)).toBe(false);
  });

  it('say so when the secret cannot be had, and are not used then', async () => {
    const tokens = createSharedAckTokens(
      () => 0,
      () => Promise.reject(new Error('store down')),
    );
    expect(await tokens.prepare()).toBe(false);
    expect(() => tokens.issue()).toThrow(/prepare/);
  });
});
