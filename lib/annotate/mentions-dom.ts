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

/** Wraps every mention in `root`; returns how many it marked. Safe to call again on the same element. */
export function markMentions(root: Element, index: MentionIndex): number {
  let marked = 0;
  for (const node of textNodes(root)) {
    const text = node.data;
    const mentions = detectMentionsWith(index, text);
    // Back to front, so earlier offsets stay valid while splitting.
    for (let i = mentions.length - 1; i >= 0; i--) {
      const m = mentions[i]!;
      const range = root.ownerDocument.createRange();
      range.setStart(node, m.start);
      range.setEnd(node, m.end);
      const wrap = root.ownerDocument.createElement(MENTION_TAG);
      wrap.dataset.kind = m.kind;
      if (m.netuid !== null) wrap.dataset.netuid = String(m.netuid);
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'button');
      wrap.style.cssText = 'text-decoration: underline dotted; text-underline-offset: 2px; cursor: help;';
      range.surroundContents(wrap);
      marked++;
    }
  }
  return marked;
}
