/**
 * A signal for one call, aborted when `parent` (a research task's signal) is. The openai SDK adds
 * an abort listener to the signal it is given and does not take it off when the call ends, so a
 * task's own signal, handed to every call, would gather one listener per call (Node warns at 11).
 * Each call gets a child signal; the one listener on the parent is removed in `done()`.
 */
export async function withCallSignal<T>(
  parent: AbortSignal | undefined,
  call: (signal: AbortSignal | undefined) => Promise<T>,
): Promise<T> {
  if (!parent) return call(undefined);
  const controller = new AbortController();
  const onAbort = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  try {
    return await call(controller.signal);
  } finally {
    parent.removeEventListener('abort', onAbort);
  }
}
