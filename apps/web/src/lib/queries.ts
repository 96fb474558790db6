import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { fetchAdminUnits, fetchAssets, fetchOrganisations } from './api-client';
import type { AssetResource, Bbox } from './types';

/** Reference data changes rarely; keep it for the session. */
const REFERENCE_STALE_MS = 30 * 60_000;

export const useOrganisations = () =>
  useQuery({
    queryKey: ['organisations'],
    queryFn: ({ signal }) => fetchOrganisations(signal),
    staleTime: REFERENCE_STALE_MS,
  });

/**
 * An organisation's name for the screen (people read names, not codes like OP-BIEN): by id, with
 * `fallback` (a code) only while the list loads or when the organisation is not in it.
 */
export function useOrganisationName(): (id: string | null | undefined, fallback?: string | null) => string {
  const { data } = useOrganisations();
  return useCallback(
    (id, fallback) => (id ? data?.find((o) => o.id === id)?.name : undefined) ?? fallback ?? '—',
    [data],
  );
}

export const useAdminUnits = () =>
  useQuery({
    queryKey: ['admin-units'],
    queryFn: ({ signal }) => fetchAdminUnits(signal),
    staleTime: REFERENCE_STALE_MS,
  });

/** Most features one view of a dense layer loads (pages of 10,000). */
export const BBOX_MAX_FEATURES = 30_000;

/** Query options for one asset group: the whole collection, or the features in `bbox`. */
export function assetQueryOptions(resource: AssetResource, bbox: Bbox | null, enabled: boolean) {
  return {
    queryKey: ['assets', resource, bbox ?? 'all'] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      bbox ? fetchAssets(resource, { bbox }, signal, BBOX_MAX_FEATURES) : fetchAssets(resource, {}, signal),
    enabled,
    staleTime: 5 * 60_000,
    // While the next view loads, keep drawing the previous one.
    placeholderData: bbox ? keepPreviousData : undefined,
  };
}
