/**
 * The staking panel's heavy half (React and the panel), loaded into a page only when its first Stake,
 * Unstake or Move is asked for: see lib/staking/panel-mount.ts.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { StakePanel } from '../../components/staking/StakePanel';
import { PANEL_CSS } from '../../components/staking/styles';
import { registerRenderer } from './panel-renderer';

export function registerStakePanel(): void {
  registerRenderer((shadow, props) => {
    const style = document.createElement('style');
    style.textContent = PANEL_CSS;
    const mount = document.createElement('div');
    shadow.append(style, mount);
    const root = createRoot(mount);
    root.render(createElement(StakePanel, props));
    return () => root.unmount();
  });
}
