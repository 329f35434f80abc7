/**
 * What makes two contacts the same person. Data, not scattered ifs: the intake reads these.
 *
 * - `MERGE_KEYS`: a shared value means the same person; the incoming contact is merged into the
 *   existing one. Checked in this order: when the keys point at different contacts, the first wins.
 * - `LIKELY_DUPLICATE_KEYS`: a shared (non-empty) combination is reported as a likely duplicate,
 *   never merged silently: two "John Smith"s at one company can be two people.
 */
export const MERGE_KEYS = ['email', 'linkedinUrl'] as const;
export type MergeKey = (typeof MERGE_KEYS)[number];

export const LIKELY_DUPLICATE_KEYS = ['nameKey', 'companyKey'] as const;

/** Email statuses from least to most trustworthy: a value is never replaced by a weaker one. */
export const EMAIL_STATUS_RANK = { unknown: 0, guessed: 1, found: 2, verified: 3 } as const;
