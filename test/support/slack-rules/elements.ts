/** Block elements this app uses (and the common rules of all interactive ones). */
import { confirmProblems, optionProblems, sameOption, textObjectProblems } from './composition.js';
import { isObject, length, maxLength, type Json, type Problems } from './rule.js';

/** Every interactive element: "action_id ... Maximum length is 255 characters." (each element's page, e.g. https://docs.slack.dev/reference/block-kit/block-elements/button-element) */
function common(element: Json, at: string): Problems {
  const problems = maxLength(element.action_id, 255, `${at}.action_id`);
  if (element.confirm !== undefined) problems.push(...confirmProblems(element.confirm, `${at}.confirm`));
  return problems;
}

/**
 * "placeholder: A plain_text only text object ... Maximum length for the text in this field is 150 characters." (select
 * menus, inputs, datepicker pages)
 */
const placeholder = (element: Json, at: string): Problems =>
  element.placeholder === undefined
    ? []
    : textObjectProblems(element.placeholder, `${at}.placeholder`, { max: 150, plainOnly: true });

/**
 * https://docs.slack.dev/reference/block-kit/block-elements/button-element
 * "text: A text object that defines the button's text. Can only be of type: plain_text. text may
 *  truncate with ~30 characters. Maximum length for the text in this field is 75 characters."
 * "url: ... Maximum length is 3000 characters." "value: ... Maximum length is 2000 characters."
 * "style: ... primary ... danger"
 */
function button(element: Json, at: string): Problems {
  return [
    ...textObjectProblems(element.text, `${at}.text`, { max: 75, plainOnly: true }),
    ...maxLength(element.value, 2000, `${at}.value`),
    ...maxLength(element.url, 3000, `${at}.url`),
    ...(element.style !== undefined && element.style !== 'primary' && element.style !== 'danger'
      ? [`${at}: style must be primary or danger`]
      : []),
  ];
}

/**
 * https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element
 * "min_length: ... Acceptable values for this field are between 0 and 3000, inclusive."
 * "max_length: ... Acceptable values for this field are between 1 and 3000, inclusive."
 * An initial_value the input could not hold (longer than max_length, or 3000) is refused by
 * views.open/update as invalid_arguments.
 */
function plainTextInput(element: Json, at: string): Problems {
  const problems = placeholder(element, at);
  const { min_length: min, max_length: max, initial_value: initial } = element;
  if (min !== undefined && (typeof min !== 'number' || !Number.isInteger(min) || min < 0 || min > 3000))
    problems.push(`${at}: min_length must be 0 to 3000`);
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 3000))
    problems.push(`${at}: max_length must be 1 to 3000`);
  if (typeof min === 'number' && typeof max === 'number' && min > max)
    problems.push(`${at}: min_length above max_length`);
  if (initial !== undefined && typeof initial !== 'string') problems.push(`${at}: initial_value must be a string`);
  if (typeof initial === 'string') {
    const limit = typeof max === 'number' ? Math.min(max, 3000) : 3000;
    if (length(initial) > limit)
      problems.push(`${at}: initial_value (${length(initial)}) longer than max_length ${limit}`);
  }
  return problems;
}

/**
 * https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element#static_select
 * "options: An array of option objects. Maximum number of options is 100."
 * "initial_option: A single option that exactly matches one of the options within options or option_groups."
 * "If option_groups is specified, this field should not be."
 */
function staticSelect(element: Json, at: string): Problems {
  const problems = placeholder(element, at);
  const options = element.options;
  if (!Array.isArray(options) || options.length < 1) problems.push(`${at}: options must hold 1 to 100 options`);
  else {
    if (options.length > 100) problems.push(`${at}: more than 100 options (${options.length})`);
    options.forEach((o, i) => problems.push(...optionProblems(o, `${at}.options[${i}]`)));
    if (element.initial_option !== undefined && !options.some((o) => sameOption(o, element.initial_option)))
      problems.push(`${at}: initial_option is not one of the options`);
  }
  return problems;
}

/**
 * https://docs.slack.dev/reference/block-kit/block-elements/overflow-menu-element
 * "options: An array of up to five option objects to display in the menu." — and an overflow
 * with fewer than 2 options is refused (Slack's Block Kit Builder: "must provide at least 2 items").
 */
