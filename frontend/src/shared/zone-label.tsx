import { zoneOffset } from './format';
import { useT } from './i18n';
import { useZone } from './use-clock';

/**
 * Which zone the page's times are in, for the header: the service's, or, when the service's
 * could not be read, the browser's, said plainly so nobody takes them for the customers' times.
 */
export function ZoneLabel() {
  const { t } = useT();
  const shown = useZone();
  const zone = `${shown.zone} (${zoneOffset(shown.zone, Date.now())})`;
  const browser = shown.source === 'browser';
  return (
    <span
      class={browser ? 'zone-label zone-browser' : 'zone-label'}
      data-testid="time-zone"
      data-zone={shown.zone}
      data-source={shown.source}
      title={t(browser ? 'zoneBrowserHint' : 'zoneHint', { zone })}
    >
      {t(browser ? 'zoneBrowser' : 'zoneService', { zone })}
    </span>
  );
}
