import { defineConfig } from 'vitest/config';

export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['src/**/*.test.ts', 'server/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // A throw-away PostgreSQL for the store tests (skipped, with the reason printed, where it is not installed).
    globalSetup: ['server/store/test/postgres-setup.ts'],
  },
});