function overflow(element: Json, at: string): Problems {
  const options = element.options;
  if (!Array.isArray(options) || options.length < 2 || options.length > 5)
    return [`${at}: overflow needs 2 to 5 options`];
  return options.flatMap((o, i) => optionProblems(o, `${at}.options[${i}]`, { allowUrl: true }));
}

/**
 * https://docs.slack.dev/reference/block-kit/block-elements/date-picker-element
 * "initial_date: The initial date that is selected when the element is loaded. This should be in
 *  the format YYYY-MM-DD."
 */
function datepicker(element: Json, at: string): Problems {
  const problems = placeholder(element, at);
  const date = element.initial_date;
  if (date !== undefined) {
    const valid =
      typeof date === 'string' &&
      /^\d{4}-\d{2}-\d{2}$/.test(date) &&
      !Number.isNaN(Date.parse(`${date}T00:00:00Z`)) &&
      new Date(`${date}T00:00:00Z`).toISOString().startsWith(date);
    if (!valid) problems.push(`${at}: initial_date must be a real date as YYYY-MM-DD`);
  }
  return problems;
}

/** https://docs.slack.dev/reference/block-kit/block-elements/select-menu-element#conversations_select */
function conversationsSelect(element: Json, at: string): Problems {
  const problems = placeholder(element, at);
  if (isObject(element.filter) && Array.isArray(element.filter.include)) {
    for (const kind of element.filter.include)
      if (!['im', 'mpim', 'private', 'public'].includes(String(kind)))
        problems.push(`${at}: filter.include has an unknown kind ${String(kind)}`);
  }
  return problems;
}

const CHECKS: Record<string, (element: Json, at: string) => Problems> = {
  button,
  plain_text_input: plainTextInput,
  static_select: staticSelect,
  overflow,
  datepicker,
  conversations_select: conversationsSelect,
};

/**
 * Element types each block may hold (the blocks' reference pages: section "accessory", actions "elements", input
 * "element").
 */
export const ELEMENTS_IN = {
  // https://docs.slack.dev/reference/block-kit/blocks/section-block — "accessory: One of the compatible element objects"
  section: [
    'button',
    'checkboxes',
    'datepicker',
    'image',
    'multi_static_select',
    'multi_external_select',
    'multi_users_select',
    'multi_conversations_select',
    'multi_channels_select',
    'overflow',
    'radio_buttons',
    'static_select',
    'external_select',
    'users_select',
    'conversations_select',
    'channels_select',
    'timepicker',
    'workflow_button',
  ],
  // https://docs.slack.dev/reference/block-kit/blocks/actions-block — "elements: An array of interactive element objects"
  actions: [
    'button',
    'checkboxes',
    'datepicker',
    'datetimepicker',
    'multi_static_select',
    'multi_external_select',
    'multi_users_select',
    'multi_conversations_select',
    'multi_channels_select',
    'overflow',
    'radio_buttons',
    'static_select',
    'external_select',
    'users_select',
    'conversations_select',
    'channels_select',
    'timepicker',
    'workflow_button',
    'rich_text_input',
  ],
  // https://docs.slack.dev/reference/block-kit/blocks/input-block — "element: ... Checkboxes, Date picker, Datetime picker, Email input, File input, Multi-select menus, Number input, Plain-text input, Radio buttons, Rich text input, Select menus, Time picker, URL input"
  input: [
    'checkboxes',
    'datepicker',
    'datetimepicker',
    'email_text_input',
    'file_input',
    'multi_static_select',
    'multi_external_select',
    'multi_users_select',
    'multi_conversations_select',
    'multi_channels_select',
    'number_input',
    'plain_text_input',
    'radio_buttons',
    'rich_text_input',
    'static_select',
    'external_select',
    'users_select',
    'conversations_select',
    'channels_select',
    'timepicker',
    'url_text_input',
  ],
} as const;

export function elementProblems(value: unknown, at: string, allowed: readonly string[]): Problems {
  if (!isObject(value)) return [`${at}: must be an element object`];
  const type = String(value.type);
  if (!allowed.includes(type)) return [`${at}: a ${type} element is not allowed here`];
  return [...common(value, at), ...(CHECKS[type]?.(value, at) ?? [])];
}
