/**
 * What every site's content script does: annotate while the site's switch is on (settings, live), with
 * figures from the background. One call per content script.
 */
import type { SiteAdapter } from '../sites/types';
import { readSettings, settingsItem } from '../storage/settings';
import { startAnnotating } from './engine';
import { createAnnotationData } from './summaries';

export async function runSite(adapter: SiteAdapter): Promise<void> {
  let stop: (() => void) | null = null;
  const apply = (on: boolean) => {
    if (on && !stop) {
      const data = createAnnotationData();
      const stopEngine = startAnnotating(adapter, data);
      stop = () => {
        stopEngine();
        data.stop();
      };
    } else if (!on && stop) {
      stop();
      stop = null;
    }
  };
  apply((await readSettings()).sites[adapter.id]);
  settingsItem.watch((next) => apply(next?.sites?.[adapter.id] ?? true));
}
