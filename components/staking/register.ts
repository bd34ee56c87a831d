/**
 * The staking panel's heavy half (React and the panel), loaded into a page only when its first Stake,
 * Unstake or Move is asked for: see components/staking/mount.ts.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { styleRoot } from '@/lib/page-ui/mount';
import { HOST_TOKENS_CSS } from '@/lib/page-ui/tokens';
import { StakePanel } from './StakePanel';
import { registerRenderer } from './renderer';
import { PANEL_CSS } from './styles';
import { createPanelGuard } from './panel-guard';

export function registerStakePanel(): void {
  registerRenderer((host, root, props) => {
    styleRoot(root, HOST_TOKENS_CSS + PANEL_CSS);
    const mount = document.createElement('div');
    root.append(mount);
    const guard = createPanelGuard(host, mount);
    const react = createRoot(mount);
    react.render(createElement(StakePanel, { ...props, guard }));
    return () => {
      react.unmount();
      guard.stop();
    };
  });
}
