/** What one research task spent, counted as it goes (so a failed task still reports it). */
export interface ResearchUsage {
  promptTokens: number;
  /** Of the prompt tokens, those the server read from its prompt cache (billed lower). */
  cachedPromptTokens: number;
  completionTokens: number;
  modelCalls: number;
  /** Web searches made (each billed by the search provider). */
  searchCalls: number;
}

export const emptyUsage = (): ResearchUsage => ({
  promptTokens: 0,
  cachedPromptTokens: 0,
  completionTokens: 0,
  modelCalls: 0,
  searchCalls: 0,
});

/** Adds one Chat Completions / Responses usage block (either API's field names) to `usage`. */
export function addModelUsage(
  usage: ResearchUsage,
  reported:
    | {
        prompt_tokens?: number;
        completion_tokens?: number;
        prompt_tokens_details?: { cached_tokens?: number | null } | null;
        input_tokens?: number;
        output_tokens?: number;
        input_tokens_details?: { cached_tokens?: number | null } | null;
      }
    | null
    | undefined,
): void {
  usage.modelCalls += 1;
  if (!reported) return;
  usage.promptTokens += nonNegative(reported.prompt_tokens ?? reported.input_tokens);
  usage.completionTokens += nonNegative(reported.completion_tokens ?? reported.output_tokens);
  usage.cachedPromptTokens += nonNegative(
    reported.prompt_tokens_details?.cached_tokens ?? reported.input_tokens_details?.cached_tokens,
  );
}

const nonNegative = (n: unknown): number => (typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0);
