/**
 * The application's attached DXF drawings on the reviewer's map: each DXF's entities are fetched
 * (the API reads them as VN-2000 TM-3 Hải Phòng and answers WGS 84 GeoJSON) and the ones the user
 * has not switched off are drawn together as one overlay. DWG files are listed, not drawn.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { ApiRequestError } from '../../lib/api-client';
import { permitsKey } from './application-list';
import { type AttachmentInfo, getDrawing, listAttachments } from './permits-api';

/** What the attachments list says about one DXF. */
export type DrawingState =
  | { status: 'loading' }
  | { status: 'read'; count: number; skipped: number }
  | { status: 'failed'; message: string };

type Read = { id: string; features: readonly unknown[]; skipped: number } | { id: string; error: string };

export const attachmentsKey = (id: string) => [...permitsKey, 'attachments', id];

async function readAll(applicationId: string, files: AttachmentInfo[], signal: AbortSignal): Promise<Read[]> {
  return Promise.all(
    files.map(async (f): Promise<Read> => {
      try {
        const drawing = await getDrawing(applicationId, f.id, signal);
        return { id: f.id, features: drawing.features, skipped: drawing.skipped };
      } catch (error) {
        if (error instanceof ApiRequestError) return { id: f.id, error: error.message };
        throw error;
      }
    }),
  );
}

/**
 * The drawings of `applicationId` (none while undefined): each DXF attachment's state, and the
 * features of those not in `hidden` as one FeatureCollection (null when nothing is to be drawn).
 */
export function useAttachedDrawings(applicationId: string | undefined, hidden: ReadonlySet<string>) {
  const list = useQuery({
    queryKey: attachmentsKey(applicationId ?? ''),
    queryFn: ({ signal }) => listAttachments(applicationId ?? '', signal),
    enabled: applicationId !== undefined,
    retry: false,
  });
  const dxfs = useMemo(() => (list.data ?? []).filter((f) => f.mediaType === 'image/vnd.dxf'), [list.data]);
  const reads = useQuery({
    queryKey: [...permitsKey, 'drawings', applicationId ?? '', dxfs.map((f) => f.id).join(',')],
    queryFn: ({ signal }) => readAll(applicationId ?? '', dxfs, signal),
    enabled: applicationId !== undefined && dxfs.length > 0,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  return useMemo(() => {
    const states: Record<string, DrawingState> = {};
    for (const f of dxfs) states[f.id] = { status: 'loading' };
    const features: unknown[] = [];
    for (const r of reads.data ?? []) {
      if ('error' in r) {
        states[r.id] = { status: 'failed', message: r.error };
        continue;
      }
      states[r.id] = { status: 'read', count: r.features.length, skipped: r.skipped };
      if (!hidden.has(r.id)) features.push(...r.features);
    }
    const data = features.length > 0 ? { type: 'FeatureCollection' as const, features } : null;
    return { states, data };
  }, [dxfs, reads.data, hidden]);
}
