/** Layout blocks, and the rules that hold across the blocks of one message or view. */
import { textObjectProblems } from './composition.js';
import { elementProblems, ELEMENTS_IN } from './elements.js';
import { isObject, maxLength, type Json, type Problems } from './rule.js';

export type Surface = 'message' | 'modal' | 'home';

/**
 * https://docs.slack.dev/reference/block-kit/blocks/section-block
 * "text: The text for the block, in the form of a text object. Minimum length for the text in this
 *  field is 1 and maximum length is 3000 characters. This field is not required if a valid array
 *  of fields objects is provided instead."
 * "fields: Required if no text is provided. ... Maximum number of items is 10. Maximum length for
 *  the text in each item is 2000 characters."
 */
function section(block: Json, at: string): Problems {
  const problems: Problems = [];
  const fields = block.fields;
  if (block.text === undefined && !(Array.isArray(fields) && fields.length > 0))
    problems.push(`${at}: needs text or fields`);
  if (block.text !== undefined) problems.push(...textObjectProblems(block.text, `${at}.text`, { max: 3000 }));
  if (fields !== undefined) {
    if (!Array.isArray(fields) || fields.length > 10) problems.push(`${at}: fields must be at most 10`);
    else fields.forEach((f, i) => problems.push(...textObjectProblems(f, `${at}.fields[${i}]`, { max: 2000 })));
  }
  if (block.accessory !== undefined)
    problems.push(...elementProblems(block.accessory, `${at}.accessory`, ELEMENTS_IN.section));
  return problems;
}

/** https://docs.slack.dev/reference/block-kit/blocks/header-block — "text: The text for the block, in the form of a plain_text text object. Maximum length for the text in this field is 150 characters." */
const header = (block: Json, at: string): Problems =>
  textObjectProblems(block.text, `${at}.text`, { max: 150, plainOnly: true });

/** https://docs.slack.dev/reference/block-kit/blocks/context-block — "elements: An array of image elements and text objects. Maximum number of items is 10." */
function context(block: Json, at: string): Problems {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length < 1 || elements.length > 10)
    return [`${at}: context needs 1 to 10 elements`];
  return elements.flatMap((e, i) =>
    isObject(e) && e.type === 'image' ? [] : textObjectProblems(e, `${at}.elements[${i}]`),
  );
}

/** https://docs.slack.dev/reference/block-kit/blocks/actions-block — "elements: An array of interactive element objects ... There is a maximum of 25 elements in each action block." */
function actions(block: Json, at: string): Problems {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length < 1 || elements.length > 25)
    return [`${at}: actions needs 1 to 25 elements`];
  return elements.flatMap((e, i) => elementProblems(e, `${at}.elements[${i}]`, ELEMENTS_IN.actions));
}

/**
 * https://docs.slack.dev/reference/block-kit/blocks/input-block
 * "label: ... must have type of plain_text. Maximum length for the text in this field is 2000 characters."
 * "hint: ... It must be a text object with a type of plain_text. Maximum length for the text in this field is 2000
 * characters."
 * "element: A block element." (the list of input elements)
 */
function input(block: Json, at: string): Problems {
  return [
    ...textObjectProblems(block.label, `${at}.label`, { max: 2000, plainOnly: true }),
    ...(block.hint !== undefined ? textObjectProblems(block.hint, `${at}.hint`, { max: 2000, plainOnly: true }) : []),
    ...elementProblems(block.element, `${at}.element`, ELEMENTS_IN.input),
  ];
}

const CHECKS: Record<string, (block: Json, at: string) => Problems> = {
  section,
  header,
  context,
  actions,
  input,
  divider: () => [],
};

/**
 * Blocks of one message (≤ 50) or one view (≤ 100).
 * https://docs.slack.dev/reference/block-kit/blocks — "You can include up to 50 blocks in each message, and 100 blocks in modals or Home tabs."
 * block_id (every block's page): "Maximum length for this field is 255 characters. block_id should
 * be unique for each message and each iteration of a message."
 * action_id (every element's page): "Should be unique among all other action_ids in the containing block."
 */
export function blocksProblems(blocks: unknown, surface: Surface): Problems {
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const max = surface === 'message' ? 50 : 100;
  const problems: Problems = [];
  if (blocks.length > max) problems.push(`more than ${max} blocks (${blocks.length})`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const at = `blocks[${i}]`;
    if (!isObject(raw)) return void problems.push(`${at}: must be a block object`);
    const check = CHECKS[String(raw.type)];
    if (!check) return void problems.push(`${at}: unknown block type ${String(raw.type)}`);
    const id = raw.block_id;
    if (id !== undefined) {
      if (typeof id !== 'string' || id.length === 0) problems.push(`${at}: block_id must be a non-empty string`);
      problems.push(...maxLength(id, 255, `${at}.block_id`));
      if (typeof id === 'string') {
        if (blockIds.has(id)) problems.push(`${at}: duplicate block_id ${id}`);
        blockIds.add(id);
      }
    }
    // https://docs.slack.dev/reference/block-kit/blocks/input-block — input blocks are for modals, Home tabs and messages; dispatch_action is only with elements that can dispatch.
    problems.push(...check(raw, at));
    const elements = [
      raw.accessory,
      raw.element,
      ...(Array.isArray(raw.elements) && raw.type === 'actions' ? raw.elements : []),
    ].filter(isObject);
    const actionIds = new Set<string>();
    for (const e of elements) {
      if (typeof e.action_id !== 'string') continue;
      if (actionIds.has(e.action_id)) problems.push(`${at}: duplicate action_id ${e.action_id} in one block`);
      actionIds.add(e.action_id);
    }
  });
  return problems;
}

/** The ids of the input blocks of a view (what view_submission errors may name). */
export function inputBlockIds(blocks: unknown): string[] {
  return Array.isArray(blocks)
    ? blocks
        .filter((b): b is Json => isObject(b) && b.type === 'input' && typeof b.block_id === 'string')
        .map((b) => b.block_id as string)
    : [];
}
