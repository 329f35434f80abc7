/** Composition objects: text, option, confirmation dialog. */
import { isObject, length, maxLength, type Problems } from './rule.js';

/**
 * A text object. https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 * "type: The formatting to use for this text object. Can be one of plain_text or mrkdwn."
 * "text: The text for the block. ... The minimum length is 1 and maximum length is 3000 characters."
 * Fields documented as "plain_text only" refuse mrkdwn.
 */
export function textObjectProblems(
  value: unknown,
  at: string,
  options: { max?: number; plainOnly?: boolean; required?: boolean } = {},
): Problems {
  if (value === undefined || value === null)
    return options.required === false ? [] : [`${at}: a text object is required`];
  if (!isObject(value)) return [`${at}: must be a text object`];
  const problems: Problems = [];
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn') problems.push(`${at}: type must be plain_text or mrkdwn`);
  if (options.plainOnly && value.type !== 'plain_text') problems.push(`${at}: must be plain_text`);
  if (typeof value.text !== 'string') return [...problems, `${at}: text must be a string`];
  if (length(value.text) < 1) problems.push(`${at}: text must not be empty`);
  problems.push(...maxLength(value.text, Math.min(options.max ?? 3000, 3000), `${at}.text`));
  if (value.type === 'plain_text' && 'verbatim' in value) problems.push(`${at}: verbatim is only for mrkdwn`);
  return problems;
}

/**
 * An option object. https://docs.slack.dev/reference/block-kit/composition-objects/option-object
 * "text: ... Maximum length for the text in this field is 75 characters."
 * "value: A unique string value that will be passed to your app when this option is chosen.
 *  Maximum length for this field is 150 characters."
 * "description: ... Maximum length for the text in this field is 75 characters."
 * "url: ... only available in overflow menus. Maximum length for this field is 3000 characters."
 * Options in select menus and overflows take plain_text only.
 */
export function optionProblems(value: unknown, at: string, options: { allowUrl?: boolean } = {}): Problems {
  if (!isObject(value)) return [`${at}: must be an option object`];
  const problems = textObjectProblems(value.text, `${at}.text`, { max: 75, plainOnly: true });
  if (typeof value.value !== 'string') problems.push(`${at}: value must be a string`);
  problems.push(...maxLength(value.value, 150, `${at}.value`));
  if (value.description !== undefined)
    problems.push(...textObjectProblems(value.description, `${at}.description`, { max: 75, plainOnly: true }));
  if (value.url !== undefined) {
    if (!options.allowUrl) problems.push(`${at}: url is only for overflow menu options`);
    problems.push(...maxLength(value.url, 3000, `${at}.url`));
  }
  return problems;
}

/**
 * A confirmation dialog. https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
 * "title: A plain_text text object that defines the dialog's title. Maximum length for this field is 100 characters."
 * "text: A plain_text text object that defines the explanatory text ... Maximum length for the text in this field is
 * 300 characters."
 * "confirm / deny: A plain_text text object ... Maximum length for the text in this field is 30 characters."
 * "style: Defines the color scheme applied to the confirm button ... danger ... primary".
 */
export function confirmProblems(value: unknown, at: string): Problems {
  if (!isObject(value)) return [`${at}: must be a confirmation dialog object`];
  return [
    ...textObjectProblems(value.title, `${at}.title`, { max: 100, plainOnly: true }),
    ...textObjectProblems(value.text, `${at}.text`, { max: 300, plainOnly: true }),
    ...textObjectProblems(value.confirm, `${at}.confirm`, { max: 30, plainOnly: true }),
    ...textObjectProblems(value.deny, `${at}.deny`, { max: 30, plainOnly: true }),
    ...(value.style !== undefined && value.style !== 'danger' && value.style !== 'primary'
      ? [`${at}: style must be danger or primary`]
      : []),
  ];
}

export const optionValue = (option: unknown): unknown => (isObject(option) ? option.value : undefined);
export const sameOption = (a: unknown, b: unknown): boolean =>
  isObject(a) &&
  isObject(b) &&
  a.value === b.value &&
  isObject(a.text) &&
  isObject(b.text) &&
  a.text.text === b.text.text;
