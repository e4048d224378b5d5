import { describe, expect, it } from 'vitest';
import { disclosureText, formatDuration } from './disclosure';

const endpoint = new URL('https://telemetry.vendor.example/v1?token=secret');
const base = {
  endpoint,
  disabledBy: null,
  strategy: 'send' as const,
  initialDelayMs: 3_600_000,
  intervalMs: 86_400_000,
  optOutEnv: undefined,
  infoUrl: undefined,
};

describe('disclosureText', () => {
  it('says what, where, when and how to opt out when sending', () => {
    const text = disclosureText(base);
    expect(text.split('\n').slice(0, 2)).toEqual(['Telemetry', '---------']);
    expect(text).toContain('anonymous usage data');
    expect(text).toContain(
      'sends it to https://telemetry.vendor.example/v1, first 1 hour after start, then every 24 hours',
    );
    expect(text).toContain('To opt out, set DO_NOT_TRACK=1 in the environment, or the reporter option enabled: false');
    expect(text).not.toContain('secret');
    expect(text).not.toContain('More about');
  });

  it("names the host's own opt-out variable and information page (EventStoreDB style)", () => {
    const text = disclosureText({
      ...base,
      optOutEnv: 'ACME_TELEMETRY_OPTOUT',
      infoUrl: new URL('https://acme.example/docs/telemetry'),
    });
    expect(text).toContain('To opt out, set ACME_TELEMETRY_OPTOUT=true (or DO_NOT_TRACK=1) in the environment');
    expect(text.split('\n').at(-1)).toBe('More about what is collected and why: https://acme.example/docs/telemetry');
  });

  it('says when the first report goes with no initial delay', () => {
    expect(disclosureText({ ...base, initialDelayMs: 0, intervalMs: 50 })).toContain(
      'first right after start, then every 50 ms',
    );
  });

  it('says nothing will be sent when disabled', () => {
    const text = disclosureText({ ...base, disabledBy: 'enabled: false' });
    expect(text).toContain('Telemetry is disabled, nothing will be sent (enabled: false)');
    expect(text).not.toContain('To opt out');
  });

  it('disabled wins over the logging strategy and names the variable that did it', () => {
    expect(disclosureText({ ...base, disabledBy: 'DO_NOT_TRACK=1', strategy: 'logging' })).toContain(
      'Telemetry is disabled, nothing will be sent (DO_NOT_TRACK=1)',
    );
  });

  it('says reports are only logged with the logging strategy', () => {
    const text = disclosureText({ ...base, strategy: 'logging' });
    expect(text).toContain('reports are built and logged but never sent');
    expect(text).toContain('none goes to https://telemetry.vendor.example/v1');
  });
});

describe('formatDuration', () => {
  it.each([
    [3_600_000, '1 hour'],
    [86_400_000, '24 hours'],
    [90 * 60_000, '90 minutes'],
    [60_000, '1 minute'],
    [1000, '1 second'],
    [1500, '1500 ms'],
    [50, '50 ms'],
    [0, '0 ms'],
  ])('%i → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
