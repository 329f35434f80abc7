import type { KnownBlock, ModalView } from '@slack/types';

import type { CsvImportSummary } from '../../crm/contacts/contact.service.js';
import { CALLBACKS, INPUT_ACTION } from './action-ids.js';
import { encodeMetadata, escapeText, LIMITS, plain, truncate } from './block-kit.js';
import type { ModalMetadata } from './contact-modals.builder.js';

/** Slack's longest plain_text_input (https://docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element). */
export const PASTE_MAX_CHARS = 3000;

/** `/contacts import`: upload a CSV file or paste CSV text; optionally only preview. */
export function contactImportView(meta: ModalMetadata): ModalView {
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Upload a CSV export — LinkedIn connections, HubSpot, Google Contacts, this app’s own export — or any CSV with columns such as *name*, *email*, *company*, *title*; or paste CSV text. People whose email or LinkedIn profile is already known are merged into their contact.',
      },
    },
    {
      type: 'input',
      block_id: 'csvFile',
      optional: true,
      label: plain('CSV file', LIMITS.inputLabel),
      element: { type: 'file_input', action_id: INPUT_ACTION, filetypes: ['csv', 'txt'], max_files: 1 },
    },
    {
      type: 'input',
      block_id: 'csvText',
      optional: true,
      label: plain('…or paste CSV', LIMITS.inputLabel),
      element: {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: true,
        max_length: PASTE_MAX_CHARS,
        placeholder: plain('name,email,company\nJane Doe,jane@acme.com,Acme', LIMITS.placeholder),
      },
    },
    {
      type: 'input',
      block_id: 'dryRun',
      optional: true,
      label: plain('Preview', LIMITS.inputLabel),
      element: {
        type: 'checkboxes',
        action_id: INPUT_ACTION,
        options: [{ text: plain('Only show what would happen (nothing is saved)', 75), value: 'dryRun' }],
      },
    },
  ];
  return {
    type: 'modal',
    callback_id: CALLBACKS.contactImport,
    title: plain('Import contacts', LIMITS.modalTitle),
    submit: plain('Import', LIMITS.modalButton),
    close: plain('Cancel', LIMITS.modalButton),
    private_metadata: encodeMetadata({ ...meta }),
    blocks,
  };
}

const FORMAT_NAMES: Record<CsvImportSummary['format'], string> = {
  personablecrm: 'this app’s export',
  linkedin: 'LinkedIn connections',
  hubspot: 'HubSpot export',
  google: 'Google Contacts',
  generic: 'CSV',
};

/** The answer after an import: counts, columns left out, the first rejected lines. */
export function importResultText(source: string, summary: CsvImportSummary): string {
  const lines = [
    `${summary.dryRun ? 'Preview of' : 'Imported'} ${escapeText(truncate(source, 100))} (${FORMAT_NAMES[summary.format]}): *${summary.created}* ${summary.dryRun ? 'would be created' : 'created'}, *${summary.merged}* merged into known contacts, *${summary.rejected}* rejected.${summary.dryRun ? ' Nothing was saved.' : ''}`,
  ];
  if (summary.unmappedColumns.length > 0)
    lines.push(`Columns not imported: ${escapeText(truncate(summary.unmappedColumns.join(', '), 500))}.`);
  const rejected = summary.firstRejected.slice(0, 5);
  for (const row of rejected) {
    const why = (row.errors ?? []).map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    lines.push(`• line ${row.line ?? row.index + 2}: ${escapeText(truncate(why, 200))}`);
  }
  if (summary.rejected > rejected.length) lines.push(`…and ${summary.rejected - rejected.length} more rejected lines.`);
  return truncate(lines.join('\n'), LIMITS.sectionText);
}
