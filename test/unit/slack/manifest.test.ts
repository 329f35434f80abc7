import { readFileSync } from 'node:fs';
import type { App } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { COMMAND_NAMES } from '../../../src/slack/listeners/commands/index.js';
import { registerListeners } from '../../../src/slack/listeners/index.js';
import { GLOBAL_SHORTCUTS, MESSAGE_SHORTCUTS } from '../../../src/slack/listeners/shortcuts/index.js';
import { VIEW_SUBMISSIONS } from '../../../src/slack/listeners/views/index.js';
import type { SlackContext } from '../../../src/slack/slack-context.js';

interface Manifest {
  features: {
    slash_commands: { command: string; should_escape?: boolean }[];
    shortcuts: { callback_id: string; type: 'global' | 'message' }[];
    app_home?: { messages_tab_enabled?: boolean };
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean }; event_subscriptions?: { bot_events: string[] } };
}
const manifest = parseYaml(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as Manifest;

/**
 * What the app listens to: the routing tables (each behind one Bolt listener), and the Bolt
 * listeners registered, recorded by a stand-in for Bolt's App.
 */
function listened() {
  const seen = {
    commands: [...COMMAND_NAMES],
    shortcuts: [
      ...Object.keys(GLOBAL_SHORTCUTS).map((callback_id) => ({ callback_id, type: 'shortcut' })),
      ...Object.keys(MESSAGE_SHORTCUTS).map((callback_id) => ({ callback_id, type: 'message_action' })),
    ],
    views: Object.keys(VIEW_SUBMISSIONS),
    events: [] as string[],
    /** Every Bolt listener, by kind and constraint: one per kind of input, whatever the table holds. */
    listeners: [] as string[],
  };
  const record = (kind: string) => (constraint: unknown) =>
    seen.listeners.push(`${kind} ${constraint instanceof RegExp ? String(constraint) : JSON.stringify(constraint)}`);
  const app = {
    command: record('command'),
    shortcut: record('shortcut'),
    view: record('view'),
    action: record('action'),
    // `message` events: the listener answers direct messages only (channel_type im), the manifest's message.im.
    event: (name: unknown) => typeof name === 'string' && seen.events.push(name === 'message' ? 'message.im' : name),
    // Bolt's app.message listens to `message` events: the manifest subscribes to the kinds the app reads (message.im).
    message: () => seen.events.push('message.im'),
    // Bolt's Assistant listens to these events (and to message.im for the panel's threads).
    assistant: () => seen.events.push('assistant_thread_started', 'assistant_thread_context_changed', 'message.im'),
    options: record('options'),
    use: () => undefined,
    error: () => undefined,
  };
  const logger = {
    child: () => logger,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    debug: () => undefined,
  } as unknown as SlackContext['logger'];
  registerListeners(
    app as unknown as App,
    { logger, maxContacts: 5, clock: () => new Date() } as unknown as SlackContext,
  );
  return seen;
}

describe('manifest.yml', () => {
  const seen = listened();

  it('declares exactly the slash commands the code answers', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual([...seen.commands].sort());
  });

  it('registers one Bolt listener per kind of input (Bolt runs every listener on every request)', () => {
    expect(seen.listeners.sort()).toEqual([
      'action {"type":"block_actions"}',
      'command /^/',
      'shortcut {"type":"message_action"}',
      'shortcut {"type":"shortcut"}',
      'view {"type":"view_submission"}',
    ]);
  });

  it('declares exactly the shortcuts the code answers, with their types', () => {
    const declared = manifest.features.shortcuts
      .map((s) => `${s.type === 'global' ? 'shortcut' : 'message_action'}:${s.callback_id}`)
      .sort();
    expect(declared).toEqual(seen.shortcuts.map((s) => `${s.type}:${s.callback_id}`).sort());
  });

  it('subscribes to exactly the events the code listens to', () => {
    expect([...(manifest.settings.event_subscriptions?.bot_events ?? [])].sort()).toEqual(
      [...new Set(seen.events)].sort(),
    );
  });

  it('asks for the scopes the code needs: posting where the bot was not invited, the DM fallback, the assistant, CSV files', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      'app_mentions:read',
      'assistant:write',
      'chat:write',
      'chat:write.public',
      'commands',
      'files:read',
      'im:history',
      'users:read',
    ]);
    expect(manifest.features.app_home?.messages_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('answers the submission of every modal it opens', () => {
    for (const callback of ['contact_search', 'contact_edit', 'conversation_log', 'follow_up', 'research_start'])
      expect(seen.views).toContain(callback);
  });
});
