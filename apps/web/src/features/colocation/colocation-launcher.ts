/**
 * Starts a co-location request from anywhere in the app (a tower's panel, a coverage-gap
 * candidate, the route planner's counterparts) without those features importing the
 * co-location panel: they call `launchColocationRequest`, the panel listens.
 */
export interface ColocationPrefill {
  /** The assets to ask for: one request per target. */
  targets: {
    kind: 'tower' | 'pole' | 'duct';
    id: string;
    ownerOrgId?: string;
    label?: string;
    lengthM?: number;
  }[];
  /** Why, e.g. "covers 1 234 people newly" (from the analysis) or "route planner: A → B". */
  justification?: string;
  technology?: '2G' | '3G' | '4G' | '5G';
}

const EVENT = 'hatang:colocation-request';

export function launchColocationRequest(prefill: ColocationPrefill): void {
  window.dispatchEvent(new CustomEvent<ColocationPrefill>(EVENT, { detail: prefill }));
}

/** Subscribes to launches; returns the unsubscribe function (for a useEffect). */
export function onColocationRequest(handler: (prefill: ColocationPrefill) => void): () => void {
  const listener = (event: Event) => handler((event as CustomEvent<ColocationPrefill>).detail);
  window.addEventListener(EVENT, listener);
  return () => window.removeEventListener(EVENT, listener);
}
