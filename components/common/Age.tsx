import { formatAge } from '@/lib/portfolio/status';
import { useNow } from './useNow';

/** "12 s ago", counting; the exact time is the title. */
export function Age(props: { at: number; testId?: string }) {
  const now = useNow();
  return (
    <time dateTime={new Date(props.at).toISOString()} title={new Date(props.at).toLocaleString()} data-testid={props.testId}>
      {formatAge(props.at, now)}
    </time>
  );
}
