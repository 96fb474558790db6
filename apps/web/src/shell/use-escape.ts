/**
 * Escape closes what is on top, one thing per press: the header's menu, then the side panel, then
 * the selected asset's panel. In a text field the first press only leaves the field, so a form
 * half filled is not lost to a reflex; a dialog or a widget that handles Escape itself (and calls
 * `preventDefault`) keeps it.
 */
import { useEffect, useRef } from 'react';

export function useEscape(closers: ReadonlyArray<(() => void) | null>): void {
  // The latest closers, without re-adding the listener on every render.
  const ref = useRef(closers);
  ref.current = closers;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const target = e.target;
      if (
        target instanceof HTMLElement &&
        (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
      ) {
        target.blur();
        return;
      }
      if (target instanceof Element && target.closest('[role="dialog"], dialog')) return;
      const close = ref.current.find((c) => c !== null);
      if (close) {
        e.preventDefault();
        close();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
