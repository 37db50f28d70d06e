/** The price list the responder serves; the checks compute the right answer from it. */
export const PRICES: Record<string, string> = { 'A-100': '4.20', 'B-220': '12.90', 'C-310': '0.85' };

/** The response payload for a request payload (a SKU): its price, or `unknown`. */
export const answerFor = (sku: string): string => PRICES[sku] ?? 'unknown';
