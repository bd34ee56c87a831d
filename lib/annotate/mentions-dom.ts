/**
 * Marks subnet mentions inside a post's text: each mention's characters are wrapped, unchanged, in a
 * `taolens-mention` element. Text inside code, our own elements and links is left alone (except the links
 * the site's adapter accepts: x.com's cashtags and hashtags, where the mark sits inside the link and the
 * link keeps its click and focus); the detector itself skips URLs, handles and longer words. Names need
 * the post's Bittensor cue, taken from the whole post's text (it is split across many text nodes).
 */
import { buildMentionIndex, detectMentionsWith, hasBittensorCue, type MentionIndex } from '../mentions/detect';
import type { MentionMarking } from '../sites/common';
import { MENTION_STYLE_ID, MENTION_TAG } from './badge';

const SKIP = new Set(['code', 'pre', 'script', 'style', 'textarea', MENTION_TAG]);

/**
 * Text nodes we split: the page's node keeps the text before the first mention (`head`); `added` is what we
 * put after it. When the page later rewrites that node in place (x.com recycles a cell for another post and
 * React sets the node's text), what we added belongs to the old text and goes.
 */
const splits = new WeakMap<Text, { head: string; added: Node[] }>();

function undoSplit(node: Text): void {
  const split = splits.get(node);
  if (!split) return;
  splits.delete(node);
  for (const n of split.added) {
    if (n instanceof Text) undoSplit(n);
    n.parentNode?.removeChild(n);
  }
}

function textNodes(root: Element, markInLink?: (link: Element) => boolean): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let p = node.parentElement; p && p !== root; p = p.parentElement) {
        if (SKIP.has(p.localName)) return NodeFilter.FILTER_REJECT;
        if (p.localName === 'a' && !markInLink?.(p)) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** One rule for every mark on the page (a style attribute per mark would be parsed thousands of times). */
function ensureMentionStyle(doc: Document): void {
  if (doc.getElementById(MENTION_STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = MENTION_STYLE_ID;
  style.textContent = `${MENTION_TAG}{text-decoration:underline dotted;text-underline-offset:2px}${MENTION_TAG}[tabindex]{cursor:help}`;
  (doc.head ?? doc.documentElement).append(style);
}

/** Wraps every mention in `root`; returns how many it marked. Safe to call again on the same element. */
export function markMentions(root: Element, index: MentionIndex, markInLink?: (link: Element) => boolean): number {
  let marked = 0;
  ensureMentionStyle(root.ownerDocument);
  const doc = root.ownerDocument;
  let cue: boolean | undefined;
  // The post's cue, computed once and only when a name in it needs one.
  const postCue = () => (cue ??= hasBittensorCue(index, root.textContent ?? ''));
  for (const node of textNodes(root, markInLink)) {
    const split = splits.get(node);
    if (split) {
      if (node.data === split.head) continue; // marked already, unchanged
      undoSplit(node); // rewritten in place by the page: re-read it whole
    }
    const text = node.data;
    const mentions = detectMentionsWith(index, text, { cue: postCue });
    if (!mentions.length) continue;
    const link = node.parentElement?.closest('a');
    const inLink = !!link && root.contains(link);
    // One insertion per text node (not a split per mention): far fewer mutations for the page to observe.
    // The page's own text node stays where it is, holding the text before the first mention, so a
    // framework that later updates or removes that node (React keeps references) still finds it.
    const fragment = doc.createDocumentFragment();
    const first = mentions[0]!;
    let at = first.start;
    for (const m of mentions) {
      if (m.start > at) fragment.append(text.slice(at, m.start));
      const wrap = doc.createElement(MENTION_TAG);
      wrap.dataset.kind = m.kind;
      if (m.netuid !== null) wrap.dataset.netuid = String(m.netuid);
      if ((m.netuid !== null || m.kind === 'tao') && !inLink) {
        // Focusable where there is a card to open (a subnet's, or TAO's); inside a link the link itself
        // takes focus (and opens the card), so Enter still follows it.
        wrap.tabIndex = 0;
        wrap.setAttribute('role', 'button');
        wrap.setAttribute('aria-haspopup', 'dialog');
      }
      wrap.textContent = text.slice(m.start, m.end);
      fragment.append(wrap);
      at = m.end;
      marked++;
    }
    if (at < text.length) fragment.append(text.slice(at));
    const added = [...fragment.childNodes];
    node.after(fragment);
    node.data = text.slice(0, first.start);
    splits.set(node, { head: node.data, added });
  }
  return marked;
}

/** Mention marking for a site adapter whose pages are posts (x.com). */
export const pageMentions: MentionMarking = { index: buildMentionIndex, mark: markMentions };
