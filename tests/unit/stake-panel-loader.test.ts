import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadStakePanel, STAKE_PANEL_FILE } from '@/lib/background/stake-panel-loader';
import type { RequestSender } from '@/lib/messaging/protocol';

describe('loading the staking panel into a page', () => {
  const executeScript = vi.fn(async () => []);
  beforeEach(() => {
    fakeBrowser.reset();
    executeScript.mockClear();
    (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
  });

  it('injects the panel into the asking frame of the asking tab, and nowhere else', async () => {
    const sender = { id: fakeBrowser.runtime.id, tab: { id: 7 }, frameId: 3 } as RequestSender;
    await expect(loadStakePanel(sender)).resolves.toEqual({ loaded: true });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7, frameIds: [3] }, files: [STAKE_PANEL_FILE] });
  });

  it('refuses an extension page (no tab) and another extension, injecting nothing', async () => {
    await expect(loadStakePanel({ id: fakeBrowser.runtime.id } as RequestSender)).rejects.toThrow('only in a web page');
    await expect(loadStakePanel({ id: 'another-extension', tab: { id: 7 }, frameId: 0 } as RequestSender)).rejects.toThrow('only in a web page');
    expect(executeScript).not.toHaveBeenCalled();
  });
});
