import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';

/** From a message a modal opens; from a modal the next one is pushed on top (Slack allows 3). */
export async function openOrPush(client: WebClient, body: { trigger_id: string; view?: { id: string } }, view: ModalView): Promise<void> {
  if (body.view) await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}
