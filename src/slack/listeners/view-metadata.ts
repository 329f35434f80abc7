import type { ModalMetadata } from '../blocks/contact-modals.builder.js';

/** A modal's private_metadata, or undefined when it is not one of ours (or was tampered with). */
export function readMetadata(raw: string | undefined): ModalMetadata | undefined {
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<ModalMetadata>;
    if (typeof value.openedBy !== 'string') return undefined;
    const str = (v: unknown) => (typeof v === 'string' && v.length <= 255 ? v : undefined);
    return {
      openedBy: value.openedBy,
      contactId: str(value.contactId),
      parentViewId: str(value.parentViewId),
      channelId: str(value.channelId),
      threadTs: str(value.threadTs),
    };
  } catch {
    return undefined;
  }
}
