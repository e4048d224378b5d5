import { describe, expect, it } from 'vitest';
import { memoryKv } from './memory-kv.test-helper';
import { createOutbox, OUTBOX_MAX, type OutboxItem } from './outbox';
import { OUTBOX_KEY } from './types';

const report = {
  schema: 1 as const,
  instanceId: 'i',
  sentAt: '2025-06-01T12:00:00.000Z',
  source: 'browser' as const,
  server: null,
  ui: { counts: {}, pageViews: {} },
};
const item = (key: string): OutboxItem => ({ key, body: '{}', report, attempts: 0, nextAt: 0 });

describe('outbox', () => {
  it('queues, replaces the same period, reschedules and removes', async () => {
    const kv = memoryKv();
    const outbox = createOutbox(kv);
    expect(await outbox.stored()).toBe(false);
    expect(await outbox.add(item('i-0'))).toBe(0);
    expect(await outbox.add(item('i-1'))).toBe(0);
    expect(await outbox.add({ ...item('i-0'), body: '{"again":1}' })).toBe(0);
    expect((await outbox.items()).map((x) => [x.key, x.body])).toEqual([
      ['i-1', '{}'],
      ['i-0', '{"again":1}'],
    ]);
    await outbox.retryLater('i-1', 3, 12345);
    expect((await outbox.items())[0]).toMatchObject({ key: 'i-1', attempts: 3, nextAt: 12345 });
    await outbox.remove('i-1');
    expect((await outbox.items()).map((x) => x.key)).toEqual(['i-0']);
    expect(await outbox.stored()).toBe(true);
  });

  it(`keeps the newest ${OUTBOX_MAX} and says how many of the oldest were dropped`, async () => {
    const outbox = createOutbox(memoryKv());
    for (let i = 0; i < OUTBOX_MAX; i++) expect(await outbox.add(item(`i-${i}`))).toBe(0);
    expect(await outbox.add(item('i-new'))).toBe(1);
    expect((await outbox.items()).map((x) => x.key)).toEqual(['i-1', 'i-2', 'i-3', 'i-4', 'i-new']);
  });

  it('reads anything else stored there as empty, and replaces it on the next write', async () => {
    const kv = memoryKv();
    await kv.set(OUTBOX_KEY, { not: 'a list' });
    const outbox = createOutbox(kv);
    expect(await outbox.items()).toEqual([]);
    expect(await outbox.add(item('i-0'))).toBe(0);
    expect((await outbox.items()).map((x) => x.key)).toEqual(['i-0']);
  });
});
