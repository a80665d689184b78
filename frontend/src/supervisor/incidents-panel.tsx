import { useCallback, useEffect, useState } from 'preact/hooks';
import { TableHead } from './table-head';
import { useT } from '../shared/i18n';
import { useClock } from '../shared/use-clock';
import type { Bilingual } from '../shared/protocol';
import { errorText } from '../shared/staff-api';
import type { SupervisorDesk } from './desk-store';
import { applyStorm, INCIDENT_STATUS_KEY, incidentArea } from './incidents-view';
import type { Incident, StormChange } from './supervisor-protocol';

/** Incidents are also refreshed this often, in case a push was missed. */
const REFRESH_MS = 15_000;

/**
 * Open outage incidents (issue 16): a banner per incident in storm mode, with the server's text,
 * and the switch that turns storm mode off (or on again) for one incident.
 */
export function IncidentsPanel({ desk }: { desk: SupervisorDesk }) {
  const { t, lang, pick } = useT();
  const clock = useClock();
  const [incidents, setIncidents] = useState<Incident[] | null>(null);
  const [banners, setBanners] = useState<Map<string, Bilingual>>(new Map());
  const refresh = useCallback(async () => {
    const res = await desk.get<Incident[]>('/incidents');
    if (res.ok && Array.isArray(res.body)) setIncidents(res.body);
  }, [desk]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    const onStorm = (change: StormChange) => {
      setBanners((shown) => applyStorm(shown, change));
      void refresh();
    };
    const stops = [
      desk.listen('incident:storm_changed', onStorm),
      desk.listen('incident:updated', () => void refresh()),
    ];
    return () => {
      clearInterval(timer);
      stops.forEach((stop) => stop());
    };
    // A new login is a new socket: listen again on it.
  }, [desk, desk.session, refresh]);

  const switchStorm = async (incident: Incident) => {
    const res = await desk.api.post<Incident>(
      `/incidents/${encodeURIComponent(incident.id)}/storm`,
      { on: !incident.storm.on },
    );
    if (!res.ok) desk.tell('incFailed', { m: errorText(res, t) });
    await refresh();
  };

  const list = incidents ?? [];
  return (
    <div id="incidents-panel" class="panel" data-testid="incidents-panel">
      {list
        .filter((i) => i.storm.on)
        .map((i) => (
          <div key={i.id} class="storm-banner" role="alert" data-testid="storm-banner">
            {banners.has(i.id) ? pick(banners.get(i.id)) : t('incStormBanner', { id: i.id })}
          </div>
        ))}
      <h2>{t('incTitle')}</h2>
      {incidents !== null && list.length === 0 && <div class="empty">{t('incNone')}</div>}
      {list.length > 0 && (
        <div class="table-wrap">
          <table class="stack" data-testid="incidents-table">
            <TableHead
              columns={[
                t('incIncident'),
                t('incArea'),
                t('incStatus'),
                { label: t('incReports'), num: true },
                { label: t('incAccounts'), num: true },
                { label: t('incCallbacks'), num: true },
                t('incEta'),
                t('incStorm'),
              ]}
            />
            <tbody>
              {list.map((i) => (
                <tr key={i.id} data-testid="incident-row" data-storm={String(i.storm.on)}>
                  <td data-label={t('incIncident')}>{i.id}</td>
                  <td data-label={t('incArea')}>{incidentArea(i, lang)}</td>
                  <td data-label={t('incStatus')}>{t(INCIDENT_STATUS_KEY[i.status])}</td>
                  <td data-label={t('incReports')} class="num">
                    {i.reportCount}
                  </td>
                  <td data-label={t('incAccounts')} class="num">
                    {i.accountCount}
                  </td>
                  <td data-label={t('incCallbacks')} class="num" data-testid="incident-callbacks">
                    {i.callbacksPending}
                  </td>
                  <td data-label={t('incEta')}>{i.etaAt ? clock.dateTime(i.etaAt) : '—'}</td>
                  <td data-label={t('incStorm')}>
                    <button
                      type="button"
                      class={i.storm.on ? 'danger' : ''}
                      data-testid="storm-toggle"
                      onClick={() => void switchStorm(i)}
                    >
                      {i.storm.on ? t('incStormOff') : t('incStormOn')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
