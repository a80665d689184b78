import { useEffect } from 'preact/hooks';
import type { DeskStore } from './desk-store';

/**
 * Keyboard shortcuts of the console: Alt+↓ / Alt+↑ next / previous chat, Alt+N the note field,
 * Alt+R the reply field (Enter in the reply sends; see the composer), Alt+C the canned replies. Alt keeps them off
 * characters the agent types.
 */
export function useShortcuts(store: DeskStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const focus = (id: string) => document.getElementById(id)?.focus();
      if (e.key === 'ArrowDown') store.openNext(1);
      else if (e.key === 'ArrowUp') store.openNext(-1);
      else if (e.code === 'KeyN') focus('note');
      else if (e.code === 'KeyR') focus('reply');
      // The canned replies' search: typing narrows the list, Enter takes the first match.
      else if (e.code === 'KeyC') focus('canned-search');
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);
}
