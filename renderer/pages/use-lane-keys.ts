// The Lanes page from the keyboard: 1–9 select a lane, F2 or O opens the manual-open dialog for
// the selected lane (its reason field then takes the typing, Enter confirms). Keys typed into a
// field, or with Ctrl/Alt/Meta held, are left alone.
import { useEffect } from 'react';

interface LaneKeys {
  laneIds: string[];
  selectedId: string | null;
  /** While a dialog is open the page's keys are off. */
  dialogOpen: boolean;
  select(laneId: string): void;
  manualOpen(laneId: string): void;
}

const MANUAL_OPEN_KEYS = ['F2', 'o', 'O'];

export function useLaneKeys({ laneIds, selectedId, dialogOpen, select, manualOpen }: LaneKeys) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (dialogOpen || event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTypingTarget(event.target)) return;

      if (/^[1-9]$/.test(event.key)) {
        const laneId = laneIds[Number(event.key) - 1];
        if (laneId === undefined) return;
        event.preventDefault();
        select(laneId);
        return;
      }

      if (MANUAL_OPEN_KEYS.includes(event.key) && selectedId !== null) {
        // Keeps the key from landing as an 'o' in the dialog's reason field.
        event.preventDefault();
        manualOpen(selectedId);
      }
    };

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [laneIds, selectedId, dialogOpen, select, manualOpen]);
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
