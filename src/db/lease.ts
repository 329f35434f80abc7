/** A Prisma model's `updateMany`, which says how many rows it changed: all a lease needs. */
export type UpdateMany<Where, Data> = (args: { where: Where; data: Data }) => Promise<{ count: number }>;

export interface LeaseColumn<Where, Data> {
  /** The model's `updateMany`, e.g. `(args) => db.digest.updateMany(args)`. */
  updateMany: UpdateMany<Where, Data>;
  /** The data that sets the lease column to a time, or to null (no lease). */
  set: (until: Date | null) => Data;
  /** The condition on rows whose lease is free at `now` (none, or run out). */
  free: (now: Date) => Where;
  /** How long a claim or a renewal holds. */
  ms: number;
  clock: () => Date;
}

/**
 * A lease on rows of one table, kept in a time column: whoever claims a row holds it until that
 * time, and must renew it before then; once it has run out, anyone may claim the row again (so the
 * work of a copy of the app that died is picked up by another). Claims are a compare-and-set — one
 * `UPDATE … WHERE` that only matches while the row is still free — so of two copies that claim the
 * same row at once, exactly one gets it, on SQLite and PostgreSQL alike.
 */
export class Lease<Where, Data> {
  constructor(private readonly column: LeaseColumn<Where, Data>) {}

  get ms(): number {
    return this.column.ms;
  }

  /** When a lease taken at `now` runs out. */
  until(now: Date = this.column.clock()): Date {
    return new Date(now.getTime() + this.column.ms);
  }

  /** The condition on rows free to claim at `now`, to combine with a query's own. */
  free(now: Date = this.column.clock()): Where {
    return this.column.free(now);
  }

  /**
   * Takes the row `where` names, writing `data` with a fresh lease, if it still matches `where`
   * (which must say what "still free" means: a status, the lease value read before, `free()`).
   * True when this caller holds it now; false when another got there first.
   */
  async claim(where: Where, data?: Data, now: Date = this.column.clock()): Promise<boolean> {
    const { count } = await this.column.updateMany({ where, data: { ...data, ...this.column.set(this.until(now)) } });
    return count === 1;
  }

  /**
   * Extends the lease of the rows `where` names (with `data`, if given). False when none matched: the lease was lost.
   */
  async renew(where: Where, data?: Data): Promise<boolean> {
    const { count } = await this.column.updateMany({ where, data: { ...data, ...this.column.set(this.until()) } });
    return count > 0;
  }

  /**
   * Lets go of the rows `where` names, writing `data`: the lease is cleared, or — with `until` — kept
   * until then (a retry that must wait). Returns how many rows it changed: 0 when the lease was lost.
   */
  async release(where: Where, data?: Data, until: Date | null = null): Promise<number> {
    const { count } = await this.column.updateMany({ where, data: { ...data, ...this.column.set(until) } });
    return count;
  }
}
