/**
 * Slack's message text as the person wrote it: the bot's own mention removed, links and mentions
 * of others in readable form, and Slack's three escapes (&amp; &lt; &gt;) undone.
 * https://docs.slack.dev/messaging/formatting-message-text#escaping
 */
export function questionText(text: string, botUserId: string | undefined): string {
  return text
    .replace(botUserId ? new RegExp(`<@${botUserId}(\\|[^>]*)?>`, 'g') : /(?!)/g, ' ')
    .replace(/<((?:https?|mailto):[^|>]+)\|([^>]+)>/g, '$2 ($1)')
    .replace(/<((?:https?|mailto):[^>]+)>/g, '$1')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<!([a-z]+)(\|[^>]*)?>/g, '@$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}
