/**
 * Starts a co-location request from anywhere in the app (a tower's panel, a coverage-gap
 * candidate, the route planner's counterparts) without those features importing the
 * co-location panel: they call `launchColocationRequest`, the panel listens.
 *
 * The panel is rendered only while open, so the always-mounted notification bell listens, keeps
 * the prefill here ({@link setPendingPrefill}) and opens the panel, which takes it when it mounts
 * ({@link takePendingPrefill}).
 */
export interface ColocationPrefill {
  /** The assets to ask for: one request per tower or pole, one per duct path. */
  targets: {
    kind: 'tower' | 'pole' | 'duct';
    id: string;
    ownerOrgId?: string;
    label?: string;
    /** Duct segments only: the length to occupy, metres. */
    lengthM?: number;
  }[];
  /** Why, e.g. "covers 1 234 people newly" (from the analysis) or "route planner: A → B". */
  justification?: string;
  technology?: '2G' | '3G' | '4G' | '5G';
  /** Where it was started (the API keeps it for statistics); default 'map'. */
  source?: 'map' | 'coverage_gap' | 'route_planner';
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

/** The launch waiting for the panel, and who to tell when a new one arrives while it is open. */
let pending: ColocationPrefill | null = null;
const pendingListeners = new Set<() => void>();

/** Keeps `prefill` until the panel takes it; an open panel is told at once. */
export function setPendingPrefill(prefill: ColocationPrefill): void {
  pending = prefill;
  for (const listener of pendingListeners) listener();
}

/** Returns the waiting prefill (if any) and forgets it, so it is used once. */
export function takePendingPrefill(): ColocationPrefill | null {
  const taken = pending;
  pending = null;
  return taken;
}

/** A request to open in the panel (a notification was clicked); taken once, like the prefill. */
let pendingRequestId: string | null = null;

export function setPendingRequest(id: string): void {
  pendingRequestId = id;
  for (const listener of pendingListeners) listener();
}

export function takePendingRequest(): string | null {
  const taken = pendingRequestId;
  pendingRequestId = null;
  return taken;
}

/** Called when a prefill or a request to open is set (an open panel switches to the form); returns the unsubscribe. */
export function onPendingPrefill(listener: () => void): () => void {
  pendingListeners.add(listener);
  return () => {
    pendingListeners.delete(listener);
  };
}
