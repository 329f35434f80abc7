/**
 * Slack's documented rules, one module per kind of thing (views, blocks, elements, composition
 * objects, messages and response_url payloads), for the fake Web API to enforce. Add a method's
 * rules next to these (a new module, or a check in the one it belongs to) and call them from the
 * fake's transport: test/support/fake-slack.ts.
 */
export { blocksProblems, inputBlockIds } from './blocks.js';
export type { Surface } from './blocks.js';
export { confirmProblems, optionProblems, textObjectProblems } from './composition.js';
export { elementProblems } from './elements.js';
export {
  liveMarkup,
  MESSAGE_BLOCKS_CHARS,
  messageError,
  renderedTexts,
  responsePayloadError,
  RESPONSE_URL_MS,
  RESPONSE_URL_USES,
} from './messages.js';
export { hasLoneSurrogate, loneSurrogateProblems } from './rule.js';
export type { Json, Problems } from './rule.js';
export { modalViewProblems, submissionAckProblems } from './views.js';
