import { CronExpressionParser } from 'cron-parser';

export interface DigestPeriod {
  /** The scheduled occurrence this period belongs to: the latest one at or before `now`. */
  start: Date;
  /** The occurrence before it: a first digest covers the time since then. */
  previous: Date;
  /** The next occurrence. */
  next: Date;
}

/**
 * Periods of a cron schedule in a time zone (DST included: "09:00 Europe/London" is 08:00 UTC in
 * summer and 09:00 UTC in winter). The period is what makes a digest "once": its start is part of
 * the digest's unique key.
 */
export function digestPeriod(cron: string, timezone: string, now: Date): DigestPeriod {
  // A moment after `now`, so an occurrence at exactly `now` counts as the current one.
  const parser = CronExpressionParser.parse(cron, { tz: timezone, currentDate: new Date(now.getTime() + 1) });
  const start = parser.prev().toDate();
  const previous = parser.prev().toDate();
  const next = CronExpressionParser.parse(cron, { tz: timezone, currentDate: start }).next().toDate();
  return { start, previous, next };
}
