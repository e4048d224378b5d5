import { afterEach, describe, expect, it } from 'vitest';
import type { ServerReporterOptions } from './options';
import { DISABLED_STATUS, reporterFixture } from './reporter-fixture';
import { sleep } from './test-collector';

const saved = process.env.DO_NOT_TRACK;
const fixture = reporterFixture();
const { make } = fixture;

afterEach(() => {
  if (saved === undefined) delete process.env.DO_NOT_TRACK;
  else process.env.DO_NOT_TRACK = saved;
});

describe('DO_NOT_TRACK in the process environment (Airbyte; docs/SPEC.md §7)', () => {
  it.each(['1', 'true', 'yes'])(
    'DO_NOT_TRACK=%s: nothing is sent, the status says disabled, the disclosure says why',
    async (value) => {
      process.env.DO_NOT_TRACK = value;
      const { reporter, log } = make({ initialDelayMs: 0, intervalMs: 10 });
      reporter.start();
      await expect(reporter.reportNow()).resolves.toEqual({ ok: false, skipped: 'disabled' });
      await sleep(40);
      expect(fixture.collector.requests).toHaveLength(0);
      expect(reporter.status()).toEqual(DISABLED_STATUS);
      const status = await (await reporter.handle(new Request('http://127.0.0.1/status'))).json();
      expect(status).toEqual(DISABLED_STATUS);
      expect(log.lines).toHaveLength(1);
      expect(log.lines[0].message).toContain(`Telemetry is disabled, nothing will be sent (DO_NOT_TRACK=${value})`);
    },
  );

  it.each(['', '0', 'false', 'FALSE'])('DO_NOT_TRACK=%j: reports as usual', async (value) => {
    process.env.DO_NOT_TRACK = value;
    const { reporter } = make();
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
    expect(fixture.collector.requests).toHaveLength(1);
    expect(reporter.status().disabled).toBeUndefined();
  });

  it('is heard when set after the reporter was created', async () => {
    const { reporter } = make();
    process.env.DO_NOT_TRACK = '1';
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, skipped: 'disabled' });
    expect(fixture.collector.requests).toHaveLength(0);
  });
});

describe("the host's own opt-out variable (EventStoreDB style)", () => {
  const host = { optOutEnv: 'ACME_TELEMETRY_OPTOUT', infoUrl: 'https://acme.example/docs/telemetry' };

  it('is named in the disclosure with the information page', () => {
    const { reporter, log } = make({ ...host, env: {} });
    reporter.start();
    expect(log.lines[0].message).toContain('To opt out, set ACME_TELEMETRY_OPTOUT=true (or DO_NOT_TRACK=1)');
    expect(log.lines[0].message).toContain('More about what is collected and why: https://acme.example/docs/telemetry');
  });

  it('turns reporting off when set', async () => {
    const { reporter, log } = make({ ...host, env: { ACME_TELEMETRY_OPTOUT: 'true' } });
    reporter.start();
    expect(log.lines[0].message).toContain('nothing will be sent (ACME_TELEMETRY_OPTOUT=true)');
    await expect(reporter.reportNow()).resolves.toEqual({ ok: false, skipped: 'disabled' });
    expect(reporter.status().disabled).toBe(true);
    expect(fixture.collector.requests).toHaveLength(0);
  });

  it('the env option replaces process.env (workers pass theirs)', async () => {
    process.env.DO_NOT_TRACK = '1';
    const { reporter } = make({ env: {} });
    await expect(reporter.reportNow()).resolves.toEqual({ ok: true, status: 200 });
  });

  it.each<[string, Partial<ServerReporterOptions>, RegExp]>([
    ['a name with a dash', { optOutEnv: 'ACME-OPTOUT' }, /option "optOutEnv" must be an environment variable name/],
    ['an http info page', { infoUrl: 'http://acme.example/t' }, /option "infoUrl" must be an https URL/],
    ['env as a string', { env: 'DO_NOT_TRACK=1' as never }, /option "env" must be an object of strings/],
  ])('%s throws a TypeError naming the option', (_, options, message) => {
    expect(() => make(options)).toThrow(message);
  });
});
