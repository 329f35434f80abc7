import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';

import { withCallSignal } from '../../../src/research/llm/call-signal.js';

describe('withCallSignal', () => {
  it('leaves no listener on the task signal after each call, however many calls', async () => {
    const task = new AbortController();
    for (let i = 0; i < 20; i += 1) {
      await withCallSignal(task.signal, (signal) => {
        // What the openai SDK does: a listener on the signal it is given, never taken off.
        signal!.addEventListener('abort', () => undefined);
        expect(getEventListeners(task.signal, 'abort')).toHaveLength(1);
        return Promise.resolve(i);
      });
    }
    expect(getEventListeners(task.signal, 'abort')).toHaveLength(0);
  });

  it('aborts the call when the task is stopped, with the task reason, also if it already was', async () => {
    const task = new AbortController();
    const running = withCallSignal(
      task.signal,
      (signal) => new Promise((_, reject) => signal!.addEventListener('abort', () => reject(signal!.reason as Error))),
    );
    task.abort(new Error('deadline'));
    await expect(running).rejects.toThrow('deadline');
    await expect(withCallSignal(task.signal, (signal) => Promise.resolve(signal!.aborted))).resolves.toBe(true);
  });
});
