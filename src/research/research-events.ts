import { EventEmitter } from 'node:events';

import type { ResearchStage } from './agent/research-progress.js';
import type { FinishedStatus } from './task-status.js';

/** What happens to a task, as it happens: for the Slack thread and for callers that wait. */
export type ResearchEvent =
  | { type: 'progress'; taskId: string; stage: ResearchStage; message: string; progress: number }
  /** People were verified and stored while the task runs (the Slack thread shows them at once). */
  | { type: 'contacts'; taskId: string }
  | { type: 'finished'; taskId: string; status: FinishedStatus; error: string | null };

/** In-process only: another copy of the app learns of a task's end from the database. */
export class ResearchEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit(event: ResearchEvent): void {
    this.emitter.emit('event', event);
  }

  /** Returns the function that unsubscribes. */
  subscribe(listener: (event: ResearchEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
