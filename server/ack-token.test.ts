import { describe, expect, it } from 'vitest';
import { ACK_TOKEN_TTL_MS, createAckTokens } from './ack-token';

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
