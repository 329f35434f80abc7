/** Lines that look like a person's name: what separates one person's card from the next. */

/** Words of job titles, departments and page furniture: a line made of them is not a name. */
export const TITLE_WORDS = new Set(
  `head chief officer director manager president vice vp svp evp avp founder cofounder co-founder chair chairman chairwoman chairperson board member members advisor adviser advisors investor investors principal associate analyst engineer engineering developer designer consultant specialist coordinator administrator assistant intern senior junior staff team teams global regional international national emea apac americas europe technology technical data science scientist security communications relations public human resources revenue commercial sales marketing business development operations product products finance financial partner partners partnerships customer customers success account accounts executive executives people talent growth strategy design research legal counsel general managing leadership management our about contact us careers jobs home news press blog events speakers speaker agenda team meet the and of for at in to ceo cto cfo coo cro cmo cpo cio ciso chro cso vp head lead leader principal owner editor author writer professor lecturer doctor student manager geschäftsführer geschaftsfuhrer leiter leiterin vertrieb gründer grunder vorstand directeur directrice fondateur fondatrice responsable gerente director directora fundador fundadora diretor diretora presidente socio sócio sales-director read more view profile learn more welcome hello services solutions pricing login sign up privacy policy terms cookie cookies copyright all rights reserved`.split(
    /\s+/,
  ),
);

export const ROLE_ACRONYMS = /\b(ceo|cto|cfo|coo|cro|cmo|cpo|cio|ciso|chro|cso|vp|svp|evp|md|gm)\b/i;

const PARTICLES = new Set([
  'van',
  'von',
  'der',
  'den',
  'de',
  'da',
  'das',
  'do',
  'dos',
  'del',
  'della',
  'di',
  'du',
  'la',
  'le',
  'bin',
  'ibn',
  'al',
  'el',
  'y',
  'e',
  'ter',
  'ten',
  'zu',
  'mac',
  'st.',
]);
const NAME_TOKEN = /^(\p{Lu}[\p{L}'’-]*\.?|\p{Lu}\.)$/u;
const SEPARATOR = /\s*(?:,|\||·|•|–|—|:|\(|\s-\s)\s*/u;

/** "Jane A. van der Berg": 2–5 capitalised tokens (particles allowed), no title or furniture words. */
export function isNameLike(text: string): boolean {
  const value = text.trim().replace(/^(dr|prof|mr|mrs|ms|mx|sir|dame|herr|frau|mme|m|sr|sra|dra)\.?\s+/i, '');
  if (value.length < 4 || value.length > 60 || /\d/.test(value)) return false;
  const tokens = value.split(/\s+/);
  if (tokens.length < 2 || tokens.length > 5) return false;
  let capitalised = 0;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (TITLE_WORDS.has(lower.replace(/[.,]$/, ''))) return false;
    if (PARTICLES.has(lower)) continue;
    if (!NAME_TOKEN.test(token)) return false;
    capitalised += 1;
  }
  return capitalised >= 2;
}

/** The part of a line before its first separator ("Jane Doe" of "Jane Doe, CEO") and what follows. */
export function splitAtSeparator(line: string): { head: string; rest: string } {
  const match = SEPARATOR.exec(line);
  if (!match) return { head: line, rest: '' };
  return { head: line.slice(0, match.index), rest: line.slice(match.index + match[0].length) };
}

/** Does text read like a job title (a title word or a role acronym)? */
export function mentionsRole(text: string): boolean {
  if (ROLE_ACRONYMS.test(text)) return true;
  const tokens = text.toLowerCase().split(/[^\p{L}-]+/u);
  let hits = 0;
  for (const token of tokens.slice(0, 40)) {
    if (['and', 'of', 'for', 'at', 'in', 'to', 'the', 'our', 'us', 'about', 'meet'].includes(token)) continue;
    if (TITLE_WORDS.has(token)) hits += 1;
  }
  return hits > 0;
}

/**
 * A line that starts a person's card: a name-like heading, a name-like first line of a block, or
 * "Name, Title" / "Name – Title".
 */
export function isNameLine(line: string, emphasised: boolean, firstOfBlock: boolean): boolean {
  if (line.length > 100 || line.split(' ').length > 14) return false;
  if ((emphasised || firstOfBlock) && isNameLike(line)) return true;
  const { head, rest } = splitAtSeparator(line);
  if (!rest || !isNameLike(head)) return false;
  return emphasised || mentionsRole(rest);
}
