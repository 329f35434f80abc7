import type { ContactDetailView } from '../crm/contacts/contact.schemas.js';
import type { ResearchRequest } from '../research/research-task.schemas.js';

/**
 * What to research to learn more about one known contact. Until a dedicated enrichment service
 * exists this is a research brief from the contact's name and company; swap this one function
 * for the enrichment service when it lands.
 */
export function enrichmentRequest(contact: Pick<ContactDetailView, 'fullName' | 'company' | 'title' | 'location'>): ResearchRequest {
  const who = [contact.fullName, contact.title].filter(Boolean).join(', ');
  return {
    query: `${who}${contact.company ? ` at ${contact.company}` : ''}: current role, work email, LinkedIn profile`.slice(0, 500),
    maxContacts: 1,
    company: contact.company ?? null,
    location: contact.location ?? null,
  };
}
