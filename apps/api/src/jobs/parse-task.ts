/**
 * What the main thread and a parse worker say to each other. A task carries the spooled file's
 * path and the limits; the worker streams what it reads back over `port` and waits for an `ack`
 * after each message, so at most one chunk is in flight and the database sets the pace.
 */
import type { MessagePort } from 'node:worker_threads';
import type { CrsCode } from '@hatang/geo';
import type { LimitError, ParseLimits, SourceFeature } from '@hatang/geo/formats';

export type LimitName = LimitError['limit'];

export type ParseTask =
  | {
      kind: 'import';
      path: string;
      fileName: string;
      requestedCrs: CrsCode | undefined;
      columns: { x: string; y: string } | undefined;
      limits: ParseLimits;
      port: MessagePort;
    }
  | { kind: 'raster'; path: string; limits: ParseLimits; port: MessagePort };

/** Worker → main. `start`: the task began (the time budget runs from here). */
export type WorkerMessage =
  | { type: 'start' }
  | { type: 'meta'; format: string; fields: string[]; detectedCrs: CrsCode | undefined; crs: CrsCode }
  | { type: 'chunk'; features: SourceFeature[]; bytesRead: number };

/** A refusal, as plain data (class instances do not survive the thread boundary). */
export type TaskFailure =
  | { kind: 'limit'; limit: LimitName; value: number; message: string }
  | { kind: 'format'; code: string; message: string }
  | { kind: 'invalid'; message: string };

export type TaskResult<T> = { ok: true; value: T } | { ok: false; failure: TaskFailure };
