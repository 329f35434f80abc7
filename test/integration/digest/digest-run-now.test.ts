import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSlackRig, type SlackTestRig } from '../../support/slack-app.js';

const CHANNEL = 'C0RUNNOW01';
const DIGEST_ENV = { DIGEST_CHANNEL: CHANNEL, DIGEST_CRON: '0 9 * * 1-5', DIGEST_TIMEZONE: 'Europe/London' };

/**
 * "Run now" (POST /api/digest/run): what is new since the last digest, up to now, once; the next digest starts from
 * there.
 */
describe('digest: run now', () => {
  let now = new Date('2026-11-23T08:00:00Z');
  let rig: SlackTestRig;
  beforeAll(async () => {
    rig = await startSlackRig({
      env: DIGEST_ENV,
      overrides: { clock: () => now, digestScheduler: { cron: false, retryMs: 50 } },
    });
  });
  afterAll(async () => {
    await rig.close();
  });
  const set = (iso: string) => (now = new Date(iso));
  const posts = () => rig.slack.messagesIn(CHANNEL);
  const run = async () => (await rig.t.api('POST', '/api/digest/run')).body as { outcome: string };

  it('posts contacts added after an empty scheduled digest, once; a second run posts nothing', async () => {
    const { contacts, digests } = rig.t.app.services;
    set('2026-11-23T09:05:00Z'); // Monday: the scheduled digest finds nothing
    expect(await digests.runDue()).toBe('empty');
    set('2026-11-23T10:00:00Z');
    await contacts.importMany([{ fullName: 'Added After Nine' }]);
    set('2026-11-23T11:00:00Z');
    expect(await run()).toEqual({ outcome: 'posted' });
    expect(posts()).toHaveLength(1);
    expect(JSON.stringify(posts()[0]!.blocks)).toContain('Added After Nine');
    expect(await run()).toEqual({ outcome: 'empty' });
    expect(posts()).toHaveLength(1);
  });

  it('concurrent runs post one message', async () => {
    set('2026-11-23T12:00:00Z');
    await rig.t.app.services.contacts.importMany([{ fullName: 'Raced Person' }]);
    set('2026-11-23T13:00:00Z');
    const outcomes = await Promise.all(Array.from({ length: 4 }, () => run()));
    expect(outcomes.filter((o) => o.outcome === 'posted')).toHaveLength(1);
    expect(outcomes.every((o) => ['posted', 'in-progress', 'already-posted', 'empty'].includes(o.outcome))).toBe(true);
    expect(posts().filter((p) => JSON.stringify(p.blocks).includes('Raced Person'))).toHaveLength(1);
  });

  it('the next scheduled digest starts where run now ended', async () => {
    set('2026-11-23T15:00:00Z');
    await rig.t.app.services.contacts.importMany([{ fullName: 'Afternoon Person' }]);
    set('2026-11-24T09:01:00Z'); // Tuesday's digest
    expect(await rig.t.app.services.digests.runDue()).toBe('posted');
    const tuesday = JSON.stringify(posts().at(-1)!.blocks);
    expect(tuesday).toContain('Afternoon Person');
    expect(tuesday).not.toContain('Raced Person');
    expect(tuesday).not.toContain('Added After Nine');
  });
});
