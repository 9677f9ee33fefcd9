import * as React from 'react';

export interface ReviewKeyActions {
  approve(): void;
  edit(): void;
  reject(): void;
  regenerate(): void;
  next(): void;
  previous(): void;
}

/**
 * The review's keyboard: A approve, E edit, R reject, G reject and regenerate, J/↓ next, K/↑ previous.
 * Ignored while a field has the focus (the edit box handles Enter and Esc itself) or a modifier is held.
 */
export const useReviewKeys = (enabled: boolean, actions: ReviewKeyActions) => {
  const latest = React.useRef(actions);
  latest.current = actions;
  React.useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.getAttribute('role') === 'combobox')) return;
      const act = ({ a: 'approve', e: 'edit', r: 'reject', g: 'regenerate', j: 'next', arrowdown: 'next', k: 'previous', arrowup: 'previous' } as const)[event.key.toLowerCase()];
      if (!act) return;
      event.preventDefault();
      latest.current[act]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
};
