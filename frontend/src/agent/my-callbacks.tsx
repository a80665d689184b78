import { useState } from 'preact/hooks';
import { useT } from '../shared/i18n';
import type { Callback } from './incidents-api';

interface Props {
  callbacks: Callback[];
  onClose(id: string, outcome: 'done' | 'failed', note: string): void;
}

/** The callbacks this agent took: whom to call (masked unless they may unmask), and the outcome. */
export function MyCallbacks({ callbacks, onClose }: Props) {
  const { t, code } = useT();
  const [notes, setNotes] = useState<Record<string, string>>({});
  if (callbacks.length === 0) return null;
  return (
    <section class="my-callbacks" aria-labelledby="my-callbacks-title">
      <h3 id="my-callbacks-title">{t('incAgentMyCallbacks')}</h3>
      <ul>
        {callbacks.map((c) => (
          <li key={c.id} data-testid="agent-callback" data-callback-id={c.id}>
            <span data-testid="agent-callback-call">
              {t('incAgentCallbackFor', {
                phone: c.phone,
                language: code('languages', c.language),
                ref: c.incidentId,
              })}
            </span>
            <label for={`callback-note-${c.id}`} class="sr-only">
              {t('incAgentCallbackNote')}
            </label>
            <input
              id={`callback-note-${c.id}`}
              maxLength={500}
              placeholder={t('incAgentCallbackNote')}
              value={notes[c.id] ?? ''}
              onInput={(e) => setNotes({ ...notes, [c.id]: e.currentTarget.value })}
            />
            <button
              class="primary"
              data-testid="agent-callback-done"
              onClick={() => onClose(c.id, 'done', notes[c.id] ?? '')}
            >
              {t('incAgentCallbackDone')}
            </button>
            <button
              data-testid="agent-callback-failed"
              onClick={() => onClose(c.id, 'failed', notes[c.id] ?? '')}
            >
              {t('incAgentCallbackFailed')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
