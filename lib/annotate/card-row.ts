/** One figure of a page card: label, value (with its unit) and where it comes from. */
export interface CardRow {
  label: string;
  value: string;
  /** Where the figure comes from, e.g. "chain #1234" or "metagraph.sh · published by the subnet". */
  source: string;
  /** A longer explanation for a tooltip, when there is one. */
  detail?: string;
  /** The row links to a view of the popup. */
  opens?: 'network';
  /** The figure is stale or its source is failing: shown dimmed, the source line says which. */
  status?: 'stale' | 'unavailable';
}
