import { describe, expect, it } from 'vitest';

import { readPage } from '../../../src/research/web/page-reader.js';
import { RESEARCH_PAGES } from '../../support/research-fixtures.js';

const html = (path: string) => RESEARCH_PAGES[path]!.body as string;

describe('readPage', () => {
  it('keeps lines apart, drops hidden text, and collects mailto and links', () => {
    const page = readPage('https://ledgerly.example/team', html('/ledgerly/team'), 'text/html');
    expect(page.title).toBe('Team — Ledgerly');
    const lines = page.visibleText.split('\n');
    expect(lines).toContain('Amara Okafor');
    expect(lines).toContain('Head of Sales');
    expect(lines).toContain('Tomás Brennan');
    expect(page.visibleText).not.toContain('Hidden Person');
    expect(page.emails).toEqual(['amara@ledgerly.example']);
    expect(page.links).toContain('https://uk.linkedin.com/in/amara-okafor-ledgerly/?trk=team');
    expect(page.links).toContain('https://ledgerly.example/careers');
    expect(page.addressesAgent).toBe(false);
  });

  it('reads schema.org people from JSON-LD graphs, microdata and h-cards', () => {
    expect(readPage('https://x.example/press', html('/ledgerly/press'), 'text/html').people).toEqual([
      {
        format: 'json-ld',
        name: 'Priya Raman',
        jobTitle: 'Sales Director',
        email: 'priya.raman@ledgerly.example',
        location: 'London',
        linkedinUrl: 'https://www.linkedin.com/in/priya-raman',
      },
    ]);
    expect(readPage('https://x.example/speakers', html('/events/speakers'), 'text/html').people).toEqual([
      {
        format: 'h-card',
        name: 'Jonas Weber',
        jobTitle: 'Head of Sales',
        organization: 'Kontor',
        email: 'jonas@kontor.example',
        location: 'Berlin',
      },
    ]);
    const microdata = `<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Ana Silva</span>
      <span itemprop="jobTitle">CTO</span><div itemprop="worksFor" itemscope itemtype="https://schema.org/Organization"><span itemprop="name">Pago</span></div>
      <a itemprop="email" href="mailto:ana@pago.example">write</a><a itemprop="sameAs" href="https://www.linkedin.com/in/ana-silva">in</a></div>`;
    expect(readPage('https://x.example/', microdata, 'text/html').people).toEqual([
      {
        format: 'microdata',
        name: 'Ana Silva',
        jobTitle: 'CTO',
        organization: 'Pago',
        email: 'ana@pago.example',
        linkedinUrl: 'https://www.linkedin.com/in/ana-silva',
      },
    ]);
  });

  it('survives malformed JSON-LD and notices pages that address an AI agent, even in hidden text', () => {
    const page = readPage(
      'https://x.example/blog',
      `<script type="application/ld+json">{not json</script>${html('/blog/ai-notice')}`,
      'text/html',
    );
    expect(page.people).toEqual([]);
    expect(page.addressesAgent).toBe(true);
    expect(page.visibleText).not.toContain('John Hacker');
  });

  it('reads plain text as it is', () => {
    const page = readPage('https://x.example/a.txt', 'Jane Doe\r\nCEO', 'text/plain');
    expect(page.visibleText).toBe('Jane Doe\nCEO');
  });
});
