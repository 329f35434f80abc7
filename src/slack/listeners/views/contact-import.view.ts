import { MAX_CSV_BYTES } from '../../../crm/contacts/contact.service.js';
import { slackActor } from '../../../crm/history/contact-history.js';
import { INPUT_ACTION } from '../../blocks/action-ids.js';
import { importResultText } from '../../blocks/contact-import.builder.js';
import type { SlackContext } from '../../slack-context.js';
import { downloadSlackFile, SLACK_FILE_INPUT_MAX_BYTES } from '../../slack-files.js';
import type { ViewSubmissionCallback } from '../callbacks.js';
import { tellUser } from '../reply.js';
import { readMetadata } from '../view-metadata.js';

type ImportState = { files?: { id: string }[]; value?: string | null; selected_options?: { value: string }[] };

/**
 * The import modal submitted: a file (downloaded from Slack) or pasted text goes through the
 * API's CSV import; the person who submitted it gets the counts as an ephemeral message.
 */
export function contactImportSubmission(ctx: SlackContext): ViewSubmissionCallback {
  return async ({ ack, view, body, client }) => {
    const meta = readMetadata(view.private_metadata);
    if (!meta || meta.openedBy !== body.user.id) {
      await ack({ response_action: 'errors', errors: { csvText: 'This form was opened by someone else.' } });
      return;
    }
    const state = (block: string) => (view.state.values[block]?.[INPUT_ACTION] ?? {}) as ImportState;
    const fileId = state('csvFile').files?.[0]?.id;
    const text = state('csvText').value?.trim() ? state('csvText').value! : undefined;
    const dryRun = (state('dryRun').selected_options ?? []).some((o) => o.value === 'dryRun');
    if (!fileId && !text) {
      await ack({ response_action: 'errors', errors: { csvText: 'Upload a CSV file or paste CSV text.' } });
      return;
    }
    if (fileId && text) {
      await ack({ response_action: 'errors', errors: { csvText: 'Either a file or pasted text, not both.' } });
      return;
    }
    await ack();
    const userId = body.user.id;
    const channelId = meta.channelId;
    await ctx.afterAck.run(async () => {
      try {
        const source = fileId
          ? await downloadSlackFile(client, fileId, Math.min(MAX_CSV_BYTES, SLACK_FILE_INPUT_MAX_BYTES))
          : { name: 'the pasted text', body: [text!] };
        // Imported from Slack: owned by and recorded as the person who imported (an owner column cannot hand contacts
        // to others).
        const message = await ctx.contacts.importCsv(
          source.body,
          { dryRun, actor: slackActor(userId), ownerId: userId },
          async (summary) => importResultText(source.name, summary),
        );
        try {
          if (!channelId) throw new Error('no channel');
          await client.chat.postEphemeral({ channel: channelId, user: userId, text: message });
        } catch {
          // Not in that channel (or none known): the app's direct message with the person.
          await client.chat.postMessage({ channel: userId, text: message });
        }
      } catch (error) {
        await tellUser(error, { logger: ctx.logger, client, channelId: channelId ?? userId, userId });
      }
    });
  };
}
