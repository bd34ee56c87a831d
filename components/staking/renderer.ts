/**
 * The contract between the content scripts and the lazily loaded staking panel (entrypoints/stake-panel.ts).
 * Both run in the extension's isolated world of the same frame, so they share this global; page scripts live
 * in another world and cannot see or replace it.
 */
import type { StakePanelProps } from './StakePanel';

export const PANEL_RENDERER = Symbol.for('taolens.stake-panel.renderer');

/** Renders the panel into an element of its closed shadow root (styled already); returns what unmounts it. */
export type PanelRenderer = (mount: HTMLElement, props: StakePanelProps) => () => void;

type WithRenderer = { [PANEL_RENDERER]?: PanelRenderer };

export function registeredRenderer(): PanelRenderer | null {
  return (globalThis as WithRenderer)[PANEL_RENDERER] ?? null;
}

export function registerRenderer(render: PanelRenderer): void {
  (globalThis as WithRenderer)[PANEL_RENDERER] = render;
}
