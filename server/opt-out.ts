/**
 * The operator's opt-outs, strongest first: the `enabled` option (EMQX `telemetry.enable`), the host product's own
 * variable (EventStoreDB `EVENTSTORE_TELEMETRY_OPTOUT`), then the cross-tool `DO_NOT_TRACK` (Airbyte; docs/SPEC.md §7).
 */

/** An environment as `process.env` has it. */
export type Env = Record<string, string | undefined>;

/** Any value but empty, `0` or `false` (any case, spaces ignored) switches an opt-out variable on (docs/SPEC.md §7). */
export function isSet(value: string | undefined): boolean {
  const v = (value ?? '').trim().toLowerCase();
  return v !== '' && v !== '0' && v !== 'false';
}

/** Why reporting is off (`enabled: false`, `DO_NOT_TRACK=1`, `ACME_TELEMETRY_OPTOUT=true`), or null when it is on. */
export function optOutReason(enabled: boolean, optOutEnv: string | undefined, env: Env): string | null {
  if (!enabled) return 'enabled: false';
  for (const name of optOutEnv ? [optOutEnv, 'DO_NOT_TRACK'] : ['DO_NOT_TRACK']) {
    if (isSet(env[name])) return `${name}=${env[name]}`;
  }
  return null;
}

/**
 * The process environment where the runtime has one (Node, Bun, Deno's `process`); empty elsewhere (workers pass
 * theirs as the `env` option). Deno without `--allow-env` throws on access: that reads as "not set".
 */
export function processEnv(): Env {
  try {
    const env = (globalThis as { process?: { env?: Env } }).process?.env;
    return env ? { ...env } : {};
  } catch {
    return {};
  }
}
