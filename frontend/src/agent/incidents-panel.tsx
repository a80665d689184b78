import { useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import { failureMessage } from '../shared/staff-api';
import { useClock } from '../shared/use-clock';
import type { DeskStore } from './desk-store';
import { IncidentEditForm, STATUS_WORDS } from './incident-edit-form';
import { Incident, incidentsApi } from './incidents-api';
import { useIncidents } from './incidents-live';
import { MyCallbacks } from './my-callbacks';
import './incidents-panel.css';

interface Props {
  desk: DeskStore;
  /** The API lets agents and supervisors update an incident (incidents.controller.ts). */
  canUpdate: boolean;
}

/**
 * Open outage incidents for the agent, live: area, cause, estimate, status, reports, affected
 * accounts, storm mode and the callbacks waiting; an agent may update an incident and take and
 * close its callbacks once the storm is over (issue #16).
 */
export function IncidentsPanel({ desk, canUpdate }: Props) {
  const { t, pick } = useT();
  const clock = useClock();
  const live = useIncidents(desk);
  const [editing, setEditing] = useState<string | null>(null);
  const [said, setSaid] = useState('');
  const api = incidentsApi(desk.api);
  const storms = live.incidents.filter((i) => i.storm.on).length;

  const take = async (incident: Incident) => {
    const taken = await api.takeCallback(incident.id);
    setSaid(taken.ok ? '' : failureMessage(taken, t));
    await live.reload();
  };
  const close = async (id: string, outcome: 'done' | 'failed', note: string) => {
    const closed = await api.closeCallback(id, outcome, note.trim() || undefined);
    setSaid(closed.ok ? t('incAgentCallbackClosed') : failureMessage(closed, t));
    await live.reload();
  };

  return (
    <details class="incidents-panel" data-testid="agent-incidents-panel">
      <summary data-testid="agent-incidents-summary">
        <strong>{t('incAgents')}</strong>{' '}
        <span>{t('incAgentsOpen', { count: live.incidents.length })}</span>
        {storms > 0 && (
          <span class="incident-storm" data-testid="agent-incidents-storm-count">
            {t('incAgentsStormCount', { count: storms })}
          </span>
        )}
      </summary>
      <div class="incidents-body">
        {live.error && (
          <p class="incident-error" role="alert">
            {t('incAgentsLoadFailed', { message: failureMessage(live.error, t) })}
          </p>
        )}
        <p role="status" class="incident-said" data-testid="agent-incidents-said">
          {said}
        </p>
        <MyCallbacks callbacks={live.mine} onClose={(...args) => void close(...args)} />
        {live.incidents.length === 0 ? (
          <p data-testid="agent-incidents-none">{t('incAgentsNone')}</p>
        ) : (
          <table>
            <caption class="sr-only">{t('incAgents')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('incAgentArea')}</th>
                <th scope="col">{t('incAgentCause')}</th>
                <th scope="col">{t('incAgentEta')}</th>
                <th scope="col">{t('incAgentStatus')}</th>
                <th scope="col">{t('incAgentReports')}</th>
                <th scope="col">{t('incAgentAccounts')}</th>
                <th scope="col">{t('incAgentStorm')}</th>
                <th scope="col">{t('incAgentCallbacks')}</th>
                {canUpdate && <th scope="col">{t('incAgentEdit')}</th>}
              </tr>
            </thead>
            <tbody>
              {live.incidents.map((incident) => (
                <IncidentRow
                  key={incident.id}
                  incident={incident}
                  canUpdate={canUpdate}
                  editing={editing === incident.id}
                  onEdit={() => setEditing(editing === incident.id ? null : incident.id)}
                  onTake={() => void take(incident)}
                  onSave={async (change) => {
                    const saved = await api.update(incident.id, change);
                    if (!saved.ok) return failureMessage(saved, t);
                    live.put(saved.body);
                    setEditing(null);
                    setSaid(t('incAgentSaved'));
                    return '';
                  }}
                  area={pick(incident.area)}
                  eta={incident.etaAt ? clock.dateTime(incident.etaAt) : ''}
                />
              ))}
            </tbody>
          </table>
        )}
      </div>
    </details>
  );
}

interface RowProps {
  incident: Incident;
  area: string;
  eta: string;
  canUpdate: boolean;
  editing: boolean;
  onEdit(): void;
  onTake(): void;
  onSave: Parameters<typeof IncidentEditForm>[0]['onSave'];
}

function IncidentRow({
  incident,
  area,
  eta,
  canUpdate,
  editing,
  onEdit,
  onTake,
  onSave,
}: RowProps) {
  const { t, pick } = useT();
  const held = incident.storm.on;
  const columns = canUpdate ? 9 : 8;
  return (
    <>
      <tr
        data-testid="agent-incident-row"
        data-incident-id={incident.id}
        class={held ? 'in-storm' : undefined}
      >
        <th scope="row" data-testid="agent-incident-area">
          {area}
          <small data-testid="agent-incident-ref">{incident.id}</small>
          {incident.outageNo && <small class="incident-records">{t('incAgentFromRecords')}</small>}
        </th>
        <td data-testid="agent-incident-cause">
          {pick(incident.cause) || t('incAgentCauseUnknown')}
        </td>
        <td data-testid="agent-incident-eta">{eta || t('incAgentEtaUnknown')}</td>
        <td data-testid="agent-incident-status">{t(STATUS_WORDS[incident.status])}</td>
        <td data-testid="agent-incident-reports">{incident.reportCount}</td>
        <td data-testid="agent-incident-accounts">
          {incident.affectedAccounts !== undefined
            ? t('incAgentAccountsRecords', { count: incident.affectedAccounts })
            : incident.accountCount}
        </td>
        <td data-testid="agent-incident-storm">
          {held ? <strong class="incident-storm">{t('incAgentStormOn')}</strong> : '—'}
        </td>
        <td data-testid="agent-incident-callbacks">
          <span data-testid="agent-incident-callbacks-count">{incident.callbacksPending}</span>
          {incident.callbacksPending > 0 &&
            (held ? (
              <small class="incident-held">{t('incAgentCallbacksHeld')}</small>
            ) : (
              <button data-testid="agent-incident-take-callback" onClick={onTake}>
                {t('incAgentTakeCallback')}
              </button>
            ))}
        </td>
        {canUpdate && (
          <td>
            <button
              data-testid="agent-incident-edit-open"
              aria-expanded={editing}
              aria-label={t('incAgentEditTitle', { ref: incident.id })}
              onClick={onEdit}
            >
              {t('incAgentEdit')}
            </button>
          </td>
        )}
      </tr>
      {editing && (
        <tr class="incident-edit-row">
          <td colSpan={columns}>
            <IncidentEditForm incident={incident} onSave={onSave} onCancel={onEdit} />
          </td>
        </tr>
      )}
    </>
  );
}
