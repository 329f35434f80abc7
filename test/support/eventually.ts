/**
 * Polls `check` until it gives a truthy value and returns it; throws once `timeoutMs` has passed
 * without one (naming `what`, when given). For waiting on something that happens a moment later —
 * later still on a busy machine — instead of a fixed sleep.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  what?: string,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end)
      throw new Error(what ? `still waiting after ${timeoutMs} ms for ${what}` : 'condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
