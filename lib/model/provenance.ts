/**
 * Which figures were derived from raw storage (the node lacks the runtime API that serves them), so the
 * UI can say so next to the figures' source instead of passing them off as the API's.
 */
export function derivedFigures(items: readonly { derived?: readonly string[] }[]): string[] {
  const names = new Set<string>();
  for (const item of items) for (const name of item.derived ?? []) names.add(name);
  return [...names].sort();
}

/** "chain" or "chain (derived from storage: price, pool)". */
export function chainSourceLabel(items: readonly { derived?: readonly string[] }[]): string {
  const derived = derivedFigures(items);
  return derived.length ? `chain (derived from storage: ${derived.join(', ')})` : 'chain';
}
