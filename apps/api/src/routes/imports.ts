import { assetResources, type ResourceDefinition, toIssues } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { isSupportedCrs } from '@hatang/geo';
import { csvLine, FormatError, LimitError } from '@hatang/geo/formats';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.js';
import { ApiError, notFound, validationFailed } from '../errors.js';
import { readJsonBody } from '../http/body.js';
import { type MultipartUpload, readMultipart, type SpooledFile } from '../http/multipart.js';
import type { CommitResult } from '../imports/commit-import.js';
import { checkMapping, fieldMappingSchema } from '../imports/field-mapping.js';
import { findJob, remapImport, startImport, viewImport } from '../imports/import-jobs.js';
import type { ImportJob } from '../imports/import-store.js';
import type { PopulationImportResult } from '../imports/population-raster.js';
import type { ComputePool } from '../jobs/compute-pool.js';
import { busyResponse, type ParsePool, PoolBusyError, type PoolSlot } from '../jobs/parse-pool.js';

export interface ImportRouteOptions {
  /** Largest accepted upload, bytes (default: the pool's maxUploadBytes, 200 MB). */
  maxUploadBytes?: number;
  /** Told after a commit, e.g. so coverage analyses recompute after a tower import. */
  onCommitted?: (resource: string, result: CommitResult) => void;
}

const DEFINITIONS = new Map<string, ResourceDefinition>(assetResources.map((r) => [r.path, r]));

const patchBody = z.strictObject({
  mapping: fieldMappingSchema.optional(),
  duplicates: z.enum(['update', 'skip']).optional(),
  validRowsOnly: z.boolean().optional(),
});

/** A LimitError as the HTTP answer: 422 naming the limit and its value. */
export function limitExceeded(error: LimitError): ApiError {
  return new ApiError(422, 'LIMIT_EXCEEDED', error.message, [
    { path: ['file'], message: `${error.limit} = ${error.value}` },
  ]);
}

