/** Block Kit limits as Slack enforces them (see ./slack-rules/), in the shape older tests use. */
import { blocksProblems, modalViewProblems, type Json } from './slack-rules/index.js';

export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  return blocksProblems(blocks, maxBlocks > 50 ? 'modal' : 'message');
}

export function viewProblems(view: Json): string[] {
  return modalViewProblems(view);
}
