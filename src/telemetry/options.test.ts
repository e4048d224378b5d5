import { describe, expect, it } from 'vitest';
import { isSafeEndpoint, parseTelemetryOptions } from './options';

const HTTPS_PAGE = 'https://app.example/console/';
const parse = (t: Record<string, unknown>, base = HTTPS_PAGE) => parseTelemetryOptions(t, base);
const EP = 'https://telemetry.vendor.example/v1';

describe('parseTelemetryOptions: defaults (docs/SPEC.md §5)', () => {
  it('fills every key', () => {
    expect(parse({ endpoint: EP })).toEqual({
      errors: [],
      options: {
        endpoint: EP,
        enabled: true,
        category: 'telemetry',
        sendUsageFrom: 'server',
        serverStatusUrl: null,
        strategy: 'send',
        optIn: null,
        allowChangingOptInStatus: true,
        honorDoNotTrack: true,
        initialDelayMs: 3_600_000,
        intervalMs: 86_400_000,
        maxPayloadBytes: 65_536,
      },
    });
  });
  it('no endpoint is no error, and no endpoint', () => {
    expect(parse({})).toMatchObject({ errors: [], options: { endpoint: null, enabled: true } });
  });
});

describe('parseTelemetryOptions: good values are kept', () => {
  it.each<[string, unknown, unknown]>([
    ['endpoint', 'https://t.example/x?k=1', 'https://t.example/x?k=1'],
    ['endpoint', '/api/collector', 'https://app.example/api/collector'],
    ['endpoint', 'http://localhost:8080/c', 'http://localhost:8080/c'],
    ['endpoint', 'http://127.0.0.1/c', 'http://127.0.0.1/c'],
    ['endpoint', 'http://[::1]:9000/c', 'http://[::1]:9000/c'],
    ['enabled', false, false],
    ['enabled', true, true],
    ['category', 'usage', 'usage'],
    ['category', 'product_usage-2', 'product_usage-2'],
    ['sendUsageFrom', 'browser', 'browser'],
    ['sendUsageFrom', 'server', 'server'],
    ['serverStatusUrl', '/api/telemetry/status', 'https://app.example/api/telemetry/status'],
    // The application's own server: a self-managed install on plain http is its own business.
    ['serverStatusUrl', 'http://intranet.local/status', 'http://intranet.local/status'],
    ['strategy', 'logging', 'logging'],
    ['strategy', 'send', 'send'],
    ['optIn', false, false],
    ['optIn', true, true],
    ['allowChangingOptInStatus', false, false],
    ['honorDoNotTrack', false, false],
    ['initialDelayMs', 0, 0],
    ['initialDelayMs', 5000, 5000],
    ['intervalMs', 60_000, 60_000],
    ['intervalMs', 1000, 1000],
    ['intervalMs', 100, 100],
    ['maxPayloadBytes', 300, 300],
    ['maxPayloadBytes', 10, 10],
  ])('%s: %j', (key, value, want) => {
    const r = parse({ endpoint: EP, [key]: value });
    expect(r.errors).toEqual([]);
    expect((r.options as unknown as Record<string, unknown>)[key]).toEqual(want);
    expect(r.options.enabled).toBe(key === 'enabled' ? value : true);
  });
});

