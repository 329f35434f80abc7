/**
 * A server that cut the prompt down to its context window without saying so (Ollama does this on
 * its OpenAI-compatible endpoint: it keeps the end of the prompt and reports the kept tokens as
 * `prompt_tokens`). Seen as far fewer prompt tokens reported than were sent.
 */
export class PromptTruncatedError extends Error {
  constructor(
    readonly sentTokens: number,
    readonly reportedTokens: number,
  ) {
    super(
      `the model server read only ${reportedTokens} of about ${sentTokens} prompt tokens: its context window is too small and it cut the conversation silently. ` +
        "Raise the context length: for Ollama set OLLAMA_CONTEXT_LENGTH=32768 on the server (or num_ctx in the model's Modelfile); for vLLM --max-model-len; for LM Studio the model's context length",
    );
    this.name = 'PromptTruncatedError';
  }
}

/** Tokens in what was sent, estimated low (≈ 4.5 characters a token) so that only real cuts are caught. */
export const estimatePromptTokens = (sent: unknown): number => Math.floor(JSON.stringify(sent).length / 4.5);

/**
 * Throws when the server reported less than 60% of a low estimate of what was sent (tokenizers
 * give at least one token per ~4.5 characters of English and more for JSON), on a prompt large
 * enough to tell.
 */
export function checkPromptTruncation(sent: unknown, reportedPromptTokens: number | undefined): void {
  if (!reportedPromptTokens || reportedPromptTokens <= 0) return; // servers that report no usage cannot be checked
  const estimate = estimatePromptTokens(sent);
  if (estimate >= 1500 && reportedPromptTokens < estimate * 0.6)
    throw new PromptTruncatedError(estimate, reportedPromptTokens);
}
