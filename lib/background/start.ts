/** Wires the background services together. Grows with the chain data, revenue and staking services. */
export function startBackground(): void {
  // Services are registered here as they land.
}
