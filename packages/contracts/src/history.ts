/** A record's history as the history routes answer it (`GET …/:id/history`), newest first. */
import { z } from 'zod';

export const historyEntry = z.object({
  /** The record's version after the change (for a delete, the version deleted). */
  version: z.number().int(),
  action: z.enum(['create', 'update', 'delete', 'restore']),
  /** ISO 8601, UTC. */
  at: z.string(),
  /** The record as it was before and after (null for a create or a delete). */
  before: z.unknown(),
  after: z.unknown(),
  /** Who changed it; null when unknown, or hidden from the caller (then `actorHidden`). */
  actor: z
    .object({ userId: z.string(), displayName: z.string().nullable(), orgId: z.string().nullable() })
    .nullable(),
  actorHidden: z.boolean().optional(),
  /** The server's request id of the change (absent when the actor is hidden). */
  requestId: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const recordHistory = z.object({ items: z.array(historyEntry) });
export type RecordHistory = z.infer<typeof recordHistory>;
