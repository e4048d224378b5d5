/**
 * Test-only: the set-up the server reporter tests share. A real collector on 127.0.0.1 per test, and `make()` for
 * reporters that are stopped after each test (and the collector closed). Not exported from the package.
 */
import { afterEach, beforeEach } from 'vitest';
import type { ServerReporterOptions } from './options';
import { createServerReporter } from './reporter';
import { type Collector, memoryLog, startCollector } from './test-collector';
import type { ServerReporter } from './types';

/** The status of a reporter the operator turned off, before it did anything (docs/SPEC.md §7). */
export const DISABLED_STATUS = { ok: true, disabled: true, lastReportedAt: null, lastAttemptAt: null, payload: null };

export interface ReporterFixture {
  /** this test's collector (a new one for each test) */
  readonly collector: Collector;
  /** Closes this test's collector and starts a new one: resolves with the old URL, where nothing listens now. */
  closeCollector(): Promise<string>;
  /** A reporter sending to this test's collector, with a log that keeps its lines; stopped after the test. */
  make(options?: Partial<ServerReporterOptions>): { reporter: ServerReporter; log: ReturnType<typeof memoryLog> };
}

/** Call at the top of a test file; `defaults` go into every `make()`, before its own options. */
export function reporterFixture(defaults: Partial<ServerReporterOptions> = {}): ReporterFixture {
  let collector: Collector | null = null;
  let reporters: ServerReporter[] = [];
  beforeEach(async () => {
    collector = await startCollector();
    reporters = [];
  });
  afterEach(async () => {
    for (const reporter of reporters) reporter.stop();
    await collector?.close();
  });
  const current = (): Collector => {
    if (!collector) throw new Error('reporterFixture: the collector exists only inside a test');
    return collector;
  };
  return {
    get collector() {
      return current();
    },
    async closeCollector() {
      const closed = current().url;
      await current().close();
      collector = await startCollector();
      return closed;
    },
    make(options = {}) {
      const log = memoryLog();
      const reporter = createServerReporter({
        endpoint: current().url,
        collect: () => ({ nodes: 3 }),
        log,
        ...defaults,
        ...options,
      });
      reporters.push(reporter);
      return { reporter, log };
    },
  };
}
