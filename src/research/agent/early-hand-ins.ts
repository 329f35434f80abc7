import { StreamedContacts } from './streamed-contacts.js';
import { submitContactsTool, SubmittedContactSchema, type SubmittedContact } from './tools/submit-contacts.tool.js';

interface StreamedCall {
  scanner: StreamedContacts;
  /** Positions in the call's `contacts` handed in while it was written. */
  handedIn: Set<number>;
  replies: Promise<string>[];
}

/**
 * People handed in while the model is still writing its submit_contacts call: each person whose
 * JSON is complete is handed in at once (the first alone; those finished meanwhile together, as
 * soon as the one before is stored), so the first person is verified, stored and shown while the
 * model writes the rest of the turn. When the call is complete, the people not yet handed in
 * follow, and the model gets one reply for the whole call.
 */
export class EarlyHandIns {
  private readonly calls = new Map<number, StreamedCall>();
  private pending: { call: StreamedCall; position: number; contact: SubmittedContact }[] = [];
  private running: Promise<void> | undefined;
  private failure: Error | undefined;

  constructor(private readonly submit: (contacts: SubmittedContact[]) => Promise<string>) {}

  /** A piece of the arguments of the submit_contacts call at `index` of the turn. */
  push(index: number, piece: string): void {
    let call = this.calls.get(index);
    if (!call) this.calls.set(index, (call = { scanner: new StreamedContacts(), handedIn: new Set(), replies: [] }));
    for (const element of call.scanner.push(piece)) {
      let raw: unknown;
      try {
        raw = JSON.parse(element.json);
      } catch {
        continue;
      }
      // A person that is not valid on its own waits for the whole call (and its error message).
      const parsed = SubmittedContactSchema.safeParse(raw);
      if (parsed.success) this.pending.push({ call, position: element.index, contact: parsed.data });
    }
    this.pump();
  }

  private pump(): void {
    if (this.running || this.pending.length === 0 || this.failure !== undefined) return;
    const call = this.pending[0]!.call;
    const batch = this.pending.filter((p) => p.call === call);
    this.pending = this.pending.filter((p) => p.call !== call);
    for (const p of batch) call.handedIn.add(p.position);
    const reply = this.submit(batch.map((p) => p.contact));
    call.replies.push(reply);
    // The people written meanwhile go next, as one hand-in; `running` is replaced before it settles.
    this.running = reply
      .then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= error instanceof Error ? error : new Error(String(error));
        },
      )
      .then(() => {
        this.running = undefined;
        this.pump();
      });
  }

  /** Every early hand-in stored; the first error one of them met, if any. */
  async settle(): Promise<Error | undefined> {
    while (this.running) await this.running;
    return this.failure;
  }

  /** Was anyone of this call handed in while it was written? */
  has(index: number): boolean {
    return (this.calls.get(index)?.handedIn.size ?? 0) > 0;
  }

  /**
   * The complete call: the people not handed in yet follow (or the arguments' errors are told),
   * and the replies of all its hand-ins make one answer.
   */
  async finish(index: number, rawArguments: string): Promise<string> {
    const failure = await this.settle();
    if (failure !== undefined) throw failure;
    const call = this.calls.get(index)!;
    const replies = await Promise.all(call.replies);
    let raw: unknown;
    try {
      raw = JSON.parse(rawArguments || '{}');
    } catch {
      return [
        ...replies,
        `The rest of the arguments of ${submitContactsTool.name} were not valid JSON: hand in the people not listed above again.`,
      ].join('\n');
    }
    const prepared = submitContactsTool.prepare(raw);
    if (!prepared.ok) {
      return [
        ...replies,
        `The arguments of ${submitContactsTool.name} are not valid:\n${prepared.problems.join('\n')}\nHand in the people not listed above again, with corrected arguments.`,
      ].join('\n');
    }
    const rest = prepared.args.contacts.filter((_, position) => !call.handedIn.has(position));
    if (rest.length) replies.push(await this.submit(rest));
    return replies.join('\n');
  }
}
