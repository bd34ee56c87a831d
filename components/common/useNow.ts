import { useEffect, useState } from 'react';

/** The current time, re-rendering every `stepMs` (ages like "12 s ago" keep counting). */
export function useNow(stepMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), stepMs);
    return () => clearInterval(id);
  }, [stepMs]);
  return now;
}
