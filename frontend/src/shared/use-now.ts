import { useEffect, useState } from 'preact/hooks';

/** The current time, refreshed every `ms`: the clocks re-render, nothing else does. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}
