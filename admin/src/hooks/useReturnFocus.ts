import * as React from 'react';

/**
 * The button that opened something — an inline editor, a dialog — takes the focus back when it
 * closes (saved, cancelled, Escape). The editor is gone from the page, and the design system's
 * dialogs give the focus back only to a Dialog.Trigger, which ours (opened from state) do not have:
 * without this the focus falls to the top of the page. Pass `ref` to share the button's own ref.
 */
export const useReturnFocus = <T extends HTMLElement = HTMLButtonElement>(open: boolean, ref?: React.RefObject<T>) => {
  const own = React.useRef<T>(null);
  const button = ref ?? own;
  const wasOpen = React.useRef(open);
  React.useEffect(() => {
    if (wasOpen.current && !open) button.current?.focus();
    wasOpen.current = open;
  }, [open]); // eslint-disable-line react-hooks/exhaustive-deps -- the ref is stable
  return button;
};
