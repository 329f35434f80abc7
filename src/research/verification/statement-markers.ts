/**
 * What a sentence says about time and truth: the past ("former", "previously"), examples ("e.g.",
 * "for example") and denials ("never", "not") — in English, German, French, Spanish and Portuguese.
 * Such sentences cannot support a current title or employer; examples and denials cannot name a person.
 */

const fold = (text: string) =>
  text
    .slice(0, 3000)
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

// Each list is one alternation between one pair of boundary checks: the same matches as a check
// around every word, without trying every word at every position (a second for a 70 KB page).
const PAST = new RegExp(
  `\\b(?:${[
    'former(ly)?',
    'previously',
    'prior to',
    'used to',
    'retired',
    'departed',
    'left the company',
    'stepped down',
    'no longer',
    'until (19|20)\\d\\d',
    'ex-\\w+',
    'ex',
    'had been',
    'was (the|our|a|an|its|their|his|her)',
    'served as',
    'emeritus',
    'alumni',
    'alumnus',
    'ehemalig\\w*',
    'fruher\\w*',
    'zuvor',
    'vormals',
    'bis (19|20)\\d\\d',
    'war (der|die|unser\\w*|ein\\w*)',
    'ancien(ne)?s?',
    'anciennement',
    'auparavant',
    'precedemment',
    'etait',
    'a quitte',
    'antigu[oa]s?',
    'anteriormente',
    'previamente',
    'fue (el|la|nuestr[oa])',
    'era (el|la)',
    'antig[oa]s?',
    'foi (o|a|nosso|nossa)',
    'deixou',
  ].join('|')})\\b`,
);

const EXAMPLE = new RegExp(
  `(?<![\\p{L}])(?:${[
    'e\\.\\s?g\\.?',
    'eg\\.',
    'i\\.\\s?e\\.',
    'for example',
    'for instance',
    'such as',
    'example',
    'examples',
    'sample',
    'placeholder',
    'lorem ipsum',
    'dummy',
    'fictional',
    'fictitious',
    'hypothetical',
    'imaginary',
    'z\\.\\s?b\\.',
    'zum beispiel',
    'beispiel\\w*',
    'muster\\w*',
    'fiktiv\\w*',
    'par exemple',
    'exemple\\w*',
    'fictif\\w*',
    'por ejemplo',
    'ejemplo\\w*',
    'ficticio\\w*',
    'por exemplo',
    'exemplo\\w*',
    'ficticio\\w*',
  ].join('|')})(?![\\p{L}])`,
  'u',
);

const DENIAL = new RegExp(
  `(?<![\\p{L}])(?:${[
    'never',
    'not',
    'no longer',
    'nobody',
    'no one',
    'none',
    "\\w+n['’]t",
    'neither',
    'nor',
    'false',
    'fake',
    'impostor',
    'imposter',
    'scam',
    'fraud\\w*',
    'not affiliated',
    'unaffiliated',
    'nie',
    'niemals',
    'nicht',
    'kein\\w*',
    'falsch\\w*',
    'gefalscht\\w*',
    'jamais',
    'ne \\w+ pas',
    "n['’]\\w+ pas",
    'pas',
    'aucun\\w*',
    'faux',
    'fausse',
    'nunca',
    'jamas',
    'no es',
    'no ha',
    'no trabaja',
    'ya no',
    'ningun\\w*',
    'falso',
    'falsa',
    'nao',
    'jamais',
    'nenhum\\w*',
  ].join('|')})(?![\\p{L}])`,
  'u',
);

export type StatementMarker = 'past' | 'example' | 'denial';

export function statementMarkers(text: string): StatementMarker[] {
  const form = fold(text);
  const markers: StatementMarker[] = [];
  if (PAST.test(form)) markers.push('past');
  if (EXAMPLE.test(form)) markers.push('example');
  if (DENIAL.test(form)) markers.push('denial');
  return markers;
}

/** A sentence that introduces examples: what follows it ("for example:", "e.g.:", "such as:") is an example. */
export function introducesExamples(text: string): boolean {
  const form = fold(text).trim();
  return /[:：]$/.test(form) && EXAMPLE.test(form);
}
