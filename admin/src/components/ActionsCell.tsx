import * as React from 'react';
import { Td } from '@strapi/design-system';

type ActionsCellProps = React.ComponentProps<typeof Td>;

const GRID_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);

/**
 * A table cell holding a row's buttons. A design-system table is an ARIA grid (Tab enters it once,
 * the arrows move between cells), and its cell, once it holds several buttons, calls preventDefault
 * on every key: Enter and Space do not press them, Tab does not leave (a keyboard trap), and Escape
 * does not close a dialog opened from the cell (React bubbles the dialog's keys through the cell).
 * This cell's own handler replaces that one: ← and → move between its buttons (past the first or
 * the last, the grid moves on), every other key does what it does anywhere, and the arrow keys of a
 * dialog opened from here are kept from the grid.
 */
export const ActionsCell = ({ children, ...props }: ActionsCellProps) => (
  <Td
    {...props}
    onKeyDown={(event: React.KeyboardEvent<HTMLElement>) => {
      const cell = event.currentTarget;
      if (!cell.contains(event.target as Node)) {
        // From a dialog portalled out of the cell: the grid must not move its focus.
        if (GRID_KEYS.has(event.key)) event.stopPropagation();
        return;
      }
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      const buttons = [...cell.querySelectorAll<HTMLElement>('button:not([disabled])')];
      const at = buttons.indexOf(document.activeElement as HTMLElement);
      const next = at < 0 ? undefined : buttons[at + (event.key === 'ArrowRight' ? 1 : -1)];
      if (!next) return;
      event.preventDefault();
      event.stopPropagation();
      next.focus();
    }}
  >
    {children}
  </Td>
);
