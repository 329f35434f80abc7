/**
 * Tool calls written as text. Small and local models often answer with the call in their message
 * instead of `tool_calls`: a bare JSON object (`{"name": "search_web", "arguments": {…}}`, or
 * `parameters` for Llama 3.x), inside a ```json fence, inside `<tool_call>…</tool_call>` (Hermes,
 * Qwen), `[TOOL_CALLS][…]` (Mistral), or a list of them. Only the named tools are taken.
 */
export interface TextToolCall {
  name: string;
  arguments: string;
}

export function parseTextToolCalls(content: string | null | undefined, toolNames: readonly string[]): TextToolCall[] {
  if (!content || content.length > 200_000) return [];
  const candidates: string[] = [];
  for (const m of content.matchAll(/<tool_call>([\s\S]*?)<\/tool_call>/g)) candidates.push(m[1]!);
  for (const m of content.matchAll(/```(?:json|tool_call|tool)?\s*([\s\S]*?)```/g)) candidates.push(m[1]!);
  const mistral = /\[TOOL_CALLS\]\s*([\s\S]*)$/.exec(content);
  if (mistral) candidates.push(mistral[1]!);
  if (candidates.length === 0) candidates.push(...balancedJson(content));
  const calls: TextToolCall[] = [];
  for (const candidate of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate.trim());
    } catch {
      continue;
    }
    for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
      const call = asCall(item, toolNames);
      if (call) calls.push(call);
    }
  }
  return calls.slice(0, 20);
}

function asCall(item: unknown, toolNames: readonly string[]): TextToolCall | undefined {
  if (!item || typeof item !== 'object') return undefined;
  const record = item as Record<string, unknown>;
  const inner =
    record.function && typeof record.function === 'object' ? (record.function as Record<string, unknown>) : record;
  const name = inner.name ?? inner.tool ?? record.tool_name;
  if (typeof name !== 'string' || !toolNames.includes(name)) return undefined;
  const args = inner.arguments ?? inner.parameters ?? inner.args ?? inner.input ?? {};
  return { name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

/** The top-level `{…}` and `[…]` spans of a text, strings and escapes respected. */
function balancedJson(text: string): string[] {
  const spans: string[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"' && depth > 0) inString = true;
    else if (c === '{' || c === '[') {
      if (depth === 0) start = i;
      depth += 1;
    } else if ((c === '}' || c === ']') && depth > 0) {
      depth -= 1;
      if (depth === 0) spans.push(text.slice(start, i + 1));
    }
  }
  return spans;
}
