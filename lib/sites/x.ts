import type { AnnotationTarget, SiteAdapter } from './types';

const POST_TEXT = 'article[data-testid="tweet"] [data-testid="tweetText"]';

/** x.com: subnet mentions inside each post's text. */
export const xAdapter: SiteAdapter = {
  id: 'x',
  scan(root) {
    const targets: AnnotationTarget[] = [];
    // The root itself may be a post's text (a re-render replaced only it).
    if (root instanceof Element && root.matches(POST_TEXT)) targets.push({ kind: 'text-mentions', element: root });
    for (const el of root.querySelectorAll(POST_TEXT)) targets.push({ kind: 'text-mentions', element: el });
    if (root instanceof Element && !targets.length) {
      const post = root.closest(POST_TEXT);
      if (post) targets.push({ kind: 'text-mentions', element: post });
    }
    return targets;
  },
};
