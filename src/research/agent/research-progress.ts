/** What the agent is doing, for the task's progress line and the Slack thread. */
export type ResearchStage = 'searching' | 'reading' | 'thinking' | 'verifying' | 'saving';

export interface ResearchProgress {
  stage: ResearchStage;
  message: string;
}
