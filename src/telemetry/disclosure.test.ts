import { describe, expect, it } from 'vitest';
import { type DisclosureInput, disclosureWhenNotSending, disclosureWhenSending, roughInterval } from './disclosure';
import { parseTelemetryOptions } from './options';

const options = (over: Record<string, unknown> = {}) =>
  parseTelemetryOptions({ endpoint: 'https://t.example/v1', ...over }, 'https://app.example/').options;
const allowed: DisclosureInput = {
  options: options(),
  configErrors: false,
  signals: { dnt: false, gpc: false },
  consent: true,
  decided: true,
};

describe('the disclosure at start (EventStoreDB; docs/SPEC.md §5)', () => {
  it.each<[string, Partial<DisclosureInput>, RegExp | null]>([
    ['may send: said by the reporter file', {}, null],
    ['config errors', { configErrors: true, consent: false }, /configuration has errors/],
    ['disabled by the operator', { options: options({ enabled: false }) }, /disabled by the operator/],
    ['GPC', { signals: { dnt: true, gpc: true } }, /Global Privacy Control\), so nothing is sent to t\.example/],
    ['DNT', { signals: { dnt: true, gpc: false } }, /\(Do Not Track\)/],
    [
      'DNT not honoured: may send',
      { options: options({ honorDoNotTrack: false }), signals: { dnt: true, gpc: false } },
      null,
    ],
    ['opted out', { consent: false }, /you have opted out/],
    ['not asked yet', { consent: false, decided: false }, /unless you allow product usage telemetry/],
  ])('%s', (_, over, want) => {
    const text = disclosureWhenNotSending({ ...allowed, ...over });
    if (want === null) expect(text).toBeNull();
    else expect(text).toMatch(want);
  });

  it.each([
    [
      {},
      /when the server cannot send its own usage report, this browser sends .* to t\.example, at most once every 24 h/,
    ],
    [
      { sendUsageFrom: 'browser', intervalMs: 90_000 },
      /: this browser sends aggregated, anonymous usage counts to t\.example, at most once every 1\.5 min/,
    ],
    [{ strategy: 'logging', intervalMs: 5000 }, /built and logged on this device, never sent, at most once every 5 s/],
  ])('sending %j', (over, want) => {
    expect(disclosureWhenSending(options(over))).toMatch(want);
  });

  it.each([
    [3_600_000, '1 h'],
    [5_400_000, '1.5 h'],
    [60_000, '1 min'],
    [1500, '1.5 s'],
  ])('%i ms → %s', (ms, want) => {
    expect(roughInterval(ms)).toBe(want);
  });
});
