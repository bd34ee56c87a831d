/**
 * What each outside source's health (price, revenue) says in words, for the cards, the badges and the popup board.
 * Pure and small: content scripts use it too.
 */

/** One outside source's health, as the background keeps it (lib/background/data-feeds.ts). */
export interface SourceHealth {
  id: string;
  name: string;
  kind: 'price' | 'revenue';
  /** ok: its last answer was used; unavailable: its last attempt failed (older figures may be shown). */
  state: 'ok' | 'unavailable';
  /** When it began failing (first failure in a row), while unavailable. */
  since: number | null;
  /** When the figures shown from it were fetched (for a price: when the price was true); null when none. */
  showingFrom: number | null;
  /** The source's own status line: what it answered, or why it failed. */
  reason: string;
  /** Entries of its last answer refused one by one (unreadable or implausible). */
  refused: number;
}

/** "06:12 UTC" within a day, else "2026-08-09". */
export function clockTime(ms: number, now: number): string {
  const iso = new Date(ms).toISOString();
  return Math.abs(now - ms) < 86_400_000 ? `${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
}

/** The short state of a source: "ok", "ok, 2 entries refused", "unavailable since 06:12 UTC, showing the figure from 05:58 UTC". */
export function sourceState(h: SourceHealth, now: number): string {
  const refused = h.refused ? `, ${h.refused} ${h.refused === 1 ? 'entry' : 'entries'} refused` : '';
  if (h.state === 'ok') return `ok${refused}`;
  const since = h.since !== null ? ` since ${clockTime(h.since, now)}` : '';
  const showing = h.showingFrom !== null ? `, showing the figure from ${clockTime(h.showingFrom, now)}` : ', no earlier figure';
  return `unavailable${since}${showing}${refused}`;
}

/** The health of the source a figure came from (revenue figures carry their source's id). */
export function healthOf(sources: readonly SourceHealth[] | undefined, id: string | undefined): SourceHealth | undefined {
  return id === undefined ? undefined : sources?.find((s) => s.id === id);
}
