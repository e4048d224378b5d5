#!/usr/bin/env node
// The operator's CLI (docs/SPEC.md §7): `npx consent-relay receipts export --since 2026-01-01`. Built from server/cli.ts (vite.server.config.ts).
import { main } from '../dist/server/cli.js';

// stdout may be a pipe that closes early (`| head`): stop quietly instead of throwing EPIPE.
process.stdout.on('error', (e) => process.exit(e.code === 'EPIPE' ? 0 : 1));
const write = (stream) => (line) => stream.write(`${line}\n`);
process.exitCode = await main(process.argv.slice(2), write(process.stdout), write(process.stderr));
