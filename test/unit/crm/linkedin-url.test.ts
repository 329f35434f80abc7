import { describe, expect, it } from 'vitest';

import { canonicalLinkedInUrl } from '../../../src/crm/contacts/linkedin-url.js';

describe('canonicalLinkedInUrl', () => {
  it.each([
    ['https://www.linkedin.com/in/jane-doe', 'https://www.linkedin.com/in/jane-doe'],
    ['linkedin.com/in/Jane-Doe/', 'https://www.linkedin.com/in/jane-doe'],
    ['http://uk.linkedin.com/in/jane-doe?trk=public_profile#experience', 'https://www.linkedin.com/in/jane-doe'],
    ['https://m.linkedin.com/in/jane-doe/details/experience/', 'https://www.linkedin.com/in/jane-doe'],
    ['  https://de.linkedin.com/in/jane-doe/en  ', 'https://www.linkedin.com/in/jane-doe'],
    ['https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa', 'https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa'],
    ['https://www.linkedin.com/in/JOSÉ-garcía', 'https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa'],
    ['https://www.linkedin.com/pub/jane-doe/1a/2b/3c', 'https://www.linkedin.com/pub/jane-doe/1a/2b/3c'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalLinkedInUrl(input)).toEqual({ url: expected });
  });

  it.each([
    ['', 'is empty'],
    ['https://www.linkedin.com/company/acme', 'not a LinkedIn profile'],
    ['https://www.linkedin.com/in/', 'not a LinkedIn profile'],
    ['https://evil.example/in/jane-doe', 'not a linkedin.com link'],
    ['https://linkedin.com.evil.example/in/jane', 'not a linkedin.com link'],
    ['javascript:alert(1)//linkedin.com/in/x', 'http(s)'],
    ['ftp://www.linkedin.com/in/jane', 'http(s)'],
    ['https://www.linkedin.com/in/%E0%A4%A', 'would not issue'],
    ['https://www.linkedin.com/in/<script>', 'would not issue'],
  ])('rejects %s', (input, message) => {
    const result = canonicalLinkedInUrl(input);
    expect('error' in result && result.error).toContain(message);
  });
});
