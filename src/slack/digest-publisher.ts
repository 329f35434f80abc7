import type { WebClient } from '@slack/web-api';

import type { DigestData, DigestPublisher } from '../digest/digest-data.js';
import { digestMessages } from './blocks/digest.builder.js';

/** Posts digests to their channel, part by part, so a failed post resumes where it stopped. */
export class SlackDigestPublisher implements DigestPublisher {
  constructor(private readonly client: WebClient) {}

  async publish(
    data: DigestData,
    fromPart: number,
    onPartPosted: (partsPosted: number) => Promise<void>,
  ): Promise<void> {
    const parts = digestMessages(data);
    for (let i = fromPart; i < parts.length; i += 1) {
      await this.client.chat.postMessage({
        channel: data.channelId,
        text: parts[i]!.text,
        blocks: parts[i]!.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
      await onPartPosted(i + 1);
    }
  }
}
