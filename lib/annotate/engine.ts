/**
 * Keeps a page annotated for one site adapter: one MutationObserver, work batched per animation frame,
 * idempotent so that re-renders which strip our nodes get them back exactly once. Badges and cards
 * update in place when new figures arrive.
 */
import type { AnnotationTarget, SiteAdapter } from '../sites/common';
import { request } from '../messaging/protocol';
import { BADGE_STYLE_ID, BADGE_TAG, MENTION_STYLE_ID, MENTION_TAG, WATCH_TAG, createBadge, ensureBadgeStyle, renderBadge } from './badge';
import { CARD_TAG, FloatingCard, PAGE_CARD_TAG, renderCard } from './card';
import { badgeLabel, badgeText, cardModel, taoCardModel } from './figures';
import type { AnnotationData } from './summaries';
import { mountShadow, rootOf } from '../page-ui/mount';
import { CARD_CSS } from './styles';
import { blockSpotAfter } from './placement';
import { pageTheme } from './theme';

const OWN_TAGS = new Set([BADGE_TAG, CARD_TAG, PAGE_CARD_TAG, MENTION_TAG, WATCH_TAG]);
/** Our elements that stand beside the page's (not wrapping its text). */
const STANDALONE = [BADGE_TAG, PAGE_CARD_TAG, WATCH_TAG].join(',');
/** Performance entries the benchmarks read: one measure per flush. */
export const FLUSH_MEASURE = 'taolens:annotate';

export interface AnnotateOptions {
  /** Cards offer Stake / Unstake (the site's registry entry). */
  staking?: boolean;
  doc?: Document;
}

