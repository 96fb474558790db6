/**
 * What the main thread and a parse worker say to each other. A task carries the spooled file's
 * path and the limits; an import task also a database handle, through which the worker stages
 * the rows, records progress and validates them itself (no row crosses to the request thread);
 * a small text upload (an FTTH CSV) comes as text and goes back as checked-shape rows.
 * Over `port` it says when it starts and what layer it found, waiting for an `ack` each time.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ImportPart, KeySiteImportRequest } from '@hatang/contracts';
import type { DatabaseHandle } from '@hatang/db';
import type { CrsCode } from '@hatang/geo';
import type { LimitError, ParseLimits } from '@hatang/geo/formats';

export type LimitName = LimitError['limit'];

export type ParseTask =
  | {
      kind: 'import';
      path: string;
      fileName: string;
      requestedCrs: CrsCode | undefined;
      columns: { x: string; y: string } | undefined;
      /** .xlsx: the sheet; DXF: the layers (features/imports/upload-source.ts PartChoice). */
      sheet?: string | undefined;
      layers?: string[] | undefined;
      /** Where the rows go: the worker stages them into import_rows of `importId` itself. */
      importId: string;
      /** The layer (asset resource path) and the owner every row must have (own grants). */
      resource: string;
      onlyOwner: string | undefined;
      db: DatabaseHandle;
      limits: ParseLimits;
      port: MessagePort;
    }
  /** A population GeoTIFF: read, and its cells written (one transaction) by the worker. */
  | { kind: 'raster'; path: string; db: DatabaseHandle; limits: ParseLimits; port: MessagePort }
  /**
   * An operator's FTTH CSV (sent as text in a JSON body, at most FTTH_MAX_CSV_CHARS): read into
   * rows or the problems of its header and shape (features/ftth/ftth-csv.ts, a `CsvRead`).
   */
  | { kind: 'ftth-csv'; text: string; limits: ParseLimits; port: MessagePort }
  /** A key-site file (CSV or GeoJSON text): its sites or every problem (features/sites/key-site-import.ts). */
  | { kind: 'key-sites'; request: KeySiteImportRequest; limits: ParseLimits; port: MessagePort }
  /** A DXF drawing (an attachment, at most the attachment limit): its entities as WGS 84 GeoJSON (a DxfRead). */
  | { kind: 'dxf'; bytes: Uint8Array; limits: ParseLimits; port: MessagePort };

/** Worker → main. `start`: the task began (the time budget runs from here). */
export type WorkerMessage =
  | { type: 'start' }
  | {
      type: 'meta';
      format: string;
      fields: string[];
      detectedCrs: CrsCode | undefined;
      crs: CrsCode;
      parts: ImportPart[];
    };

/** A refusal, as plain data (class instances do not survive the thread boundary). */
export type TaskFailure =
  | { kind: 'limit'; limit: LimitName; value: number; message: string }
  | { kind: 'format'; code: string; message: string }
  | { kind: 'invalid'; message: string };

export type TaskResult<T> = { ok: true; value: T } | { ok: false; failure: TaskFailure };
