import { useState } from 'preact/hooks';
import type { Key } from '../shared/catalogue';
import { useT } from '../shared/i18n';
import { useZone } from '../shared/use-clock';
import { toZoneInput } from '../shared/zone-input';
import {
  changeOf,
  Incident,
  IncidentChange,
  INCIDENT_STATUS_CODES,
  IncidentStatus,
} from './incidents-api';

/** The catalogue key of each incident status. */
export const STATUS_WORDS: Record<IncidentStatus, Key> = {
  investigating: 'incAgentInvestigating',
  crew_dispatched: 'incAgentCrewDispatched',
  crew_on_site: 'incAgentCrewOnSite',
  restored: 'incAgentRestored',
};

interface Props {
  incident: Incident;
  /** Sends the change; resolves to an error message, or '' when it was saved. */
  onSave(change: IncidentChange): Promise<string>;
  onCancel(): void;
}

/** An agent's update of an incident's status, estimate and cause (PATCH /incidents/:id). */
export function IncidentEditForm({ incident, onSave, onCancel }: Props) {
  const { t } = useT();
  // The zone the form was opened in: its estimate was written and is read in that one, even if
  // the service's answer arrives while the form is open.
  const [zone] = useState(useZone().zone);
  const [status, setStatus] = useState<IncidentStatus>(incident.status);
  const [eta, setEta] = useState(toZoneInput(incident.etaAt, zone));
  const [causeZh, setCauseZh] = useState(incident.cause?.zh ?? '');
  const [causeEn, setCauseEn] = useState(incident.cause?.en ?? '');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const id = (name: string) => `incident-edit-${name}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const change = changeOf(incident, { status, eta, causeZh, causeEn }, zone);
    if (typeof change === 'string') return setError(t(change));
    if (Object.keys(change).length === 0) return setError(t('incAgentNothingChanged'));
    setBusy(true);
    setError(await onSave(change));
    setBusy(false);
  };

  return (
    <form
      class="incident-edit"
      data-testid="agent-incident-edit"
      aria-label={t('incAgentEditTitle', { ref: incident.id })}
      onSubmit={(e) => void submit(e)}
    >
      <label for={id('status')}>{t('incAgentStatus')}</label>
      <select
        id={id('status')}
        data-testid="agent-incident-edit-status"
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as IncidentStatus)}
      >
        {INCIDENT_STATUS_CODES.map((code) => (
          <option value={code} key={code}>
            {t(STATUS_WORDS[code])}
          </option>
        ))}
      </select>
      <label for={id('eta')}>
        {t('incAgentEta')} <span class="muted">({zone})</span>
      </label>
      <input
        id={id('eta')}
        type="datetime-local"
        data-testid="agent-incident-edit-eta"
        value={eta}
        onInput={(e) => setEta(e.currentTarget.value)}
      />
      <label for={id('cause-zh')}>{t('incAgentCauseZh')}</label>
      <input
        id={id('cause-zh')}
        lang="zh"
        maxLength={200}
        data-testid="agent-incident-edit-cause-zh"
        value={causeZh}
        onInput={(e) => setCauseZh(e.currentTarget.value)}
      />
      <label for={id('cause-en')}>{t('incAgentCauseEn')}</label>
      <input
        id={id('cause-en')}
        lang="en"
        maxLength={200}
        data-testid="agent-incident-edit-cause-en"
        value={causeEn}
        onInput={(e) => setCauseEn(e.currentTarget.value)}
      />
      {error && (
        <p class="incident-error" role="alert" data-testid="agent-incident-edit-error">
          {error}
        </p>
      )}
      <div class="incident-actions">
        <button
          type="submit"
          class="primary"
          disabled={busy}
          data-testid="agent-incident-edit-save"
        >
          {t('incAgentSave')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('incAgentCancel')}
        </button>
      </div>
    </form>
  );
}
