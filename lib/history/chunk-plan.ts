/**
 * What one save of a history stored an item per period does to storage: the period items to (re)write, the periods
 * to remove, and the index after it. Planned by each history's pure rules (price-history-chunks.ts,
 * lib/network/history-months.ts), applied by lib/storage/chunked.ts.
 */
export interface ChunkPlan<P extends number | string, C> {
  write: Map<P, C>;
  remove: P[];
  /** The stored periods once the plan is done, in order. */
  periods: P[];
}
