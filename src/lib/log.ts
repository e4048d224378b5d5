/** User-facing diagnostics: these stay in every build (STYLE principle 12). */
const PREFIX = '[consent-relay]';

export function logError(...args: unknown[]): void {
  console.error(PREFIX, ...args);
}

export function logInfo(...args: unknown[]): void {
  console.info(PREFIX, ...args);
}
