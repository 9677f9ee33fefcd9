import * as React from 'react';

/**
 * A design-system Button is disabled while it is `loading`, and a disabled button drops the focus to
 * the page: a keyboard user is sent back to the top. Call `remember()` as the button starts its
 * work; once `busy` is over, the focus goes back to it, unless something else took it meanwhile.
 */
export const useKeepFocus = <T extends HTMLElement = HTMLButtonElement>(busy: boolean) => {
  const ref = React.useRef<T>(null);
  const owed = React.useRef(false);
  React.useEffect(() => {
    if (busy || !owed.current) return;
    owed.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) ref.current?.focus();
  }, [busy]);
  const remember = React.useCallback(() => {
    owed.current = document.activeElement === ref.current;
  }, []);
  return { ref, remember };
};
