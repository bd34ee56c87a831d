/**
 * The contract between the content scripts and the lazily loaded staking panel (entrypoints/stake-panel.ts).
 * Both run in the extension's isolated world of the same frame, so they share this global; page scripts live
 * in another world and cannot see or replace it.
 */
import type { StakePanelProps } from './StakePanel';

export const PANEL_RENDERER = Symbol.for('taolens.stake-panel.renderer');

/**
 * Styles the panel's closed shadow root, starts its clickjacking guard and renders the panel into it; returns what
 * unmounts both. The guard and the stylesheet come with the panel's code, not with every content script.
 */
export type PanelRenderer = (host: HTMLElement, root: ShadowRoot, props: Omit<StakePanelProps, 'guard'>) => () => void;

type WithRenderer = { [PANEL_RENDERER]?: PanelRenderer };

export function registeredRenderer(): PanelRenderer | null {
  return (globalThis as WithRenderer)[PANEL_RENDERER] ?? null;
}

export function registerRenderer(render: PanelRenderer): void {
  (globalThis as WithRenderer)[PANEL_RENDERER] = render;
}
