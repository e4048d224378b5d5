import type { ConsentRelayEvents } from './api';
import type { ParsedConfig } from './config/parse';
import type { Signals } from './consent/defaults';
import type { ConsentMachine } from './consent/machine';
import type { ConsentRecord } from './consent/record';
import type { Env, Parts } from './env';
import type { Emitter } from './lib/emitter';

import type { KeyValueStore } from './storage/idb';
import { createTelemetry, type TelemetryController } from './telemetry/api';
import type { Presenter } from './ui/present';

/**
 * Telemetry (docs/SPEC.md §5): its consent read from the store (and the cookie: `cookieRecord`, the cookie's decision
 * if it is a current one), its log heard as an event. The store and the presenter are made after telemetry (the
 * store's policy reads its options): `late` hands them over once telemetry asks, never while it is made. Positional:
 * an options object's property names survive minification (46 B gzip here, measured with `node scripts/size.mjs`).
 */
export function wireTelemetry(
  env: Env,
  kv: KeyValueStore,
  parsed: ParsedConfig,
  signals: Signals,
  emitter: Emitter<ConsentRelayEvents>,
  parts: Parts | undefined,
  cookieRecord: () => ConsentRecord | null,
  late: () => { machine: ConsentMachine; presenter: Presenter },
): TelemetryController {
  const telemetry = createTelemetry({
    ...{ kv, fetch: env.fetch, now: env.now, doc: env.doc, win: env.win, parsed: parsed.telemetry },
    loadReporter: parts?.reporter,
    locks: (env.nav as Navigator & { locks?: LockManager }).locks,
    consent: () => {
      const c = telemetry.options?.category;
      const machine = c && late().machine;
      if (!machine || machine.state.categories[c] !== true) return false;
      // Another tab's decision since this page loaded shows only in the cookie: a withdrawal there stops us too.
      const latest = cookieRecord();
      return !latest || latest.id === machine.record?.id || latest.c[c] === true;
    },
    decided: () => late().machine.state.decided,
    signals: () => signals,
    onLog: (e) => {
      emitter.emit('telemetry', e);
      late().presenter.refreshTelemetry();
    },
  });
  return telemetry;
}
