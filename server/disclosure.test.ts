import { describe, expect, it } from 'vitest';
import { disclosureText, formatDuration } from './disclosure';

const endpoint = new URL('https://telemetry.vendor.example/v1?token=secret');
const base = { endpoint, enabled: true, strategy: 'send' as const, initialDelayMs: 3_600_000, intervalMs: 86_400_000 };

describe('disclosureText', () => {
  it('says what, where, when and how to opt out when sending', () => {
    const text = disclosureText(base);
    expect(text.split('\n').slice(0, 2)).toEqual(['Telemetry', '---------']);
    expect(text).toContain('anonymous usage data');
    expect(text).toContain(
      'sends it to https://telemetry.vendor.example/v1, first 1 hour after start, then every 24 hours',
    );
    expect(text).toContain('To opt out');
    expect(text).toContain('enabled: false');
    expect(text).not.toContain('secret');
  });

  it('says when the first report goes with no initial delay', () => {
    expect(disclosureText({ ...base, initialDelayMs: 0, intervalMs: 50 })).toContain(
      'first right after start, then every 50 ms',
    );
  });

  it('says nothing will be sent when disabled', () => {
    const text = disclosureText({ ...base, enabled: false });
    expect(text).toMatch(/telemetry is disabled, nothing will be sent/i);
    expect(text).not.toContain('To opt out');
  });

  it('disabled wins over the logging strategy', () => {
    expect(disclosureText({ ...base, enabled: false, strategy: 'logging' })).toMatch(/telemetry is disabled/i);
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
