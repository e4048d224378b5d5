import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { createReceiptHandler } from '../receipts';
import { createConsentStore } from './create-store';
import { StoreUnavailableError } from './engine';

/**
 * Issue 15 item 7: a read-only or full PGlite directory is an error, not a crash. Real file systems, not mocks: a
 * tmpfs mounted read-only (EROFS holds for root too, where chmod 0555 does not) and a tmpfs too small for what is
 * written (ENOSPC). Mounting needs root and a container that allows it; elsewhere the suite is skipped, its reason
 * printed (the non-root read-only case by chmod is in store.test.ts).
 */
const MB = 1024 * 1024;
const mounted: string[] = [];

/** A tmpfs at a new directory; '' and the reason when this machine cannot mount one. */
function tmpfs(options: string): { dir: string; why: string } {
  const dir = mkdtempSync(join(tmpdir(), 'consent-relay-fault-'));
  if (process.getuid?.() !== 0) return { dir, why: 'not root: mounting a tmpfs needs root' };
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir], { stdio: 'pipe' });
    mounted.push(dir);
    return { dir, why: '' };
  } catch (err) {
    return { dir, why: `mount -t tmpfs is not permitted here (${String((err as Error).message).split('\n')[0]})` };
  }
}

afterEach(() => {
  for (const dir of mounted.splice(0)) {
    // lazy: a PGlite that failed while opening may still hold files there (nothing the store can close)
    execFileSync('umount', ['-l', dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

const probe = tmpfs('size=64k');
if (probe.why) console.warn(`PGlite disk faults skipped: ${probe.why}`);
else execFileSync('umount', [mounted.pop()!]);
rmSync(probe.dir, { recursive: true, force: true });

const receipt = (n: number) => ({
  id: `fault-receipt-${n}-${Math.random().toString(36).slice(2, 10)}`,
  visitor: `fault-visitor-${n}-${Math.random().toString(36).slice(2, 10)}`,
  revision: 1,
  region: 'DE',
  regime: 'opt-in',
  choices: { necessary: true, analytics: n % 2 === 0 },
  timestamp: new Date().toISOString(),
  method: 'banner',
});

const post = (body: unknown) =>
  new Request('https://shop.example/consent/receipts', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.skipIf(!!probe.why)('PGlite disk faults', () => {
  it('a read-only file system: createConsentStore rejects naming the directory, for root too', async () => {
    const { dir } = tmpfs('ro,size=1m');
    // the directory itself (there, not writable) and one to be made in it
    for (const target of [dir, join(dir, 'consent')]) {
      const err = await createConsentStore({ dir: target }).catch((e: Error) => e);
      expect(err).toBeInstanceOf(StoreUnavailableError);
      expect((err as Error).message).toContain(`the PGlite store in ${target} failed`);
    }
    expect(((await createConsentStore({ dir }).catch((e: Error) => e)) as Error).message).toMatch(/EROFS/);
  });

  it('a disk too small for the database: createConsentStore rejects naming the directory and ENOSPC', async () => {
    const { dir } = tmpfs('size=1m');
    const target = join(dir, 'consent');
    const err = await createConsentStore({ dir: target }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(StoreUnavailableError);
    expect((err as Error).message).toBe(
      `consent-relay/server: the PGlite store in ${target} failed: ENOSPC: no space left on device`,
    );
  }, 120_000);

  it('the disk full mid-run: the endpoint answers 503 with Retry-After, nothing crashes; space back: stored once', async () => {
    const template = inject('pgliteTemplate');
    const size = Number(execFileSync('du', ['-sb', template]).toString().split('\t')[0]);
    // room for the database as it is and a little more: the filler then takes the rest
    const { dir } = tmpfs(`size=${Math.ceil(size / MB) + 8}m`);
    const db = join(dir, 'consent');
    cpSync(template, db, { recursive: true });
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const errors: string[] = [];
    const store = await createConsentStore({ dir: db, log: { error: (m) => errors.push(m) } });
    const handler = createReceiptHandler({ store, retryAfterSeconds: 9, log: { error: (m) => errors.push(m) } });
    try {
      expect((await handler.handle(post(receipt(0)))).status).toBe(201);
      const filler = join(dir, 'filler');
      const fd = openSync(filler, 'w');
      const chunk = Buffer.alloc(64 * 1024, 1);
      try {
        for (;;) writeSync(fd, chunk);
      } catch (err) {
        expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
      } finally {
        closeSync(fd);
      }
      expect(statSync(filler).size).toBeGreaterThan(0);
      // receipts until one needs a page the disk has no room for (the first, as a rule)
      const r = receipt(1);
      let res = await handler.handle(post(r));
      for (let n = 2; res.status === 201 && n < 200; n++) res = await handler.handle(post(receipt(n)));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('9');
      expect(await res.json()).toEqual({ error: 'the consent store is unavailable; retry later' });
      expect(errors.join('\n')).toMatch(new RegExp(`the PGlite store in ${db} failed: .*(No space|ENOSPC)`));

      rmSync(filler);
      const again = await handler.handle(post(r));
      expect([200, 201]).toContain(again.status);
      const ids: string[] = [];
      for await (const x of store.exportReceipts()) ids.push(x.id);
      expect(ids.filter((id) => id === r.id)).toHaveLength(1);
      // a tick for any rejection nobody handled
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
      await store.close().catch(() => {});
    }
  }, 120_000);
});
