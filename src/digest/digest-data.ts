/** What a digest says: gathered by the digest service, turned into messages by a publisher. */
export interface DigestData {
  channelId: string;
  period: { start: string; timezone: string };
  window: { from: string; to: string };
  newContacts: {
    /** The research that added them, or null for imports and the API. */
    research: { taskId: string; query: string; requestedBy: string | null } | null;
    contacts: { id: string; fullName: string; title: string | null; company: string | null }[];
  }[];
  research: {
    succeeded: { id: string; query: string; requestedBy: string | null; new: number; merged: number }[];
    failed: { id: string; query: string; requestedBy: string | null; error: string | null }[];
  };
  followUps: {
    ownerId: string | null;
    contacts: { id: string; fullName: string; company: string | null; dueAt: string; overdue: boolean }[];
  }[];
}

export const isEmptyDigest = (d: DigestData): boolean =>
  d.newContacts.length === 0 && d.research.succeeded.length === 0 && d.research.failed.length === 0 && d.followUps.length === 0;

export const digestItemCount = (d: DigestData): number =>
  d.newContacts.reduce((n, g) => n + g.contacts.length, 0) + d.research.succeeded.length + d.research.failed.length + d.followUps.reduce((n, g) => n + g.contacts.length, 0);

/** Posts a digest. Parts already posted (`fromPart`) are skipped; `onPartPosted` is called after each one. */
export interface DigestPublisher {
  publish(data: DigestData, fromPart: number, onPartPosted: (partsPosted: number) => Promise<void>): Promise<void>;
}
