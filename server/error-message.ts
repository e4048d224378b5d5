/** A one-line reason from anything thrown, with the cause's code (`fetch failed (ECONNREFUSED)`) when there is one. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const detail =
    cause && (typeof cause.code === 'string' ? cause.code : typeof cause.message === 'string' ? cause.message : '');
  return detail ? `${err.message} (${detail})` : err.message;
}
