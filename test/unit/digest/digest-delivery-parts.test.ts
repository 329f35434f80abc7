import pino from 'pino';
import { describe, expect, it } from 'vitest';

import type { DigestData } from '../../../src/digest/digest-data.js';
import type { DigestOutcome, DigestService } from '../../../src/digest/digest.service.js';
import { DigestScheduler } from '../../../src/scheduling/digest-scheduler.js';
import { digestMessages } from '../../../src/slack/blocks/digest.builder.js';
import { eventually } from '../../support/eventually.js';
import { blockProblems } from '../../support/slack-limits.js';

const LONG = 'L'.repeat(3000);
function digest(items: number): DigestData {
  return {
    channelId: 'C0DIGEST01',
    period: { start: '2026-11-23T09:00:00.000Z', timezone: 'Europe/London' },
    window: { from: '2026-11-20T09:00:00.000Z', to: '2026-11-23T09:00:00.000Z' },
    newContacts: [
      {
        research: { taskId: 't', query: LONG, requestedBy: 'U0ALICE001' },
        contacts: Array.from({ length: items }, (_, i) => ({
          id: `n${i}`,
          fullName: `New ${i} ${LONG.slice(0, 100)}`,
          title: 'CTO',
          company: null,
        })),
      },
      { research: null, contacts: [{ id: 'imp', fullName: '<!channel> imported', title: null, company: null }] },
    ],
    research: {
      succeeded: Array.from({ length: items }, (_, i) => ({
        id: `s${i}`,
        query: LONG,
        requestedBy: 'api',
        new: 1,
        merged: 0,
      })),
      failed: [{ id: 'f', query: 'q', requestedBy: null, error: LONG }],
    },
    followUps: [
      {
        ownerId: 'U0OWNER001',
        contacts: Array.from({ length: items }, (_, i) => ({
          id: `c${i}`,
          fullName: `Due ${i} ${LONG}`,
          company: LONG,
          dueAt: '2026-11-20T00:00:00.000Z',
          overdue: true,
        })),
      },
    ],
  };
}

describe('digestMessages', () => {
  it.each([0, 1, 60, 500])("keeps a digest of %i items per list within Slack's limits, and loses none", (items) => {
    const parts = digestMessages(digest(items));
    for (const part of parts) {
      expect(blockProblems(part.blocks, 50)).toEqual([]);
      expect(JSON.stringify(part.blocks).length).toBeLessThanOrEqual(12_000);
    }
    const lines = parts.flatMap((p) => p.blocks).filter((b) => b.block_id?.startsWith('followup:'));
    expect(lines).toHaveLength(items);
    const text = JSON.stringify(parts);
    for (let i = 0; i < items; i += 97) expect(text).toContain(`New ${i} `);
    expect(text).toContain('&lt;!channel&gt; imported');
    expect(parts.length === 1 || parts[0]!.text.includes('(part 1 of')).toBe(true);
  });
});

describe('DigestScheduler', () => {
  const silent = pino({ level: 'silent' });

  it('runs at start and again after a failed run, not after a posted one', async () => {
    const outcomes: DigestOutcome[] = ['failed', 'posted'];
    let runs = 0;
    const digests = { runDue: async () => (runs++, outcomes.shift() ?? 'already-posted') } as unknown as DigestService;
    // No cron here: only the retry can run the digest a second time.
    const scheduler = new DigestScheduler({
      digests,
      config: { channelId: 'C1', cron: '* * * * * *', timezone: 'UTC', postEmpty: false },
      logger: silent,
      cron: false,
      retryMs: 20,
    });
    scheduler.start();
    try {
      await eventually(() => outcomes.length === 0, 10_000, 'the retry of the failed start-up run');
      expect(runs).toBe(2);
      await new Promise((r) => setTimeout(r, 200)); // ten retry periods: a posted run is not retried
      expect(runs).toBe(2);
    } finally {
      await scheduler.stop();
    }
  });

  it('runs on every cron tick, and no more once stopped', async () => {
    let runs = 0;
    const digests = { runDue: async () => (runs++, 'already-posted') } as unknown as DigestService;
    const scheduler = new DigestScheduler({
      digests,
      config: { channelId: 'C1', cron: '* * * * * *', timezone: 'UTC', postEmpty: false },
      logger: silent,
      retryMs: 20,
    });
    scheduler.start();
    await eventually(() => runs >= 1, 10_000, 'the start-up run');
    const afterStart = runs;
    // The cron ticks every second: wait for a tick (however late a loaded machine makes it), not 2 s.
    await eventually(() => runs >= afterStart + 1, 10_000, 'a cron tick');
    await scheduler.stop();
    const after = runs;
    await new Promise((r) => setTimeout(r, 1_200));
    expect(runs).toBe(after);
  });
});
