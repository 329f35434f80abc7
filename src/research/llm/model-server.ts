/**
 * What the OpenAI-compatible server behind OPENAI_BASE_URL supports, from its address. Chat
 * Completions with function tools is the one path they all share; strict schemas and a forced
 * `tool_choice` are OpenAI's (and Azure's) features, which other servers reject or ignore.
 */
export interface ModelServer {
  kind: 'openai' | 'azure' | 'openrouter' | 'ollama' | 'other';
  /** Function schemas with `strict: true` (https://platform.openai.com/docs/guides/function-calling#strict-mode). */
  strictTools: boolean;
  /** A named `tool_choice` is honoured (Ollama ignores it: https://github.com/ollama/ollama/blob/main/docs/openai.md). */
  toolChoice: boolean;
}

export function modelServerOf(baseUrl: string | undefined): ModelServer {
  let host = 'api.openai.com';
  let port = '';
  try {
    if (baseUrl) ({ hostname: host, port } = new URL(baseUrl));
  } catch {
    host = '';
  }
  host = host.toLowerCase();
  if (host === 'api.openai.com') return { kind: 'openai', strictTools: true, toolChoice: true };
  if (host.endsWith('.openai.azure.com') || host.endsWith('.cognitiveservices.azure.com'))
    return { kind: 'azure', strictTools: true, toolChoice: true };
  if (host === 'openrouter.ai') return { kind: 'openrouter', strictTools: false, toolChoice: true };
  if (port === '11434' || host.includes('ollama')) return { kind: 'ollama', strictTools: false, toolChoice: false };
  return { kind: 'other', strictTools: false, toolChoice: true };
}