/** Routes under /api/v1/imports: upload, progress and report, remap, report.csv, commit; population grid. */
export function importRoutes(
  db: Database,
  pool: ParsePool,
  compute: ComputePool,
  options: ImportRouteOptions = {},
) {
  const app = new Hono<AppEnv>();
  const maxBytes = options.maxUploadBytes ?? pool.limits.maxUploadBytes;
  const tooLarge = () =>
    new ApiError(
      413,
      'PAYLOAD_TOO_LARGE',
      `The file is larger than the import limit of ${maxBytes} bytes (maxUploadBytes = ${maxBytes}); nothing was imported`,
      [{ path: ['file'], message: `maxUploadBytes = ${maxBytes}` }],
    );
  /**
   * Takes a place in the parse pool (503 with Retry-After when it is full, before a byte of the
   * body is read), then streams the upload to a temporary file. The caller owns both.
   */
  async function receive(
    c: Context<AppEnv>,
  ): Promise<{ upload: MultipartUpload; file: SpooledFile; slot: PoolSlot }> {
    let slot: PoolSlot;
    try {
      slot = pool.reserve();
    } catch (error) {
      if (error instanceof PoolBusyError) throw busyResponse(c);
      throw error;
    }
    try {
      const upload = await readMultipart(c, {
        maxFileBytes: maxBytes,
        spoolDir: pool.limits.spoolDir,
        tooLarge,
      });
      const { file } = upload;
      if (!file) {
        await upload.remove();
        throw validationFailed([{ path: ['file'], message: 'attach the file as the "file" part' }]);
      }
      return { upload, file, slot };
    } catch (error) {
      slot.release();
      throw error;
    }
  }
  /** Owner every row must have when the grant is `own` (an operator editor). */
  const onlyOwnerOf = (c: Context<AppEnv>) => {
    const grant = c.get('grant');
    return grant?.scope === 'own'
      ? (grant.principal?.orgId ?? '00000000-0000-0000-0000-000000000000')
      : undefined;
  };
  /** Only the user who uploaded (or an admin) sees and drives an import. */
  async function ownJob(
    c: Context<AppEnv>,
    lockFree = true,
  ): Promise<{ job: ImportJob; definition: ResourceDefinition }> {
    const job = await findJob(db, c.req.param('id') ?? '');
    const principal = c.get('principal');
    if (
      !job ||
      !lockFree ||
      !principal ||
      (job.createdBy !== principal.userId && !principal.roles.includes('admin'))
    )
      throw notFound('Import');
    const definition = DEFINITIONS.get(job.resource);
    if (!definition) throw notFound('Import');
    return { job, definition };
  }

  app.post('/', async (c) => {
    const { upload, file, slot } = await receive(c);
    const { fields } = upload;
    let started = false;
    try {
      const issues = [];
      const definition = DEFINITIONS.get(fields.resource ?? '');
      if (!definition)
        issues.push({
          path: ['resource'],
          message: `choose the target layer: one of ${[...DEFINITIONS.keys()].join(', ')}`,
        });
      const crs = fields.crs?.trim().toUpperCase();
      if (crs && !isSupportedCrs(crs))
        issues.push({
          path: ['crs'],
          message: `unsupported CRS "${fields.crs}": use EPSG:9210, EPSG:9209, EPSG:3405, EPSG:32648 or EPSG:4326`,
        });
      const xField = fields.xField?.trim();
      const yField = fields.yField?.trim();
      if (Boolean(xField) !== Boolean(yField))
        issues.push({
          path: [xField ? 'yField' : 'xField'],
          message: 'give both coordinate columns (xField and yField) or neither',
        });
      if (issues.length > 0 || !definition) throw validationFailed(issues);
      const principal = c.get('principal');
      let id: string;
      try {
        id = await startImport(db, {
          file,
          removeFile: upload.remove,
          slot,
          fileName: file.name || 'upload',
          definition,
          requestedCrs: crs && isSupportedCrs(crs) ? crs : undefined,
          csvColumns: xField && yField ? { x: xField, y: yField } : undefined,
          createdBy: principal?.userId ?? null,
          createdByOrg: principal?.orgId ?? null,
          onlyOwner: onlyOwnerOf(c),
        });
        started = true;
      } catch (error) {
        if (error instanceof FormatError) {
          throw new ApiError(400, 'VALIDATION_FAILED', error.message, [
            { path: ['file'], message: error.message },
          ]);
        }
        throw error;
      }
      const job = await findJob(db, id);
      if (!job) throw notFound('Import');
      c.header('Location', `/api/v1/imports/${id}`);
      return c.json(await viewImport(db, job, definition), 202);
    } finally {
      if (!started) {
        slot.release();
        await upload.remove();
      }
    }
  });

  /** A population GeoTIFF: read in a parse worker (cells checked first), then one transaction. */
  app.post('/population', async (c) => {
    const { upload, file, slot } = await receive(c);
    try {
      // Read and written by the parse worker: a raster's pixels never cross to this thread.
      const { handle } = await db.workerHandle();
      return c.json(await slot.run<PopulationImportResult>({ kind: 'raster', path: file.path, db: handle }));
    } catch (error) {
      if (error instanceof LimitError) throw limitExceeded(error);
      throw error;
    } finally {
      slot.release();
      await upload.remove();
    }
  });

  app.get('/:id', async (c) => {
    const { job, definition } = await ownJob(c);
    return c.json(await viewImport(db, job, definition));
  });

  app.patch('/:id', async (c) => {
    const { job, definition } = await ownJob(c);
    const parsed = patchBody.safeParse(await readJsonBody(c));
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    if (job.status !== 'ready')
      throw new ApiError(409, 'CONFLICT', `The import is ${job.status}: only a ready import can be changed`);
    if (parsed.data.mapping) {
      const problems = checkMapping(definition, parsed.data.mapping, job.fields);
      if (problems.length) throw validationFailed(problems);
    }
    const onlyOwner = onlyOwnerOf(c);
    await remapImport(db, job, parsed.data, (mapping) =>
      compute.run({
        kind: 'import-validate',
        importId: job.id,
        resource: definition.path,
        mapping,
        onlyOwner,
      }),
    );
    const updated = await findJob(db, job.id);
    if (!updated) throw notFound('Import');
    return c.json(await viewImport(db, updated, definition));
  });

  /** Valid rows that match existing assets (same code or place), as the commit will see them. */
  app.get('/:id/duplicates', async (c) => {
    const { job, definition } = await ownJob(c);
    if (job.status !== 'ready')
      throw new ApiError(
        409,
        'CONFLICT',
        `The import is ${job.status}: duplicates are checked before the commit`,
      );
    return c.json(
      await compute.run(
        {
          kind: 'import-duplicates',
          importId: job.id,
          resource: definition.path,
          mapping: job.mapping,
          onlyOwner: onlyOwnerOf(c),
        },
        c.req.raw.signal,
      ),
    );
  });

  app.get('/:id/report.csv', async (c) => {
    const { job } = await ownJob(c);
    const rows = await db.query<{ row: number; field: string; message: string }>(
      'SELECT row_no AS row, field, message FROM import_issues WHERE import_id = $1 ORDER BY row_no, field',
      [job.id],
    );
    const csv =
      csvLine(['row', 'field', 'message']) + rows.map((r) => csvLine([r.row, r.field, r.message])).join('');
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', `attachment; filename="import-${job.id}-report.csv"`);
    return c.body(`\uFEFF${csv}`);
  });

  app.post('/:id/commit', async (c) => {
    const { job, definition } = await ownJob(c);
    const principal = c.get('principal');
    // In the compute pool, in one transaction there; not cancelled if the client goes away (the
    // job's status tells the outcome when they come back).
    const result = await compute.run({
      kind: 'import-commit',
      importId: job.id,
      resource: definition.path,
      actor: {
        userId: principal?.userId ?? null,
        name: principal?.displayName ?? null,
        orgId: principal?.orgId ?? null,
        via: principal?.via ?? 'system',
        requestId: c.get('requestId') ?? 'unknown',
        clientRequestId: c.get('clientRequestId') ?? null,
      },
      onlyOwner: onlyOwnerOf(c),
    });
    options.onCommitted?.(definition.path, result);
    const updated = await findJob(db, job.id);
    if (!updated) throw notFound('Import');
    return c.json(await viewImport(db, updated, definition));
  });

  return app;
}
