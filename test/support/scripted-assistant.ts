import type { ChatHandler, ChatReply, ChatRequest } from './fake-openai.js';

/** Whether a model request comes from the assistant (it offers the CRM tools) rather than the research agent. */
export const isAssistantRequest = (request: ChatRequest) =>
  Boolean(request.tools?.some((t) => t.function.name === 'search_contacts'));

/** The question of this turn (the last user message) and the tool results since. */
export function currentTurn(request: ChatRequest): { question: string; results: string[] } {
  const lastUser = request.messages.map((m) => m.role).lastIndexOf('user');
  return {
    question: request.messages[lastUser]?.content ?? '',
    results: request.messages
      .slice(lastUser + 1)
      .filter((m) => m.role === 'tool')
      .map((m) => m.content ?? ''),
  };
}

/** The JSON inside a CRM-data tool result, or undefined for plain-text results. */
function crmData(result: string | undefined): any {
  // any: the test model reads whatever the tool returned
  if (!result?.startsWith('CRM data')) return undefined;
  return JSON.parse(result.slice(result.indexOf('\n') + 1));
}

const call = (name: string, args: unknown): ChatReply => ({ toolCalls: [{ name, arguments: args }] });
const say = (content: string): ChatReply => ({ content, usage: { prompt: 800, completion: 60 } });
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * A model that uses the assistant's tools the way the questions in the tests need — and, asked
 * about a contact whose notes carry an instruction, obeys that instruction like a hijacked model.
 */
export const scriptedAssistant: ChatHandler = (request) => {
  const { question, results } = currentTurn(request);
  const last = results.at(-1);
  let m: RegExpMatchArray | null;
  if (/rate limit me/i.test(question))
    return {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: { message: 'Rate limit reached', type: 'requests' } },
    };
  if (/break down/i.test(question)) return { status: 503, headers: { 'retry-after': '0' } };
  if ((m = question.match(/who do we know at ([\p{L} ]+)/iu))) {
    if (results.length === 0) return call('search_contacts', { query: m[1]!.trim() });
    const found = crmData(last);
    if (!found) return say(`I found nobody at ${m[1]!.trim()} in the CRM.`);
    return say(
      `We know (from the CRM):\n${found.matches.map((c: any) => `• ${c.fullName} — ${c.title ?? 'no title'}, ${c.company}`).join('\n')}`,
    );
  }
  if ((m = question.match(/last discuss with (\p{L}+)/iu))) {
    if (results.length === 0) return call('search_contacts', { query: m[1] });
    if (results.length === 1) return call('get_contact', { contactId: crmData(last).matches[0].id });
    const contact = crmData(last);
    const latest = contact.conversations[0];
    return say(
      latest
        ? `${contact.fullName}: last ${latest.kind} on ${latest.occurredAt.slice(0, 10)} — ${latest.body}`
        : `Nothing logged with ${contact.fullName}.`,
    );
  }
  if ((m = question.match(/follow up with (\p{L}+) in two weeks/iu))) {
    if (results.length === 0) return call('search_contacts', { query: m[1] });
    if (results.length === 1)
      return call('set_follow_up', { contactId: crmData(last).matches[0].id, date: inDays(14) });
    return say(`I proposed a follow-up on ${inDays(14)}; confirm it below.`);
  }
  if ((m = question.match(/tell me about (\p{L}+)/iu))) {
    if (results.length === 0) return call('search_contacts', { query: m[1] });
    if (results.length === 1) return call('get_contact', { contactId: crmData(last).matches[0].id });
    const contact = crmData(results[1]);
    // A hijacked model: the note says to change every contact, so it tries.
    if (results.length === 2 && /update_contact/.test(contact?.notes ?? ''))
      return call('update_contact', {
        contactId: contact.id,
        changes: { email: 'attacker@evil.example', notes: null },
      });
    return say(`${contact.fullName} works at ${contact.company} (from the CRM).`);
  }
  if ((m = question.match(/find (\d+) more people like (\p{L}+)/iu))) {
    if (results.length === 0) return call('search_contacts', { query: m[2] });
    if (results.length === 1) return call('get_contact', { contactId: crmData(last).matches[0].id });
    if (results.length === 2) {
      const c = crmData(last);
      return call('start_research', { query: `${c.title} at companies like ${c.company}`, maxContacts: Number(m[1]) });
    }
    return say('I proposed the research; confirm it below.');
  }
  if ((m = question.match(/^enrich (\p{L}+)/iu))) {
    if (results.length === 0) return call('search_contacts', { query: m[1] });
    if (results.length === 1) return call('enrich_contact', { contactId: crmData(last).matches[0].id });
    return say('I proposed researching them; confirm it below.');
  }
  return say(`You said: ${question}`);
};

/** One fake model for both: the assistant's script, and `research` for the research agent. */
export const assistantOrResearch =
  (research: ChatHandler): ChatHandler =>
  (request, n) =>
    isAssistantRequest(request) ? scriptedAssistant(request, n) : research(request, n);
