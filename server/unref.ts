/**
 * Lets the process exit while a timer is pending: a telemetry reporter must never keep a Node server (or a CLI that
 * imported it) alive. Deno and workers return a number here and need nothing.
 */
export function unref<T>(timer: T): T {
  (timer as { unref?: () => void } | undefined)?.unref?.();
  return timer;
}
