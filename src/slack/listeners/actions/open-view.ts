import type { ModalView } from '@slack/types';
import type { WebClient } from '@slack/web-api';

/**
 * From a message or the App Home tab a modal opens; from a modal the next one is pushed on top
 * (Slack allows 3). `views.push` needs a trigger from inside an open modal — a trigger from the
 * Home tab (whose payload also carries a `view`, of type "home") can only open one.
 * https://docs.slack.dev/reference/methods/views.push
 */
export async function openOrPush(
  client: WebClient,
  body: { trigger_id: string; view?: { id: string; type?: string } },
  view: ModalView,
): Promise<void> {
  if (body.view?.type === 'modal') await client.views.push({ trigger_id: body.trigger_id, view });
  else await client.views.open({ trigger_id: body.trigger_id, view });
}
