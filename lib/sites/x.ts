import { pageMentions } from '../annotate/mentions-dom';
import type { AnnotationTarget, SiteAdapter } from './common';

const POST_TEXT = 'article[data-testid="tweet"] [data-testid="tweetText"]';

// x.com renders cashtags and hashtags as links: `/search?q=%24TAO&src=cashtag_click`, `/hashtag/SN64?src=hashtag_click`.
const TAG_LINK = /^(?:https:\/\/(?:x|twitter)\.com)?\/(?:hashtag\/|search\?q=(?:%24|%23|\$|#))/i;

/** A cashtag or hashtag link, whose text is marked (other links — handles, t.co URLs — are not). */
export function isTagLink(link: Element): boolean {
  return TAG_LINK.test(link.getAttribute('href') ?? '');
}

/** x.com: subnet mentions inside each post's text (quoted posts included), cashtag and hashtag links too. */
export const xAdapter: SiteAdapter = {
  id: 'x',
  mentions: pageMentions,
  scan(root) {
    const targets: AnnotationTarget[] = [];
    const add = (element: Element) => targets.push({ kind: 'text-mentions', element, markInLink: isTagLink });
    // The root itself may be a post's text (a re-render replaced only it).
    if (root instanceof Element && root.matches(POST_TEXT)) add(root);
    for (const el of root.querySelectorAll(POST_TEXT)) add(el);
    if (root instanceof Element && !targets.length) {
      const post = root.closest(POST_TEXT);
      if (post) add(post);
    }
    return targets;
  },
};
