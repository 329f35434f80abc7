/**
 * Published list prices, USD per million tokens (input, output), for an estimate on each task.
 * OPENAI_PRICE_INPUT_PER_1M / OPENAI_PRICE_OUTPUT_PER_1M override them; unknown models get no
 * estimate rather than a wrong one.
 */
const LIST_PRICES: [prefix: string, input: number, output: number][] = [
  ['gpt-4.1-nano', 0.1, 0.4],
  ['gpt-4.1-mini', 0.4, 1.6],
  ['gpt-4.1', 2, 8],
  ['gpt-4o-mini', 0.15, 0.6],
  ['gpt-4o', 2.5, 10],
  ['o4-mini', 1.1, 4.4],
];

export function estimateCostUsd(
  model: string,
  usage: { promptTokens: number; completionTokens: number },
  override?: { input: number; output: number },
): number | null {
  const price = override ?? (() => {
    const entry = LIST_PRICES.find(([prefix]) => model.toLowerCase().startsWith(prefix));
    return entry ? { input: entry[1], output: entry[2] } : undefined;
  })();
  if (!price) return null;
  return Math.round(((usage.promptTokens * price.input + usage.completionTokens * price.output) / 1_000_000) * 1e6) / 1e6;
}
