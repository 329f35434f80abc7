import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { readStructuredPeople } from './structured-people.js';
import type { StructuredPerson } from './structured-people.js';

/** What the agent and the verifier know about one fetched page. */
export interface ReadPage {
  url: string;
  title: string;
  /** The main content (Readability), for the model. */
  mainText: string;
  /** Everything a visitor can see, line by line, footers included: what facts are checked against. */
  visibleText: string;
  /** Addresses behind mailto: links. */
  emails: string[];
  /** Absolute http(s) link targets. */
  links: string[];
  /** People the page describes in schema.org JSON-LD, microdata or h-card. */
  people: StructuredPerson[];
  /** The page addresses an AI agent (names its tools, tells it to ignore its instructions). */
  addressesAgent: boolean;
  /** All the page's text, hidden parts included: only to explain why a name from it was refused. */
  allText: string;
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'HEAD']);
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TD', 'TH', 'TR', 'UL',
]);

/** Phrases a page uses when it talks to an AI agent rather than to a reader. */
const AGENT_DIRECTED = [
  /\bignore (all |any )?(the )?(previous|prior|above|earlier) (instructions|prompts?)\b/i,
  /\bdisregard (all |any )?(the )?(previous|prior|above|your) (instructions|rules)\b/i,
  /\b(search_web|fetch_page|submit_contacts)\b/,
  /\b(system prompt|you are an? (ai|assistant|language model|llm))\b/i,
  /\b(new|updated) instructions for (the )?(ai|assistant|agent|model)\b/i,
];

type Node = { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<Node> };
type ElementLike = Node & { getAttribute(name: string): string | null; hasAttribute(name: string): boolean };

function isHidden(element: ElementLike): boolean {
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  const style = (element.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');
  return style.includes('display:none') || style.includes('visibility:hidden') || /font-size:0(px|em|rem|%)?(;|$)/.test(style);
}

/** Text a visitor sees, with a line break after each block so "Jane Doe" and "Head of Sales" stay apart. */
function visibleTextOf(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      parts.push(node.textContent ?? '');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    if (node.nodeType === 1) {
      if (SKIPPED.has(node.nodeName.toUpperCase()) || isHidden(node as ElementLike)) return;
    }
    const block = BLOCKS.has(node.nodeName.toUpperCase());
    if (block) parts.push('\n');
    for (const child of Array.from(node.childNodes)) walk(child);
    if (block) parts.push('\n');
  };
  walk(root);
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

export function readPage(url: string, body: string, contentType: string): ReadPage {
  if (!/html/i.test(contentType) && !/^\s*</.test(body)) {
    const text = body.replace(/\r\n?/g, '\n');
    return { url, title: '', mainText: text, visibleText: text, emails: [], links: [], people: [], addressesAgent: AGENT_DIRECTED.some((p) => p.test(text)), allText: text };
  }
  const { document } = parseHTML(body);
  const title = (document.querySelector('title')?.textContent ?? '').trim();
  // Structured data and links first: Readability rewrites the document.
  const people = readStructuredPeople(document, url);
  const links: string[] = [];
  const emails: string[] = [];
  for (const anchor of Array.from(document.querySelectorAll('a[href]')) as ElementLike[]) {
    const href = (anchor.getAttribute('href') ?? '').trim();
    if (/^mailto:/i.test(href)) {
      const address = decodeURIComponent(href.slice(7).split('?')[0] ?? '').trim();
      if (address) emails.push(address);
      continue;
    }
    try {
      const absolute = new URL(href, url);
      if (absolute.protocol === 'http:' || absolute.protocol === 'https:') links.push(absolute.toString());
    } catch {
      // not a link we can follow
    }
  }
  const visibleText = visibleTextOf(document as unknown as Node);
  // Injected instructions hide in invisible text, comments and attributes: look at the raw page.
  const allText = body.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');
  let mainText = visibleText;
  try {
    const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], { charThreshold: 200 }).parse();
    if (article?.content) {
      const { document: articleDoc } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
      const text = visibleTextOf(articleDoc as unknown as Node);
      if (text.length > 200) mainText = text;
    }
  } catch {
    // Readability gives up on some pages; the visible text stands in.
  }
  return { url, title, mainText, visibleText, emails: [...new Set(emails)], links: [...new Set(links)], people, addressesAgent: AGENT_DIRECTED.some((p) => p.test(allText)), allText };
}
