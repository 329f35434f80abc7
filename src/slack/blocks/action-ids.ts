/** The action, callback and block IDs this app puts in Block Kit, in one place. */
export const ACTIONS = {
  contactView: 'contact_view',
  contactEdit: 'contact_edit',
  contactDelete: 'contact_delete',
  contactLogConversation: 'contact_log_conversation',
  contactFollowUp: 'contact_follow_up',
  contactEnrich: 'contact_enrich',
  contactSearchInput: 'contact_search_input',
  resultDismiss: 'result_dismiss',
  contactRestore: 'contact_restore',
  contactHistory: 'contact_history',
  digestFollowUp: 'digest_follow_up',
  assistantConfirm: 'assistant_confirm',
  assistantCancel: 'assistant_cancel',
  homeResearch: 'home_research',
  homeLookup: 'home_lookup',
} as const;

export const CALLBACKS = {
  contactSearch: 'contact_search',
  contactDetail: 'contact_detail',
  contactEdit: 'contact_edit',
  conversationLog: 'conversation_log',
  followUp: 'follow_up',
  researchStart: 'research_start',
  researchShortcut: 'research_shortcut',
  researchFromMessage: 'research_from_message',
  lookupShortcut: 'lookup_contact',
  contactImport: 'contact_import',
} as const;

/** Input blocks: block_id = the field name, action_id = "value". */
export const INPUT_ACTION = 'value';
