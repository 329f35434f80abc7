import type { AppOverrides } from '../../src/app.js';
import { scriptedResearcher, type ChatHandler } from './fake-openai.js';
import { interaction, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET, startFakeSlack, type FakeSlack } from './fake-slack.js';
import { startResearchRig, type ResearchTestRig } from './research-app.js';
import { fixtureSubmission } from './research-fixtures.js';
import type { ScratchDatabase } from './scratch-database.js';

export interface SlackTestRig extends ResearchTestRig {
  slack: FakeSlack;
}

/** The whole app with Slack on (HTTP mode unless `socket`), research on the fixture web, all on loopback. */
export async function startSlackRig(
  options: {
    handler?: (rig: () => SlackTestRig) => ChatHandler;
    env?: Record<string, string>;
    socket?: boolean;
    latencyMs?: number;
    overrides?: AppOverrides;
    database?: () => Promise<ScratchDatabase>;
  } & Pick<Parameters<typeof startResearchRig>[1] & object, 'model' | 'web'> = {},
): Promise<SlackTestRig> {
  const slack = await startFakeSlack();
  let rig: SlackTestRig;
  const handler =
    options.handler?.(() => rig) ??
    scriptedResearcher({
      pages: () => ['/ledgerly/team', '/ledgerly/press'].map((p) => rig.web.base + p),
      submit: () => fixtureSubmission(rig.web.base).slice(0, 3),
    });
  const research = await startResearchRig(handler, {
    latencyMs: options.latencyMs,
    database: options.database,
    model: options.model,
    web: options.web,
    env: {
      SLACK_BOT_TOKEN,
      SLACK_SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      ...(options.socket ? { SLACK_APP_TOKEN: 'xapp-test-app-token' } : {}),
      ...options.env,
    },
    overrides: { slackDelivery: { pollMs: 100, retryMs: 200 }, ...options.overrides },
  });
  rig = {
    ...research,
    slack,
    close: async () => {
      await research.close();
      await slack.close();
    },
  };
  return rig;
}

// Where most tests that wait on Slack have long imported it from.
export { eventually } from './eventually.js';

/**
 * A submission of the contact edit form, written by hand rather than from a view Slack opened: what
 * a forged or cross-workspace request looks like (the form's callback and metadata as the app sets them).
 */
export function contactEditSubmission(input: {
  user: { id: string; team_id: string };
  team: { id: string };
  viewId: string;
  contactId: string;
  fullName: string;
}): string {
  return interaction({
    type: 'view_submission',
    user: input.user,
    team: input.team,
    api_app_id: 'A0TEST',
    view: {
      id: input.viewId,
      team_id: input.team.id,
      callback_id: 'contact_edit',
      hash: 'h',
      private_metadata: JSON.stringify({ openedBy: input.user.id, contactId: input.contactId }),
      state: { values: { fullName: { value: { type: 'plain_text_input', value: input.fullName } } } },
    },
  });
}
