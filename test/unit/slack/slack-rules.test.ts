import { describe, expect, it } from 'vitest';

import {
  blocksProblems,
  liveMarkup,
  messageError,
  modalViewProblems,
  responsePayloadError,
  submissionAckProblems,
} from '../../support/slack-rules/index.js';

/** The fake's rules must refuse what Slack refuses (and accept what it accepts), or tests prove nothing. */
const pt = (text: string) => ({ type: 'plain_text', text });
const input = (blockId: string, element: Record<string, unknown>) => ({
  type: 'input',
  block_id: blockId,
  label: pt('Label'),
  element: { action_id: 'value', ...element },
});
const modal = (blocks: unknown[], over: Record<string, unknown> = {}) => ({
  type: 'modal',
  title: pt('Title'),
  submit: pt('Save'),
  blocks,
  ...over,
});
const option = (text: string, value: string) => ({ text: pt(text), value });

describe('modal views (docs.slack.dev/reference/views/modal-views)', () => {
  it('refuses an input block without submit: the first lookup modal', () => {
    expect(modalViewProblems(modal([input('search', { type: 'plain_text_input' })], { submit: undefined }))).toContain(
      'view: submit is required when an input block is within the blocks array',
    );
    expect(modalViewProblems(modal([input('search', { type: 'plain_text_input' })]))).toEqual([]);
  });
  it('refuses long titles, mrkdwn titles, empty text and long metadata', () => {
    expect(modalViewProblems(modal([], { title: pt('x'.repeat(25)) }))).not.toEqual([]);
    expect(modalViewProblems(modal([], { title: { type: 'mrkdwn', text: 'x' } }))).not.toEqual([]);
    expect(modalViewProblems(modal([{ type: 'section', text: { type: 'mrkdwn', text: '' } }]))).not.toEqual([]);
    expect(modalViewProblems(modal([], { private_metadata: 'x'.repeat(3001) }))).not.toEqual([]);
    expect(modalViewProblems(modal([], { title: pt('\ud83d') }))).toContain(
      'view.title.text: lone surrogate (broken emoji) in text',
    );
  });
  it('checks input blocks: label and hint length, allowed elements', () => {
    expect(
      modalViewProblems(modal([{ ...input('a', { type: 'plain_text_input' }), label: pt('x'.repeat(2001)) }])),
    ).not.toEqual([]);
    expect(
      modalViewProblems(modal([{ ...input('a', { type: 'plain_text_input' }), hint: pt('x'.repeat(2001)) }])),
    ).not.toEqual([]);
    expect(modalViewProblems(modal([input('a', { type: 'button', text: pt('b') })]))).toContain(
      'blocks[0].element: a button element is not allowed here',
    );
  });
});

describe('elements (docs.slack.dev/reference/block-kit/block-elements)', () => {
  it('plain_text_input: lengths up to 3000, initial value within max_length, placeholder up to 150', () => {
    expect(modalViewProblems(modal([input('a', { type: 'plain_text_input', max_length: 3001 })]))).not.toEqual([]);
    expect(modalViewProblems(modal([input('a', { type: 'plain_text_input', min_length: 3001 })]))).not.toEqual([]);
    expect(
      modalViewProblems(
        modal([input('a', { type: 'plain_text_input', max_length: 10, initial_value: 'x'.repeat(11) })]),
      ),
    ).not.toEqual([]);
    expect(
      modalViewProblems(modal([input('a', { type: 'plain_text_input', initial_value: 'x'.repeat(3001) })])),
    ).not.toEqual([]);
    expect(
      modalViewProblems(modal([input('a', { type: 'plain_text_input', placeholder: pt('x'.repeat(151)) })])),
    ).not.toEqual([]);
    expect(
      modalViewProblems(
        modal([input('a', { type: 'plain_text_input', max_length: 3000, initial_value: 'x'.repeat(3000) })]),
      ),
    ).toEqual([]);
  });
  it('static_select: 1 to 100 options, option text ≤ 75 and value ≤ 150, initial_option among the options', () => {
    const opts = (n: number) => Array.from({ length: n }, (_, i) => option(`o${i}`, `v${i}`));
    expect(modalViewProblems(modal([input('a', { type: 'static_select', options: [] })]))).not.toEqual([]);
    expect(modalViewProblems(modal([input('a', { type: 'static_select', options: opts(101) })]))).not.toEqual([]);
    expect(
      modalViewProblems(modal([input('a', { type: 'static_select', options: [option('x'.repeat(76), 'v')] })])),
    ).not.toEqual([]);
    expect(
      modalViewProblems(modal([input('a', { type: 'static_select', options: [option('x', 'v'.repeat(151))] })])),
    ).not.toEqual([]);
    expect(
      modalViewProblems(
        modal([input('a', { type: 'static_select', options: opts(3), initial_option: option('nope', 'nope') })]),
      ),
    ).toContain('blocks[0].element: initial_option is not one of the options');
    expect(
      modalViewProblems(
        modal([input('a', { type: 'static_select', options: opts(100), initial_option: option('o5', 'v5') })]),
      ),
    ).toEqual([]);
  });
  it('overflow: 2 to 5 options; datepicker: a real YYYY-MM-DD; confirm: 100/300/30/30', () => {
    const section = (accessory: unknown) => [{ type: 'section', text: { type: 'mrkdwn', text: 'x' }, accessory }];
    expect(blocksProblems(section({ type: 'overflow', options: [option('a', 'a')] }), 'message')).not.toEqual([]);
    expect(
      blocksProblems(
        section({ type: 'overflow', options: Array.from({ length: 6 }, (_, i) => option(`${i}`, `${i}`)) }),
        'message',
      ),
    ).not.toEqual([]);
    expect(blocksProblems(section({ type: 'datepicker', initial_date: '2026-02-30' }), 'message')).not.toEqual([]);
    expect(blocksProblems(section({ type: 'datepicker', initial_date: '01/12/2026' }), 'message')).not.toEqual([]);
    expect(blocksProblems(section({ type: 'datepicker', initial_date: '2026-12-01' }), 'message')).toEqual([]);
    const confirm = { title: pt('t'), text: pt('x'.repeat(301)), confirm: pt('ok'), deny: pt('no') };
    expect(blocksProblems(section({ type: 'button', text: pt('b'), confirm }), 'message')).not.toEqual([]);
    expect(
      blocksProblems(section({ type: 'button', text: pt('b'), confirm: { ...confirm, text: pt('fine') } }), 'message'),
    ).toEqual([]);
  });
});

