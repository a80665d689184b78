import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { Clock, clockIn } from './format';
import { useT } from './i18n';
import { PENDING_ZONE, ShownZone } from './time-zone';

/** The zone the page's times are in, given by the app at its root once the service said it. */
export const Zone = createContext<ShownZone>(PENDING_ZONE);
export const useZone = (): ShownZone => useContext(Zone);

/** The page's times in its language and the service's zone. */
export function useClock(): Clock {
  const { locale } = useT();
  return clockIn(locale, useZone().zone);
}
