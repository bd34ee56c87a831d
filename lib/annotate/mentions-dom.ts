/**
 * Marks subnet mentions inside a post's text: each mention's characters are wrapped, unchanged, in a
 * `taolens-mention` element. Text inside links, code and our own elements is left alone; the detector
 * itself skips URLs, handles and longer words.
 */
import { detectMentionsWith, type MentionIndex } from '../mentions/detect';
import { MENTION_TAG } from './badge';

const SKIP = new Set(['a', 'code', 'pre', 'script', 'style', 'textarea', MENTION_TAG]);

function textNodes(root: Element): Text[] {
  const out: Text[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode(node) {
      for (let p = node.parentElement; p && p !== root; p = p.parentElement) {
        if (SKIP.has(p.localName)) return NodeFilter.FILTER_REJECT;
      }
      return NodeFilter.FILTER_ACCEPT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n as Text);
  return out;
}

/** One rule for every mark on the page (a style attribute per mark would be parsed thousands of times). */
function ensureMentionStyle(doc: Document): void {
  if (doc.getElementById('taolens-mention-style')) return;
  const style = doc.createElement('style');
  style.id = 'taolens-mention-style';
  style.textContent = `${MENTION_TAG}{text-decoration:underline dotted;text-underline-offset:2px}${MENTION_TAG}[tabindex]{cursor:help}`;
  (doc.head ?? doc.documentElement).append(style);
}

/** Wraps every mention in `root`; returns how many it marked. Safe to call again on the same element. */
export function markMentions(root: Element, index: MentionIndex): number {
  let marked = 0;
  ensureMentionStyle(root.ownerDocument);
  const doc = root.ownerDocument;
  for (const node of textNodes(root)) {
    const text = node.data;
    const mentions = detectMentionsWith(index, text);
    if (!mentions.length) continue;
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
      if (m.netuid !== null || m.kind === 'tao') {
        // Focusable where there is a card to open (a subnet's, or TAO's).
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
    node.after(fragment);
    node.data = text.slice(0, first.start);
  }
  return marked;
}
