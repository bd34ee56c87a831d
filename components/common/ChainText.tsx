/** On-chain names can be 10 kB of anything; only this much reaches the DOM (CSS truncates further). */
const MAX_CHARS = 120;

export function clip(text: string, max = MAX_CHARS): string {
  const chars = Array.from(text.slice(0, max * 2));
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/**
 * Untrusted on-chain text (subnet names, symbols, validator names): React text only, isolated with <bdi> so
 * bidi overrides cannot reorder what follows, clipped, and truncated visually with an ellipsis.
 */
export function ChainText(props: { text: string; className?: string; fallback?: string; /** Hover text instead of the text itself. */ title?: string }) {
  const text = props.text.trim() ? props.text : (props.fallback ?? '');
  const shown = clip(text);
  return (
    <bdi className={`chain-text ${props.className ?? ''}`} title={props.title ?? shown}>
      {shown}
    </bdi>
  );
}
