import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';

import { createLogger } from '../../../src/logging/logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, stream };
}

describe('logger', () => {
  it('redacts tokens and keys wherever they sit', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ log: { level: 'info', format: 'json' } }, stream);
    logger.info(
      {
        req: { headers: { authorization: 'Bearer s3cret-admin', cookie: 'sid=1' } },
        slack: { botToken: 'xoxb-123', signingSecret: 'abc' },
        openai: { apiKey: 'sk-123' },
      },
      'hello',
    );
    const text = lines.join('');
    for (const secret of ['s3cret-admin', 'sid=1', 'xoxb-123', 'abc"', 'sk-123']) expect(text).not.toContain(secret);
    expect(JSON.parse(text)).toMatchObject({ msg: 'hello', level: 30, service: 'personable-crm' });
  });
});
