import { describe, expect, it } from 'vitest';

import { StreamedContacts } from '../../../src/research/agent/streamed-contacts.js';

const people = (args: string, size: number) => {
  const scanner = new StreamedContacts();
  const out: { index: number; fullName: unknown }[] = [];
  for (let i = 0; i < args.length; i += size)
    out.push(
      ...scanner
        .push(args.slice(i, i + size))
        .map((e) => ({ index: e.index, fullName: (JSON.parse(e.json) as { fullName?: unknown }).fullName })),
    );
  return out;
};

describe('the people of a submit_contacts call while it is written', () => {
  it('gives out each person as soon as it is complete, with its position, however the text is cut', () => {
    const args = JSON.stringify({
      contacts: [
        { fullName: 'Ann "Q" }{ ]', sources: [{ url: 'https://a.example/x]', quote: '\\\\"}' }] },
        5,
        null,
        { fullName: 'Ben' },
      ],
    });
    for (const size of [1, 2, 7, 16, args.length])
      expect(people(args, size)).toEqual([
        { index: 0, fullName: 'Ann "Q" }{ ]' },
        { index: 3, fullName: 'Ben' },
      ]);
  });

  it('reads only the top-level contacts array, with any spacing', () => {
    const args =
      '{ "note": {"contacts": [{"fullName": "Not me"}]}, "other": [{"fullName": "Nor me"}],\n  "contacts" :\n [ {"fullName":"Cy"} ,{"fullName":"Di"}] , "more": [{"fullName":"Ed"}]}';
    expect(people(args, 3)).toEqual([
      { index: 0, fullName: 'Cy' },
      { index: 1, fullName: 'Di' },
    ]);
  });

  it('gives out nothing from a person that is cut off or from malformed text', () => {
    expect(people('{"contacts":[{"fullName":"Ann"},{"fullName":"B', 4)).toEqual([{ index: 0, fullName: 'Ann' }]);
    expect(people('contacts: [{"fullName": "x"}]', 4)).toEqual([]);
    expect(people(']]]}}}{"contacts":[{"fullName":"x"}]}', 4)).toEqual([]);
  });
});
