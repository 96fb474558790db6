import type { CoverageRequest } from '@hatang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  type CoverageJob,
  type CoverageResult,
  cancelCoverage,
  fetchCoverageJob,
  startCoverage,
} from './analysis-api';

/** How often a running job is asked for its progress. */
const POLL_MS = 400;
/** How often a shown result checks whether the data moved on (also on window focus). */
const FRESHNESS_MS = 30_000;

export const analysisKeys = {
  job: (jobId: string) => ['analysis', 'coverage', 'job', jobId] as const,
  freshness: (request: CoverageRequest, jobId: string) =>
    ['analysis', 'coverage', 'freshness', JSON.stringify(request), jobId] as const,
};

/** A finished run: the request, its job and its result. */
export interface ShownRun {
  request: CoverageRequest;
  jobId: string;
  result: CoverageResult;
}

export interface CoverageAnalysis {
  /** Starts a run (or re-runs); the previous result stays shown until the new one is done. */
  run: (request: CoverageRequest) => void;
  /** The run being computed, while it is (progress 0..1 and the server's step). */
  active: { progress: number; step: string } | null;
  /** The last finished run. */
  shown: ShownRun | null;
  /** The finished run before it, for the same request (what changed). */
  previous: ShownRun | null;
  error: Error | null;
  /** The data (towers, tenancies) changed since `shown` was computed. */
  dataChanged: boolean;
  /** The last run was started by a tower edit in this session. */
  autoRerun: boolean;
}

const sameRequest = (a: CoverageRequest, b: CoverageRequest) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Coverage runs through TanStack Query: POST starts a job, its GET is polled (refetchInterval)
 * until done. A finished result re-checks the data version every 30 s and on window focus (a POST
 * of the same request answers the cached job while nothing changed, a new one when it did), and a
 * tower write in this session (the towers query invalidated) re-runs at once.
 */
export function useCoverageAnalysis(enabled: boolean): CoverageAnalysis {
  const queryClient = useQueryClient();
  const [request, setRequest] = useState<CoverageRequest | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [shown, setShown] = useState<ShownRun | null>(null);
  const [previous, setPrevious] = useState<ShownRun | null>(null);
  const [autoRerun, setAutoRerun] = useState(false);

  const start = useMutation({
    mutationFn: (r: CoverageRequest) => startCoverage(r),
    onSuccess: (job: CoverageJob, r) => {
      setRequest(r);
      setJobId(job.jobId);
    },
  });

  const job = useQuery({
    queryKey: analysisKeys.job(jobId ?? ''),
    queryFn: ({ signal }) => fetchCoverageJob(jobId ?? '', signal),
    enabled: enabled && jobId !== null,
    // A finished job never changes; a running one is polled until it is done or failed.
    staleTime: Number.POSITIVE_INFINITY,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });

  // A finished job becomes the shown result; the one before it is kept to show what changed.
  const done = job.data?.status === 'done' && job.data.result ? job.data : null;
  useEffect(() => {
    if (!done?.result || !request || shown?.jobId === done.jobId) return;
    const next: ShownRun = { request, jobId: done.jobId, result: done.result };
    setPrevious(shown && sameRequest(shown.request, request) ? shown : null);
    setShown(next);
  }, [done, request, shown]);

  const running = job.data?.status === 'running' || start.isPending || (jobId !== null && job.isPending);

  // A job still running when the panel closes, or when a newer run replaces it, is cancelled on
  // the server (it would otherwise compute for nobody and hold a place in the user's queue).
  const runningJob = useRef<string | null>(null);
  useEffect(() => {
    const current = running && jobId ? jobId : null;
    const before = runningJob.current;
    if (before && before !== current && job.data?.jobId !== before) cancelCoverage(before).catch(() => {});
    runningJob.current = current;
  }, [running, jobId, job.data?.jobId]);
  useEffect(
    () => () => {
      if (runningJob.current) cancelCoverage(runningJob.current).catch(() => {});
    },
    [],
  );
  const active = running ? { progress: job.data?.progress ?? 0, step: job.data?.step ?? 'queued' } : null;

  const freshness = useQuery({
    queryKey: analysisKeys.freshness(shown?.request ?? { technology: '5G' }, shown?.jobId ?? ''),
    queryFn: () => (shown ? startCoverage(shown.request) : Promise.reject(new Error('nothing shown'))),
    enabled: enabled && shown !== null && !running,
    staleTime: 0,
    refetchInterval: FRESHNESS_MS,
    refetchOnWindowFocus: true,
    retry: false,
  });
  const dataChanged =
    shown !== null && freshness.data !== undefined && freshness.data.jobId !== shown.jobId && !running;

  const run = useCallback(
    (r: CoverageRequest) => {
      setAutoRerun(false);
      start.mutate(r);
    },
    [start.mutate],
  );

  // A tower saved, moved or deleted in this session (the editing feature invalidates the towers
  // queries, the collection's and the feature's): re-run the shown request so the table and the gaps follow the edit.
  const shownRef = useRef(shown);
  shownRef.current = shown;
  useEffect(() => {
    if (!enabled) return;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== 'updated' || event.action.type !== 'invalidate') return;
      const [scope, resource] = event.query.queryKey;
      const current = shownRef.current;
      if ((scope !== 'assets' && scope !== 'asset') || resource !== 'towers' || !current) return;
      setAutoRerun(true);
      start.mutate(current.request);
    });
  }, [enabled, queryClient, start.mutate]);

  const jobError =
    job.data?.status === 'failed' ? new Error(job.data.error ?? 'the coverage job failed') : job.error;
  return {
    run,
    active,
    shown,
    previous,
    error: start.error ?? jobError ?? null,
    dataChanged,
    autoRerun: autoRerun && running,
  };
}
