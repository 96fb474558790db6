import type { ReactNode } from 'react';

/**
 * A wide table's sideways-scrolling frame that a keyboard can reach (focusable, named: a region),
 * so the columns past the edge are not only for mouse and touch users.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to scroll by keyboard (WCAG 2.1.1).
    <section className="public-table-wrap" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
