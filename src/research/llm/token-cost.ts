import type { ResearchUsage } from './usage.js';

/**
 * Published list prices, USD per million tokens (input, cached input, output), for an estimate on
 * each task (https://openai.com/api/pricing/). OPENAI_PRICE_INPUT_PER_1M /
 * OPENAI_PRICE_OUTPUT_PER_1M (and OPENAI_PRICE_CACHED_INPUT_PER_1M) override them; unknown models
 * get no estimate rather than a wrong one.
 */
const LIST_PRICES: [prefix: string, input: number, cachedInput: number, output: number][] = [
  ['gpt-4.1-nano', 0.1, 0.025, 0.4],
  ['gpt-4.1-mini', 0.4, 0.1, 1.6],
  ['gpt-4.1', 2, 0.5, 8],
  ['gpt-4o-mini', 0.15, 0.075, 0.6],
  ['gpt-4o', 2.5, 1.25, 10],
  ['o4-mini', 1.1, 0.275, 4.4],
];

export interface ModelPrice {
  input: number;
  output: number;
  /** Cached prompt tokens; the input price when not known. */
  cachedInput?: number;
}

export function modelPrice(model: string, override?: ModelPrice): Required<ModelPrice> | undefined {
  if (override) return { cachedInput: override.input, ...override };
  // The deployment or provider prefix ("openai/gpt-4.1-mini") does not change the price list.
  const name = model.toLowerCase().replace(/^openai\//, '');
  const entry = LIST_PRICES.find(([prefix]) => name.startsWith(prefix));
  return entry ? { input: entry[1], cachedInput: entry[2], output: entry[3] } : undefined;
}

const round = (usd: number) => Math.round(usd * 1e6) / 1e6;

/** The model's share: cached prompt tokens at the cached price, the rest at the input price. */
export function estimateCostUsd(
  model: string,
  usage: Pick<ResearchUsage, 'promptTokens' | 'completionTokens'> & { cachedPromptTokens?: number },
  override?: ModelPrice,
): number | null {
  const price = modelPrice(model, override);
  if (!price) return null;
  const cached = Math.min(usage.cachedPromptTokens ?? 0, usage.promptTokens);
  return round(
    ((usage.promptTokens - cached) * price.input + cached * price.cachedInput + usage.completionTokens * price.output) /
      1_000_000,
  );
}

/** The search provider's share: searches × its price per thousand. */
export const searchCostUsd = (searchCalls: number, pricePer1k: number): number =>
  round((searchCalls * pricePer1k) / 1000);

/** What a task cost in all: the model (null when its price is unknown) plus the searches. */
export function taskCost(
  model: string,
  usage: ResearchUsage,
  prices: { model?: ModelPrice; searchPer1k: number },
): { costUsd: number | null; searchCostUsd: number } {
  const search = searchCostUsd(usage.searchCalls, prices.searchPer1k);
  const tokens = estimateCostUsd(model, usage, prices.model);
  return { costUsd: tokens === null ? null : round(tokens + search), searchCostUsd: search };
}
