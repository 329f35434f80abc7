import { ResearchTaskStatus } from '../db/enums.js';

/** A research task's status: the schema's enum ResearchTaskStatus (prisma/schema.prisma) is the one list. */
export type TaskStatus = ResearchTaskStatus;

/** Every status, in the schema's order. */
export const TASK_STATUSES = Object.values(ResearchTaskStatus);

/** A task that still has work ahead of it: waiting for a worker or being worked on. */
export const ACTIVE_STATUSES = [ResearchTaskStatus.queued, ResearchTaskStatus.running];
export type ActiveStatus = (typeof ACTIVE_STATUSES)[number];

/** A task whose work is over, one way or another: every status that is not active. */
export type FinishedStatus = Exclude<TaskStatus, ActiveStatus>;
export const isFinished = (status: TaskStatus): status is FinishedStatus =>
  !ACTIVE_STATUSES.some((active) => active === status);
export const FINISHED_STATUSES: FinishedStatus[] = TASK_STATUSES.filter(isFinished);