describe('parseTelemetryOptions: bad values are errors naming the key, and nothing is sent', () => {
  it.each<[string, unknown]>([
    ['endpoint', 'http://example.com/x'],
    ['endpoint', 'http://localhost.example.com/x'],
    ['endpoint', 'http://127.0.0.1.nip.io/x'],
    ['endpoint', 'ftp://t.example/x'],
    ['endpoint', 'javascript:alert(1)'],
    ['endpoint', 'data:text/plain,x'],
    ['endpoint', 'https://'],
    ['endpoint', ''],
    ['endpoint', '   '],
    ['endpoint', 42],
    ['endpoint', { href: EP }],
    ['enabled', 'yes'],
    ['enabled', 1],
    ['enabled', null],
    ['category', 'Telemetry'],
    ['category', ''],
    ['category', 'has space'],
    ['category', 5],
    ['sendUsageFrom', 'client'],
    ['sendUsageFrom', true],
    ['serverStatusUrl', 'javascript:void(0)'],
    ['serverStatusUrl', 'ftp://app.example/s'],
    ['serverStatusUrl', 7],
    ['strategy', 'log'],
    ['strategy', 'LOGGING'],
    ['optIn', 'true'],
    ['optIn', 0],
    ['allowChangingOptInStatus', 'false'],
    ['honorDoNotTrack', 'no'],
    ['initialDelayMs', -1],
    ['initialDelayMs', '1000'],
    ['initialDelayMs', Number.NaN],
    ['initialDelayMs', Number.POSITIVE_INFINITY],
    ['intervalMs', 0],
    ['intervalMs', -1000],
    ['intervalMs', null],
    ['maxPayloadBytes', 0],
    ['maxPayloadBytes', '64k'],
  ])('%s: %j', (key, value) => {
    const r = parse({ endpoint: EP, [key]: value });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toContain(`config.telemetry.${key}`);
    // Any telemetry error: the reporter sends nothing (and the consent core is untouched).
    expect(r.options.enabled).toBe(false);
  });

  it('a value JSON cannot show (a cycle) or a long one is still reported, shown short, never thrown', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(parse({ endpoint: EP, strategy: cycle }).errors).toEqual([
      "config.telemetry.strategy must be one of 'send', 'logging', got object; telemetry will not send",
    ]);
    const [long] = parse({ endpoint: EP, strategy: 'x'.repeat(500) }).errors;
    expect(long).toBe(
      `config.telemetry.strategy must be one of 'send', 'logging', got "${'x'.repeat(79)}; telemetry will not send`,
    );
  });

  it('a refused endpoint is not kept', () => {
    expect(parse({ endpoint: 'http://example.com/x' }).options.endpoint).toBeNull();
  });

  it('an unknown key is an error naming it', () => {
    const r = parse({ endpoint: EP, intervalMS: 60_000 });
    expect(r.errors).toEqual([expect.stringContaining('config.telemetry.intervalMS')]);
    expect(r.options.enabled).toBe(false);
  });

  it('an inherited name (toString) is unknown too, and unknown keys are said first', () => {
    const r = parse({ endpoint: EP, strategy: 'x', toString: 1 });
    expect(r.errors).toEqual([
      'config.telemetry.toString is not a known option',
      expect.stringContaining('config.telemetry.strategy'),
    ]);
  });

  it('reports every bad key, not only the first', () => {
    const r = parse({ endpoint: 'http://example.com', strategy: 'x', intervalMs: -5 });
    expect(r.errors).toHaveLength(3);
    for (const k of ['endpoint', 'strategy', 'intervalMs'])
      expect(r.errors.join('\n')).toContain(`config.telemetry.${k}`);
  });

  it('a relative endpoint on a plain-http page is refused unless the page is on loopback', () => {
    expect(parse({ endpoint: '/c' }, 'http://app.example/').options.endpoint).toBeNull();
    expect(parse({ endpoint: '/c' }, 'http://127.0.0.1:5173/').options.endpoint).toBe('http://127.0.0.1:5173/c');
  });
});

describe('parseTelemetryOptions: the category must be one a visitor can refuse', () => {
  const optional = ['analytics', 'telemetry', 'usage'];
  it.each<[Record<string, unknown>, boolean]>([
    [{}, true],
    [{ category: 'usage' }, true],
    [{ category: 'analytics' }, true],
    // Not configured: it would never be allowed, so nothing would ever be sent, silently.
    [{ category: 'product' }, false],
    // Required: it would be "allowed" without anyone's consent.
    [{ category: 'necessary' }, false],
  ])('%j → ok %s', (t, ok) => {
    const r = parseTelemetryOptions({ endpoint: EP, ...t }, HTTPS_PAGE, optional);
    expect(r.errors).toHaveLength(ok ? 0 : 1);
    if (!ok) expect(r.errors[0]).toContain('config.telemetry.category');
    expect(r.options.enabled).toBe(ok);
  });

  it('a telemetry category missing from the configured categories', () => {
    expect(parseTelemetryOptions({ endpoint: EP }, HTTPS_PAGE, ['analytics']).errors).toEqual([
      expect.stringContaining('config.telemetry.category'),
    ]);
  });
});

describe('isSafeEndpoint', () => {
  it.each([
    ['https://t.example/', true],
    ['http://localhost/', true],
    ['http://localhost:1/', true],
    ['http://127.0.0.1/', true],
    ['http://127.1.2.3/', true],
    ['http://[::1]/', true],
    ['http://example.com/', false],
    ['http://10.0.0.1/', false],
    ['http://localhost.example/', false],
    ['ws://localhost/', false],
  ])('%s → %s', (u, want) => expect(isSafeEndpoint(new URL(u))).toBe(want));
});
