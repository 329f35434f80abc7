/**
 * Bad input never stalls or crashes reading + verification: each input (5 MB pages, 10k nested
 * elements, 10k person cards, 5 MB without a space, 3 MB of "<", malformed HTML) is read and
 * verified in a child process that is killed if it has not finished within a generous limit —
 * far above what linear work takes; the figures themselves are in bench/verification.bench.ts.
 */
import { describe, expect, it } from 'vitest';

import { INPUTS, runBadInput } from '../../fixtures/verification/bad-input.js';

// Generous: linear work on these inputs takes a few seconds even on a loaded machine; today some run for minutes.
const LIMIT_MS = 30_000;

describe('reading and verifying bad input', () => {
  for (const [kind, input] of Object.entries(INPUTS)) {
    it(
      `${kind}: ${input.what} — finishes within ${LIMIT_MS / 1000} s without throwing`,
      async () => {
        const run = await runBadInput(kind, LIMIT_MS);
        expect(run.timedOut, `${kind} still running after ${LIMIT_MS / 1000} s`).toBe(false);
        expect(run.error ?? null).toBeNull();
        // The well-formed person card in each input is still read (the malformed page's too).
        if (kind === 'baseline' || kind === 'malformed') expect(run.accepted).toBe(run.submitted);
      },
      LIMIT_MS + 150_000,
    );
  }
});
