import { describe, expect, it } from 'vitest';
import { displayEndpoint, isLoopbackHost, parseEndpoint } from './endpoint';

describe('endpoint rules', () => {
  it.each([
    ['https://telemetry.vendor.example/v1', true],
    ['http://localhost:4000/collect', true],
    ['http://127.0.0.1/collect', true],
    ['http://127.45.6.7/collect', true],
    ['http://127.1/collect', true], // the URL parser spells it 127.0.0.1
    ['http://[::1]:9000/collect', true],
    ['http://[0:0:0:0:0:0:0:1]/collect', true],
    ['http://localhost.vendor.example/collect', false],
    ['http://128.0.0.1/collect', false],
    ['http://[::2]/collect', false],
    ['ws://localhost/collect', false],
    ['not a url', false],
  ])('%s → %s', (endpoint, accepted) => {
    expect(parseEndpoint(endpoint) !== null).toBe(accepted);
  });

  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['[::1]', true],
    ['example.com', false],
    ['0.0.0.0', false],
  ])('isLoopbackHost(%s) → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });

  it('shows the endpoint without credentials or query', () => {
    expect(displayEndpoint(new URL('https://user:secret@t.example/v1?key=abc#x'))).toBe('https://t.example/v1');
  });
});
