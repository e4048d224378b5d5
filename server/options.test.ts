import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options';
import { createServerReporter } from './reporter';

const good = { endpoint: 'https://telemetry.vendor.example/v1', collect: () => ({}) };

describe('createServerReporter option checks', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    [
      'no endpoint',
      { endpoint: undefined },
      /option "endpoint" must be an https URL \(http only on loopback\), got undefined/,
    ],
    [
      'ftp endpoint',
      { endpoint: 'ftp://x' },
      /option "endpoint" must be an https URL \(http only on loopback\), got "ftp:\/\/x"/,
    ],
    [
      'http on a public host',
      { endpoint: 'http://telemetry.vendor.example/v1' },
      /option "endpoint".*got "http:\/\/telemetry/,
    ],
    ['http on a private, non-loopback address', { endpoint: 'http://10.0.0.1/v1' }, /option "endpoint"/],
    ['http on a host that merely starts with 127', { endpoint: 'http://127.0.0.1.nip.io/v1' }, /option "endpoint"/],
    ['a relative URL', { endpoint: '/v1/report' }, /option "endpoint"/],
    ['a number as endpoint', { endpoint: 42 }, /option "endpoint".*got 42/],
    [
      'an endpoint with user:password@ (fetch refuses it: every report would fail)',
      { endpoint: 'https://acme:s3cret@telemetry.vendor.example/v1' },
      /option "endpoint" must not hold credentials.*got "https:\/\/acme:\*\*\*@telemetry\.vendor\.example\/v1"/,
    ],
    ['an endpoint with a user name only', { endpoint: 'https://apikey@telemetry.vendor.example/v1' }, /credentials/],
    ['an infoUrl with a password', { infoUrl: 'https://u:p@acme.example/docs' }, /option "infoUrl".*credentials/],
    ['no collect', { collect: undefined }, /option "collect" must be a function/],
    ['collect that is an object', { collect: { version: 1 } }, /option "collect" must be a function.*got an object/],
    ['enabled as a string', { enabled: 'false' }, /option "enabled" must be a boolean, got "false"/],
    ['unknown strategy', { strategy: 'beacon' }, /option "strategy" must be 'send' or 'logging', got "beacon"/],
    ['negative initialDelayMs', { initialDelayMs: -1 }, /option "initialDelayMs" must be a finite number >= 0, got -1/],
    ['NaN initialDelayMs', { initialDelayMs: NaN }, /option "initialDelayMs".*got NaN/],
    ['zero intervalMs', { intervalMs: 0 }, /option "intervalMs" must be a finite number > 0, got 0/],
    ['negative intervalMs', { intervalMs: -86_400_000 }, /option "intervalMs"/],
    ['infinite intervalMs', { intervalMs: Infinity }, /option "intervalMs".*got Infinity/],
    ['intervalMs as a string', { intervalMs: '86400000' }, /option "intervalMs".*got "86400000"/],
    ['zero timeoutMs', { timeoutMs: 0 }, /option "timeoutMs" must be a finite number > 0, got 0/],
    ['negative timeoutMs', { timeoutMs: -5 }, /option "timeoutMs"/],
    ['log without error', { log: { info() {} } }, /option "log" must have info and error functions/],
    ['log as a function', { log: () => {} }, /option "log".*got a function/],
    ['now that is a number', { now: 5 }, /option "now" must be a function/],
    ['fetch that is a string', { fetch: 'fetch' }, /option "fetch" must be a function/],
    ['a misspelt option', { intervalMS: 1000 }, /option "intervalMS" is not one of endpoint, collect/],
  ])('%s throws a TypeError naming the option', (_, override, message) => {
    const create = () => createServerReporter({ ...good, ...override } as never);
    expect(create).toThrow(TypeError);
    expect(create).toThrow(message);
    expect(create).toThrow(/^consent-relay\/server: /);
  });

  it('never shows the password of a refused endpoint', () => {
    for (const endpoint of [
      'http://acme:s3cret@telemetry.vendor.example/v1',
      'https://acme:s3cret@telemetry.vendor.example/v1',
    ])
      expect(() => createServerReporter({ ...good, endpoint })).toThrow(
        expect.objectContaining({ message: expect.not.stringContaining('s3cret') }),
      );
  });

  it.each([undefined, null, 'https://x.example'])('options %s throws a TypeError', (input) => {
    expect(() => createServerReporter(input as never)).toThrow(/consent-relay\/server: options must be an object/);
  });
});

describe('resolveOptions defaults', () => {
  it('fills in the docs/SPEC.md defaults', () => {
    const o = resolveOptions(good);
    expect(o).toMatchObject({
      enabled: true,
      strategy: 'send',
      initialDelayMs: 3_600_000,
      intervalMs: 86_400_000,
      timeoutMs: 10_000,
      log: console,
      now: Date.now,
    });
    expect(o.endpoint.href).toBe('https://telemetry.vendor.example/v1');
  });

  it('keeps given values, an initial delay of 0 and a URL object', () => {
    const o = resolveOptions({
      ...good,
      endpoint: new URL('http://localhost:8080/t'),
      enabled: false,
      strategy: 'logging',
      initialDelayMs: 0,
      intervalMs: 5,
      timeoutMs: 7,
    });
    expect(o).toMatchObject({ enabled: false, strategy: 'logging', initialDelayMs: 0, intervalMs: 5, timeoutMs: 7 });
    expect(o.endpoint.href).toBe('http://localhost:8080/t');
  });
});
