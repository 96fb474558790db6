/** The public page's reads (anonymous, cached by the server per data version). */
import { publicEndpoints } from '@hatang/contracts';
import { useQuery } from '@tanstack/react-query';
import { callEndpoint } from '../../lib/endpoint-client';

/** The answers change when the data does; a visitor's page refreshes them now and then. */
const STALE_MS = 60_000;

export const usePublicPlan = () =>
  useQuery({
    queryKey: ['public', 'plan'],
    queryFn: ({ signal }) => callEndpoint(publicEndpoints.plan, {}, { signal }),
    staleTime: STALE_MS,
  });

export const usePublicIndicators = () =>
  useQuery({
    queryKey: ['public', 'indicators'],
    queryFn: ({ signal }) => callEndpoint(publicEndpoints.indicators, {}, { signal }),
    staleTime: STALE_MS,
  });

export const usePublicUndergrounding = () =>
  useQuery({
    queryKey: ['public', 'undergrounding'],
    queryFn: ({ signal }) => callEndpoint(publicEndpoints.undergrounding, {}, { signal }),
    staleTime: STALE_MS,
  });

export const usePublicTasks = () =>
  useQuery({
    queryKey: ['public', 'tasks'],
    queryFn: ({ signal }) => callEndpoint(publicEndpoints.tasks, {}, { signal }),
    staleTime: STALE_MS,
  });