describe('blocks and messages', () => {
  it('refuses duplicate block_ids in a message and duplicate action_ids in a block', () => {
    const s = { type: 'section', block_id: 'same', text: { type: 'mrkdwn', text: 'x' } };
    expect(blocksProblems([s, s], 'message')).toContain('blocks[1]: duplicate block_id same');
    const b = { type: 'button', action_id: 'a', text: pt('b') };
    expect(blocksProblems([{ type: 'actions', elements: [b, b] }], 'message')).toContain(
      'blocks[0]: duplicate action_id a in one block',
    );
  });
  it('measures messages as Slack does: no text and no blocks, too long, too many blocks', () => {
    expect(messageError({})?.error).toBe('no_text');
    expect(messageError({ text: 'x'.repeat(40_001) })?.error).toBe('msg_too_long');
    expect(messageError({ text: 'x', blocks: Array.from({ length: 51 }, () => ({ type: 'divider' })) })?.error).toBe(
      'invalid_blocks',
    );
    expect(
      messageError({
        text: 'x',
        blocks: Array.from({ length: 10 }, () => ({
          type: 'section',
          text: { type: 'mrkdwn', text: 'x'.repeat(2000) },
        })),
      })?.error,
    ).toBe('msg_blocks_too_long');
    expect(messageError({ text: 'broken \ud83d' })?.error).toBe('invalid_arguments');
    expect(messageError({ text: 'fine 🙂' })).toBeUndefined();
  });
  it('validates response_url payloads and finds live markup', () => {
    expect(responsePayloadError({ response_type: 'shout', text: 'x' })?.error).toBe('invalid_payload');
    expect(responsePayloadError({ text: 'x', blocks: [{ type: 'nope' }] })?.error).toBe('invalid_blocks');
    expect(liveMarkup('hi <!channel> &lt;!here&gt; <@U1> <https://x|y>')).toEqual([
      '<!channel>',
      '<@U1>',
      '<https://x|y>',
    ]);
  });
  it("checks view-submission acks: error keys are the view's input blocks, within 3 s", () => {
    const view = modal([
      input('query', { type: 'plain_text_input' }),
      { type: 'section', block_id: 'info', text: { type: 'mrkdwn', text: 'x' } },
    ]);
    expect(submissionAckProblems(view, { response_action: 'errors', errors: { query: 'bad' } }, 100)).toEqual([]);
    expect(submissionAckProblems(view, { response_action: 'errors', errors: { info: 'bad' } }, 100)).not.toEqual([]);
    expect(submissionAckProblems(view, { response_action: 'errors', errors: { fullName: 'bad' } }, 100)).not.toEqual(
      [],
    );
    expect(submissionAckProblems(view, undefined, 3_500)).not.toEqual([]);
  });
});
