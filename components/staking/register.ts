/**
 * The staking panel's heavy half (React and the panel), loaded into a page only when its first Stake,
 * Unstake or Move is asked for: see components/staking/mount.ts.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { StakePanel } from './StakePanel';
import { registerRenderer } from './renderer';

export function registerStakePanel(): void {
  registerRenderer((mount, props) => {
    const root = createRoot(mount);
    root.render(createElement(StakePanel, props));
    return () => root.unmount();
  });
}
