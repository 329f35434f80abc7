import OpenAI from 'openai';

import type { LlmConfig } from '../../config/config.js';

/** The SDK against any OpenAI-compatible server; it retries 408/409/429/5xx with backoff itself. */
export function createOpenAIClient(config: LlmConfig): OpenAI {
  return new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    maxRetries: config.maxRetries,
  });
}
