import { describe, expect, it } from 'vitest';

import { parseConfig } from '../../../src/config/config.js';
import { digestPeriod } from '../../../src/digest/digest-schedule.js';

const at = (iso: string) => new Date(iso);
const WEEKDAYS_9 = '0 9 * * 1-5';

describe('digestPeriod', () => {
  it('is the latest occurrence at or before now, with the one before and the next', () => {
    expect(digestPeriod(WEEKDAYS_9, 'UTC', at('2026-11-24T10:00:00Z'))).toEqual({
      start: at('2026-11-24T09:00:00Z'),
      previous: at('2026-11-23T09:00:00Z'),
      next: at('2026-11-25T09:00:00Z'),
    });
    expect(digestPeriod(WEEKDAYS_9, 'UTC', at('2026-11-24T09:00:00Z')).start).toEqual(at('2026-11-24T09:00:00Z'));
    expect(digestPeriod(WEEKDAYS_9, 'UTC', at('2026-11-24T08:59:59Z')).start).toEqual(at('2026-11-23T09:00:00Z'));
  });

  it("skips weekends: Saturday and Sunday belong to Friday's period, Monday's covers since Friday", () => {
    expect(digestPeriod(WEEKDAYS_9, 'UTC', at('2026-11-29T12:00:00Z')).start).toEqual(at('2026-11-27T09:00:00Z'));
    expect(digestPeriod(WEEKDAYS_9, 'UTC', at('2026-11-30T09:30:00Z'))).toMatchObject({
      start: at('2026-11-30T09:00:00Z'),
      previous: at('2026-11-27T09:00:00Z'),
    });
  });

  it('keeps 09:00 local across daylight-saving changes in the chosen time zone', () => {
    // Europe/London: BST (UTC+1) until 25 Oct 2026, GMT after; GMT until 29 Mar 2026, BST after.
    expect(digestPeriod(WEEKDAYS_9, 'Europe/London', at('2026-10-23T12:00:00Z')).start).toEqual(
      at('2026-10-23T08:00:00Z'),
    );
    expect(digestPeriod(WEEKDAYS_9, 'Europe/London', at('2026-10-26T12:00:00Z'))).toMatchObject({
      start: at('2026-10-26T09:00:00Z'),
      previous: at('2026-10-23T08:00:00Z'),
    });
    expect(digestPeriod(WEEKDAYS_9, 'Europe/London', at('2026-03-30T12:00:00Z'))).toMatchObject({
      start: at('2026-03-30T08:00:00Z'),
      previous: at('2026-03-27T09:00:00Z'),
    });
    expect(digestPeriod(WEEKDAYS_9, 'America/New_York', at('2026-11-02T20:00:00Z')).start).toEqual(
      at('2026-11-02T14:00:00Z'),
    );
  });

  it('skips a time the clocks jump over, and counts a repeated time once', () => {
    const daily130 = '30 1 * * *';
    // 29 Mar 2026 01:30 does not exist in London (01:00 → 02:00): that day has no digest of its own.
    expect(digestPeriod(daily130, 'Europe/London', at('2026-03-29T12:00:00Z')).start).toEqual(
      at('2026-03-28T01:30:00Z'),
    );
    // 25 Oct 2026 01:30 happens twice (02:00 → 01:00): one period, not two.
    const autumn = digestPeriod(daily130, 'Europe/London', at('2026-10-25T12:00:00Z'));
    expect(autumn.start.getUTCDate()).toBe(25);
    expect(autumn.next).toEqual(at('2026-10-26T01:30:00Z'));
  });
});

describe('digest configuration', () => {
  const problems = (env: Record<string, string>) => {
    try {
      parseConfig(env, { cwd: '/x', stdoutIsTTY: false });
      return [];
    } catch (error) {
      return (error as { problems: string[] }).problems;
    }
  };
  it('refuses a bad cron expression or time zone with a clear line', () => {
    expect(problems({ DIGEST_CRON: 'every morning' })[0]).toMatch(
      /^DIGEST_CRON: "every morning" is not a cron expression .*\(example: 0 9 \* \* 1-5/,
    );
    expect(problems({ DIGEST_CRON: '0 25 * * *' })[0]).toMatch(/^DIGEST_CRON:/);
    expect(problems({ DIGEST_TIMEZONE: 'Mars/Olympus' })[0]).toBe(
      'DIGEST_TIMEZONE: "Mars/Olympus" is not an IANA time zone (example: Europe/London)',
    );
    expect(problems({ DIGEST_CHANNEL: '#sales' })[0]).toMatch(/^DIGEST_CHANNEL: must be a Slack channel ID/);
    expect(
      parseConfig({ DIGEST_CHANNEL: 'C0DIGEST01', DIGEST_TIMEZONE: 'Europe/London' }, { cwd: '/x', stdoutIsTTY: false })
        .digest,
    ).toEqual({ channelId: 'C0DIGEST01', cron: '0 9 * * 1-5', timezone: 'Europe/London', postEmpty: false });
  });
});
