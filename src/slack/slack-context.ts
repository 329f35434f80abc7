import type { AssistantService } from '../assistant/assistant.service.js';
import type { PendingActions } from '../assistant/pending-actions.js';
import type { ContactService } from '../crm/contacts/contact.service.js';
import type { ConversationService } from '../crm/conversations/conversation.service.js';
import type { FollowUpService } from '../crm/follow-ups/follow-up.service.js';
import type { DigestService } from '../digest/digest.service.js';
import type { Logger } from '../logging/logger.js';
import type { ResearchService } from '../research/research.service.js';
import type { AfterAckQueue } from './after-ack.js';
import type { AppHomePublisher } from './app-home-publisher.js';
import type { ResearchDelivery } from './research-delivery.js';
import type { SlackAuthorization } from './slack-authorization.js';

/** What the Slack listeners may use: services only; they never touch the database themselves. */
export interface SlackContext {
  contacts: ContactService;
  conversations: ConversationService;
  followUps: FollowUpService;
  digests: DigestService;
  research: ResearchService;
  delivery: ResearchDelivery;
  logger: Logger;
  clock: () => Date;
  /** RESEARCH_MAX_CONTACTS: the most people one task may ask for, and the default. */
  maxContacts: number;
  /** Who is asking and what they may do (the workspace check runs before every listener). */
  authz: SlackAuthorization;
  /** Where listeners put what they do after acknowledging Slack. */
  afterAck: AfterAckQueue;
  /** The assistant (DMs, mentions, the assistant panel) and the writes it proposed. */
  assistant: AssistantService;
  pending: PendingActions;
  /** Conversations answered at once (each waits on the model). */
  assistantQueue: AfterAckQueue;
  home: AppHomePublisher;
}
