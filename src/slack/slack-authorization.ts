import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';

import { slackPrincipal, type Principal } from '../crm/permissions/contact-access.js';
import type { Logger } from '../logging/logger.js';

const ADMIN_CACHE_MS = 5 * 60_000;
export const OTHER_WORKSPACE_TEXT =
  'This CRM belongs to another Slack workspace, so I cannot act on requests from here.';

/** The workspace (and Enterprise Grid org) ids a Slack payload names, wherever its kind puts them. */
export function payloadTeams(body: Record<string, unknown>): { teams: string[]; enterprise: string | undefined } {
  const teams = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === 'string' && v !== '') teams.add(v);
  };
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  add(body.team_id);
  add(obj(body.team).id);
  add(obj(body.user).team_id);
  add(obj(body.view).team_id);
  // Events: in a Slack Connect channel the author may belong to another organisation
  // (https://docs.slack.dev/apis/slack-connect/using-slack-connect-api-methods — user_team / source_team):
  // their messages and mentions name their own team here, and are refused like any other workspace's.
  const event = obj(body.event);
  add(event.user_team);
  add(event.source_team);
  add(event.team);
  const enterprise =
    (typeof body.enterprise_id === 'string' && body.enterprise_id) ||
    (obj(body.enterprise).id as string | undefined) ||
    undefined;
  return { teams: [...teams], enterprise };
}

/**
 * Who a Slack request comes from and what they may do: requests from a workspace other than the
 * one the bot token is installed in (from `auth.test`) are refused before any listener runs;
 * Slack users are CRM admins when listed in SLACK_ADMIN_USER_IDS or — with
 * SLACK_WORKSPACE_ADMINS_ARE_ADMINS — when `users.info` says they administer or own the workspace.
 */
export class SlackAuthorization {
  private installed: Promise<{ teamId: string; enterpriseId: string | undefined }> | undefined;
  private readonly adminCache = new Map<string, { admin: boolean; until: number }>();

  constructor(
    private readonly deps: {
      client: WebClient;
      adminUserIds: readonly string[];
      workspaceAdminsAreAdmins: boolean;
      logger: Logger;
    },
  ) {}

  /** The installed workspace, asked of Slack once (again after a failure). */
  installedWorkspace(): Promise<{ teamId: string; enterpriseId: string | undefined }> {
    this.installed ??= this.deps.client.auth.test().then(
      (r) => ({
        teamId: String(r.team_id ?? ''),
        enterpriseId: typeof r.enterprise_id === 'string' && r.enterprise_id ? r.enterprise_id : undefined,
      }),
      (error: unknown) => {
        this.installed = undefined;
        throw error;
      },
    );
    return this.installed;
  }

  /** Whether a payload comes from the installed workspace (every team it names must be ours). */
  async fromInstalledWorkspace(body: Record<string, unknown>): Promise<boolean> {
    const { teams, enterprise } = payloadTeams(body);
    const installed = await this.installedWorkspace();
    if (teams.length === 0) return false;
    // An org-wide install on Enterprise Grid serves every workspace of its org.
    if (installed.enterpriseId && enterprise === installed.enterpriseId && !installed.teamId) return true;
    return teams.every((t) => t === installed.teamId);
  }

  async principal(userId: string): Promise<Principal> {
    return slackPrincipal(userId, await this.isAdmin(userId));
  }

  private async isAdmin(userId: string): Promise<boolean> {
    if (this.deps.adminUserIds.includes(userId)) return true;
    if (!this.deps.workspaceAdminsAreAdmins) return false;
    const cached = this.adminCache.get(userId);
    if (cached && cached.until > Date.now()) return cached.admin;
    try {
      const info = await this.deps.client.users.info({ user: userId });
      const user = info.user;
      const admin = Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
      this.adminCache.set(userId, { admin, until: Date.now() + ADMIN_CACHE_MS });
      return admin;
    } catch (error) {
      this.deps.logger.warn(
        { err: error, userId },
        'could not ask Slack whether this user is a workspace admin; treating them as a member',
      );
      return false;
    }
  }

  /** Bolt global middleware: refuses payloads from other workspaces, in plain words where Slack lets us answer. */
  workspaceGuard(): Middleware<AnyMiddlewareArgs> {
    return async (args) => {
      const body = args.body as unknown as Record<string, unknown>;
      // Bolt's own checks (url_verification, ssl_check) carry no team.
      if (body.type === 'url_verification' || body.ssl_check) {
        await args.next();
        return;
      }
      let ours = false;
      try {
        ours = await this.fromInstalledWorkspace(body);
      } catch (error) {
        this.deps.logger.error(
          { err: error },
          'could not learn the installed workspace (auth.test); refusing the request',
        );
      }
      if (ours) {
        await args.next();
        return;
      }
      this.deps.logger.warn(
        { teams: payloadTeams(body).teams, type: body.type ?? body.command },
        'Slack request from another workspace refused',
      );
      const ack = (args as { ack?: (response?: unknown) => Promise<void> }).ack;
      if (!ack) return;
      if (typeof body.command === 'string') {
        await ack({ response_type: 'ephemeral', text: OTHER_WORKSPACE_TEXT });
        return;
      }
      await ack();
      const respond = (args as { respond?: (message: unknown) => Promise<unknown> }).respond;
      if (respond && typeof body.response_url === 'string')
        await respond({ response_type: 'ephemeral', replace_original: false, text: OTHER_WORKSPACE_TEXT }).catch(
          () => undefined,
        );
    };
  }
}