export function startAnnotating(adapter: SiteAdapter, data: AnnotationData, opts: AnnotateOptions = {}): () => void {
  const { staking = true, doc = document } = opts;
  const pending = new Set<ParentNode>([doc.body]);
  const card = new FloatingCard(doc, staking);
  let frame = 0;
  let lastUrl = doc.location.href;
  let theme = pageTheme(doc);

  /** A card's figures: a subnet's, or (netuid null) TAO's own for `$TAO`. */
  const model = (netuid: number | null) => {
    const view = data.view();
    if (netuid === null) return view ? taoCardModel(view, Date.now()) : null;
    const s = data.summary(netuid);
    return s && view ? cardModel(s, view, Date.now(), view.holdings) : null;
  };
  /** Which card an anchor of ours opens. */
  const cardKey = (host: HTMLElement): number | null => (host.dataset.netuid ? Number(host.dataset.netuid) : null);
  // Badge words per subnet, made once per data change however many links point at the subnet.
  let badgeWords = new Map<number, [string, string]>();
  const paintBadge = (badge: HTMLElement) => {
    const netuid = Number(badge.dataset.netuid);
    let words = badgeWords.get(netuid);
    if (!words) {
      const s = data.summary(netuid);
      badgeWords.set(netuid, (words = [badgeText(s, netuid), badgeLabel(s, netuid)]));
    }
    renderBadge(badge, words[0], words[1], theme);
  };
  const paintPageCard = (host: HTMLElement) => {
    host.dataset.theme = theme;
    const root = rootOf(host);
    if (root) renderCard(root, model(Number(host.dataset.netuid)), Number(host.dataset.netuid), { staking });
  };

  /** Puts one target on the page (once); returns our element that now serves it, if any. */
  const apply = (target: AnnotationTarget): Element | null => {
    switch (target.kind) {
      case 'link-badge': {
        const next = target.anchor.nextElementSibling as HTMLElement | null;
        // Valid netuids come from the chain: until its figures arrive, and for a netuid it does not have, no badge.
        if (!data.summary(target.netuid)) {
          if (next?.localName === BADGE_TAG) next.remove();
          return null;
        }
        if (next?.localName === BADGE_TAG) {
          // The page reused the link for another subnet (React keeps elements, changes href).
          if (next.dataset.netuid !== String(target.netuid)) {
            next.dataset.netuid = String(target.netuid);
            paintBadge(next);
          }
          return next;
        }
        const badge = createBadge(doc, target.netuid);
        paintBadge(badge);
        target.anchor.insertAdjacentElement('afterend', badge);
        return badge;
      }
      case 'page-card': {
        const spot = blockSpotAfter(target.anchor);
        const next = spot.nextElementSibling as HTMLElement | null;
        if (next?.localName === PAGE_CARD_TAG && next.dataset.netuid === String(target.netuid)) return next;
        const host = doc.createElement(PAGE_CARD_TAG);
        host.dataset.netuid = String(target.netuid);
        host.className = 'inline';
        host.style.display = 'block';
        host.setAttribute('role', 'region');
        host.setAttribute('aria-label', `TaoLens: subnet ${target.netuid}`);
        mountShadow(host, { css: CARD_CSS });
        paintPageCard(host);
        spot.insertAdjacentElement('afterend', host);
        return host;
      }
      case 'text-mentions': {
        const index = data.mentionIndex();
        if (index) adapter.mentions?.mark(target.element, index, target.markInLink);
        return null;
      }
      case 'watch-offer': {
        const spot = blockSpotAfter(target.anchor);
        const next = spot.nextElementSibling as HTMLElement | null;
        if (next?.localName === WATCH_TAG && next.dataset.address === target.address) return next;
        const offer = watchOffer(doc, target.address, theme);
        spot.insertAdjacentElement('afterend', offer);
        return offer;
      }
    }
  };

  const flush = () => {
    frame = 0;
    performance.mark('taolens:annotate-start');
    const url = new URL(doc.location.href);
    if (url.href !== lastUrl) {
      // Single-page navigation: the whole page may mean something else now.
      lastUrl = url.href;
      pending.add(doc.body);
      theme = pageTheme(doc);
    }
    ensureBadgeStyle(doc);
    // A scan of the body covers every other root, and a root covers the roots inside it (a recycled cell
    // and the text nodes, links and attributes that changed in it come as one scan).
    const roots = pending.has(doc.body) ? [doc.body] : [...pending].filter((root) => !insidePending(root as Node, pending));
    pending.clear();
    for (const root of roots) {
      if (!(root as Node).isConnected) continue;
      const kept = new Set<Element>();
      for (const target of adapter.scan(root, url)) {
        const el = apply(target);
        if (el) kept.add(el);
      }
      // Ours that no longer serve anything in this subtree: a removed link's badge, the summary of the
      // subnet page we navigated away from. (Mentions wrap the page's own text and stay.)
      for (const el of root.querySelectorAll(STANDALONE)) if (!kept.has(el)) el.remove();
    }
    // The open card goes with its anchor (a new view, a re-render). A page that only rewrites its URL in place
    // (taostats keeps the table's page and order in the query) leaves the card open under the person's focus.
    if (card.openFor && !card.openFor.isConnected) card.hide(false);
    // Everything the observer queued during this flush is our own doing: drop it.
    observer.takeRecords();
    performance.measure(FLUSH_MEASURE, 'taolens:annotate-start');
  };

  const schedule = (root: ParentNode) => {
    pending.add(root);
    if (!frame) frame = requestAnimationFrame(flush);
  };

  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'characterData') {
        const parent = record.target.parentElement;
        if (parent && !parent.closest(MENTION_TAG)) schedule(parent);
        continue;
      }
      if (record.type === 'attributes') {
        // A link now points elsewhere: its parent holds the link and its badge.
        const parent = (record.target as Element).parentElement;
        if (parent) schedule(parent);
        continue;
      }
      if (record.addedNodes.length > 8 && record.target instanceof Element) {
        // Many children at once (a table's rows, a page of posts): one scan of their parent.
        schedule(record.target);
      } else {
        for (const node of record.addedNodes) {
          if (node instanceof Element && !OWN_TAGS.has(node.localName)) schedule(node);
          else if (node instanceof Text && node.parentElement) schedule(node.parentElement);
        }
      }
      for (const node of record.removedNodes) {
        // Our node was removed by the page's re-render, or a link beside our badge was: look again.
        if (node instanceof Element && (node.localName === 'a' || OWN_TAGS.has(node.localName)) && record.target instanceof Element) {
          schedule(record.target);
        }
      }
    }
  });
  observer.observe(doc.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['href'] });

  // Single-page navigation: history.pushState/replaceState and back/forward. The Navigation API sees
  // the page's own pushState calls from this isolated world; where it is missing, poll the URL.
  const view = doc.defaultView;
  const onNavigate = () => {
    if (doc.location.href !== lastUrl) schedule(doc.body);
  };
  const navigation = (view as unknown as { navigation?: EventTarget } | null)?.navigation;
  navigation?.addEventListener('currententrychange', onNavigate);
  view?.addEventListener('popstate', onNavigate);
  const poll = navigation ? 0 : window.setInterval(onNavigate, 500);

  // New figures: repaint what is on the page; new subnets or names: look for mentions again.
  const stopData = data.onChange((subnetsChanged) => {
    theme = pageTheme(doc);
    badgeWords = new Map();
    for (const b of doc.querySelectorAll<HTMLElement>(BADGE_TAG)) {
      if (data.summary(Number(b.dataset.netuid))) paintBadge(b);
      else b.remove(); // the subnet left the chain
    }
    for (const s of doc.querySelectorAll<HTMLElement>(PAGE_CARD_TAG)) paintPageCard(s);
    const open = card.openFor as HTMLElement | null;
    if (open) card.refresh(cardKey(open), model(cardKey(open)));
    if (subnetsChanged) schedule(doc.body);
  });

  // The card opens on hover or keyboard focus of a badge or a mention, and closes with Escape.
  const ownHost = (e: Event): HTMLElement | null => {
    const t = e.target;
    if (!(t instanceof HTMLElement)) return null;
    if (t.localName === BADGE_TAG) return t.dataset.netuid ? t : null;
    // A mark inside the page's own link (an x.com cashtag or hashtag): the link keeps focus and clicks,
    // and focusing the link opens the mark's card.
    const mark = t.localName === MENTION_TAG ? t : t.localName === 'a' ? t.querySelector<HTMLElement>(MENTION_TAG) : null;
    return mark && (mark.dataset.netuid || mark.dataset.kind === 'tao') ? mark : null;
  };
  // Only the person's own pointer, focus or key opens a card: a page script's synthetic mouseover or focus
  // event (isTrusted false) gets nothing.
  const open = (e: Event) => {
    if (!e.isTrusted) return;
    const host = ownHost(e);
    if (!host || card.isReturningTo(host)) return;
    if (card.openFor === host && e.type !== 'keydown') return;
    card.show(host, cardKey(host), model(cardKey(host)), theme);
  };
  const close = (e: Event) => {
    // Moving from the badge into its card keeps the card open.
    if (ownHost(e) && !card.contains((e as FocusEvent | MouseEvent).relatedTarget)) card.hideSoon();
  };
  const key = (e: KeyboardEvent) => {
    if (!e.isTrusted) return;
    if (e.key === 'Escape' && card.openFor) {
      // Focus goes back to the badge only from inside the card: never taken from the page's own inputs.
      card.hide(false);
    } else if ((e.key === 'Enter' || e.key === ' ') && ownHost(e) === e.target) {
      // (Only on our own focusable elements: Enter on the page's link still follows the link.)
      // Enter opens the card as a dialog: focus goes to its first button; Escape brings it back.
      e.preventDefault();
      open(e);
      card.focusInside();
    }
  };
  doc.addEventListener('mouseover', open, true);
  doc.addEventListener('mouseout', close, true);
  doc.addEventListener('focusin', open, true);
  doc.addEventListener('focusout', close, true);
  doc.addEventListener('keydown', key, true);

  flush();
  return () => {
    observer.disconnect();
    stopData();
    navigation?.removeEventListener('currententrychange', onNavigate);
    view?.removeEventListener('popstate', onNavigate);
    if (poll) clearInterval(poll);
    doc.removeEventListener('mouseover', open, true);
    doc.removeEventListener('mouseout', close, true);
    doc.removeEventListener('focusin', open, true);
    doc.removeEventListener('focusout', close, true);
    doc.removeEventListener('keydown', key, true);
    if (frame) cancelAnimationFrame(frame);
    card.hide(false);
    // Switched off (or the extension is gone): leave the page as it was.
    for (const el of doc.querySelectorAll([BADGE_TAG, PAGE_CARD_TAG, WATCH_TAG].join(','))) el.remove();
    for (const m of doc.querySelectorAll(MENTION_TAG)) m.replaceWith(...m.childNodes);
    for (const id of [BADGE_STYLE_ID, MENTION_STYLE_ID]) doc.getElementById(id)?.remove();
  };
}

function insidePending(node: Node, pending: Set<ParentNode>): boolean {
  for (let p = node.parentNode; p; p = p.parentNode) if (pending.has(p as ParentNode)) return true;
  return false;
}

/** "Watch this address in TaoLens": adds it to the portfolio as watch-only. */
function watchOffer(doc: Document, address: string, theme: string): HTMLElement {
  const host = doc.createElement(WATCH_TAG);
  host.dataset.address = address;
  host.dataset.theme = theme;
  host.style.display = 'block';
  const root = mountShadow(host, { css: CARD_CSS });
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = 'Watch this address in TaoLens';
  const status = doc.createElement('span');
  status.setAttribute('role', 'status');
  status.style.marginLeft = '8px';
  button.addEventListener('click', async (event) => {
    if (!event.isTrusted) return;
    button.disabled = true;
    status.textContent = 'Adding…';
    const res = await request({ type: 'accounts/add-watch', address });
    status.textContent = res.ok ? 'Watching — open TaoLens to see its positions.' : res.error;
    button.disabled = res.ok;
  });
  root.append(button, status);
  return host;
}
