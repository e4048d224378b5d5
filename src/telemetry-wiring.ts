import type { ConsentRelayEvents } from './api';
import type { ParsedConfig } from './config/parse';
import type { Signals } from './consent/defaults';
import type { ConsentMachine } from './consent/machine';
import type { ConsentRecord } from './consent/record';
import type { Env } from './env';
import type { Emitter } from './lib/emitter';
import type { KeyValueStore } from './storage/idb';
import { createTelemetry, type LoadReporter, type TelemetryController } from './telemetry/api';
import type { Presenter } from './ui/present';

export interface TelemetryWiring {
  env: Env;
  kv: KeyValueStore;
  /** `config.telemetry` as the config stage validated it */
  parsed: ParsedConfig['telemetry'];
  signals: Signals;
  emitter: Emitter<ConsentRelayEvents>;
  loadReporter: LoadReporter | undefined;
  /** The store and the presenter, made after telemetry (the store's policy reads its options): asked for only later. */
  late: () => { machine: ConsentMachine; presenter: Presenter };
  /** the cookie's decision, if it is a current one */
  latest: () => ConsentRecord | null;
}

/** Telemetry (docs/SPEC.md §5): its consent read from the store (and the cookie), its log heard as an event. */
export function wireTelemetry(
  env: Env,
  kv: KeyValueStore,
  parsed: ParsedConfig['telemetry'],
  signals: Signals,
  emitter: Emitter<ConsentRelayEvents>,
  loadReporter: LoadReporter | undefined,
  late: () => { machine: ConsentMachine; presenter: Presenter },
  latestRecord: () => ConsentRecord | null,
): TelemetryController {
  const telemetry = createTelemetry({
    ...{ kv, fetch: env.fetch, now: env.now, doc: env.doc, win: env.win, parsed, loadReporter },
    locks: (env.nav as Navigator & { locks?: LockManager }).locks,
    consent: () => {
      const c = telemetry.options?.category;
      const { machine } = late();
      if (!c || machine.state.categories[c] !== true) return false;
      // Another tab's decision since this page loaded shows only in the cookie: a withdrawal there stops us too.
      const latest = latestRecord();
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
