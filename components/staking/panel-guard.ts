/**
 * The DOM side of the clickjacking guard (./visibility-guard.ts): samples the panel's host and box every
 * 100 ms and at the click, and where the browser has IntersectionObserver v2, whether anything covers it.
 */
import { createStabilityClock, refusalText, styleProblem, type VisibilitySample } from '@/lib/staking/visibility-guard';

export interface PanelGuard {
  /** Null when this click may count; else the sentence to show. */
  refusal(event: MouseEvent): string | null;
  stop(): void;
}

type V2Entry = IntersectionObserverEntry & { isVisible?: boolean };

export function createPanelGuard(host: HTMLElement, mount: HTMLElement): PanelGuard {
  const clock = createStabilityClock();
  let observed: Element | null = null;
  let io: IntersectionObserver | null = null;
  /** IntersectionObserver v2: false when covered, faded or transformed by anything; null where unsupported. */
  let occlusionFree: boolean | null = null;
  let fullyInView = true;

  const watch = (panel: Element) => {
    io?.disconnect();
    observed = panel;
    const onEntries = (entries: IntersectionObserverEntry[]) => {
      const e = entries[entries.length - 1] as V2Entry;
      fullyInView = e.intersectionRatio >= 0.999;
      occlusionFree = typeof e.isVisible === 'boolean' ? e.isVisible : null;
      sample();
    };
    try {
      io = new IntersectionObserver(onEntries, { threshold: [0, 0.5, 0.999, 1], trackVisibility: true, delay: 100 } as IntersectionObserverInit);
    } catch {
      io = new IntersectionObserver(onEntries, { threshold: [0, 0.5, 0.999, 1] });
    }
    io.observe(panel);
  };

  const measure = (): VisibilitySample => {
    const panel = mount.querySelector('.panel');
    if (!panel) return { problem: 'not shown yet', key: '' };
    if (panel !== observed) watch(panel);
    if (!host.isConnected || host.parentElement !== document.documentElement) return { problem: 'it was moved', key: '' };
    const hostStyle = getComputedStyle(host);
    const rootStyle = getComputedStyle(document.documentElement);
    const r = panel.getBoundingClientRect();
    const inViewport = r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight + 0.5 && r.right <= innerWidth + 0.5;
    const problem =
      styleProblem(hostStyle, 'the panel') ??
      styleProblem(rootStyle, 'the page around it') ??
      (!inViewport || !fullyInView ? 'part of it is outside the window' : null) ??
      (occlusionFree === false ? 'something covers it' : null);
    // Height is left out: the panel grows as a quote comes in, which is our own doing, not the page's.
    const key = [Math.round(r.left), Math.round(r.top), Math.round(r.width), hostStyle.zIndex, rootStyle.opacity, String(occlusionFree)].join('|');
    return { problem, key };
  };

  const sample = () => clock.observe(measure(), performance.now());
  const timer = setInterval(sample, 100);
  sample();

  return {
    refusal(event) {
      sample();
      const reason = clock.refusal(performance.now());
      if (reason) return refusalText(reason);
      // A pointer click must land on the panel as the page's hit testing sees it (a key press has no point: detail 0).
      if (event.detail > 0 && document.elementFromPoint(event.clientX, event.clientY) !== host) {
        return refusalText('something else was under the pointer');
      }
      return null;
    },
    stop() {
      clearInterval(timer);
      io?.disconnect();
    },
  };
}
