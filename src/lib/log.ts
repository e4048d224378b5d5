/** User-facing diagnostics: these stay in every build. */
const PREFIX = '[consent-relay]';

export function logError(...args: unknown[]): void {
  console.error(PREFIX, ...args);
}

export function logInfo(...args: unknown[]): void {
  console.info(PREFIX, ...args);
}
