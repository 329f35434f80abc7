/** Block Kit limits as Slack enforces them, for the fake Web API to enforce too. Returns the problems found. */
type Json = Record<string, unknown>;
const LIMIT = { sectionText: 3000, field: 2000, fields: 10, header: 150, buttonText: 75, buttonValue: 2000, url: 3000, id: 255, contextElements: 10, actionsElements: 25, modalText: 24, metadata: 3000 };

function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null && typeof (value as Json).text === 'string' ? ((value as Json).text as string) : '';
}

export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  const problems: string[] = [];
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  if (blocks.length > maxBlocks) problems.push(`more than ${maxBlocks} blocks (${blocks.length})`);
  blocks.forEach((raw, i) => {
    const block = raw as Json;
    const at = `blocks[${i}] (${String(block.type)})`;
    if (typeof block.block_id === 'string' && block.block_id.length > LIMIT.id) problems.push(`${at}: block_id over ${LIMIT.id}`);
    if (block.type === 'section') {
      if (textOf(block.text).length > LIMIT.sectionText) problems.push(`${at}: text over ${LIMIT.sectionText}`);
      const fields = (block.fields as unknown[] | undefined) ?? [];
      if (fields.length > LIMIT.fields) problems.push(`${at}: more than ${LIMIT.fields} fields`);
      for (const f of fields) if (textOf(f).length > LIMIT.field) problems.push(`${at}: field over ${LIMIT.field}`);
      if (!block.text && fields.length === 0) problems.push(`${at}: needs text or fields`);
      if (block.accessory) problems.push(...elementProblems(block.accessory as Json, at));
    }
    if (block.type === 'header' && textOf(block.text).length > LIMIT.header) problems.push(`${at}: header over ${LIMIT.header}`);
    if (block.type === 'context') {
      const elements = (block.elements as unknown[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > LIMIT.contextElements) problems.push(`${at}: 1 to ${LIMIT.contextElements} elements`);
      for (const e of elements) if (textOf(e).length > LIMIT.sectionText) problems.push(`${at}: element text over ${LIMIT.sectionText}`);
    }
    if (block.type === 'actions') {
      const elements = (block.elements as Json[] | undefined) ?? [];
      if (elements.length === 0 || elements.length > LIMIT.actionsElements) problems.push(`${at}: 1 to ${LIMIT.actionsElements} elements`);
      for (const e of elements) problems.push(...elementProblems(e, at));
    }
    if (block.type === 'input' && block.element) problems.push(...elementProblems(block.element as Json, at));
  });
  return problems;
}

function elementProblems(element: Json, at: string): string[] {
  const problems: string[] = [];
  if (typeof element.action_id === 'string' && element.action_id.length > LIMIT.id) problems.push(`${at}: action_id over ${LIMIT.id}`);
  if (element.type === 'button') {
    if (textOf(element.text).length > LIMIT.buttonText) problems.push(`${at}: button text over ${LIMIT.buttonText}`);
    if (typeof element.value === 'string' && element.value.length > LIMIT.buttonValue) problems.push(`${at}: button value over ${LIMIT.buttonValue}`);
    if (typeof element.url === 'string' && element.url.length > LIMIT.url) problems.push(`${at}: button url over ${LIMIT.url}`);
  }
  return problems;
}

export function viewProblems(view: Json): string[] {
  const problems = blockProblems(view.blocks, 100);
  for (const key of ['title', 'submit', 'close'] as const) if (textOf(view[key]).length > LIMIT.modalText) problems.push(`view ${key} over ${LIMIT.modalText}`);
  if (typeof view.private_metadata === 'string' && view.private_metadata.length > LIMIT.metadata) problems.push(`private_metadata over ${LIMIT.metadata}`);
  if (typeof view.callback_id === 'string' && view.callback_id.length > LIMIT.id) problems.push(`callback_id over ${LIMIT.id}`);
  if (JSON.stringify(view).length > 250_000) problems.push('view over 250 kB');
  return problems;
}
