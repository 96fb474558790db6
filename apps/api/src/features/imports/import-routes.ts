/**
 * Imports under /api/v1/imports: upload (parsed in the background), progress and report, remap,
 * duplicates, report.csv, commit; and the population grid. Only the user who uploaded (or an
 * admin) sees and drives an import; parsing, validation, duplicate matching and the commit run
 * in the worker pools, never on this thread.
 */
import { assetResources, importEndpoints, type ResourceDefinition } from '@hatang/contracts';
import { isSupportedCrs } from '@hatang/geo';
import { csvLine, FormatError, LimitError } from '@hatang/geo/formats';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../context.js';
import { ApiError, notFound, validationFailed } from '../../errors.js';
import { defineRoute, reply } from '../../http/define-route.js';
import type { ComputePool } from '../../jobs/compute-pool.js';
import { ASSET_EDITORS, type Rule } from '../../policy/rules.js';
import { checkMapping } from './field-mapping.js';
import { remapImport, startImport, viewImport } from './import-jobs.js';
import { findJob, type ImportJob, issueReport } from './import-repository.js';
import { limitExceeded, receiveUpload } from './import-upload.js';
import type { PopulationImportResult } from './population-raster.js';

/** The population grid is the city's reference data: city departments only. */
const CITY_DATA_EDITORS: Rule = { admin: 'all', planner: 'all' };
/** As for POST /api/v1/<asset> (ASSET_EDITORS): an operator editor imports only its own organisation's assets. */
const reading = { resource: 'imports', action: 'read', rule: ASSET_EDITORS } as const;

const DEFINITIONS = new Map<string, ResourceDefinition>(assetResources.map((r) => [r.path, r]));

function computeOf(c: Context<AppEnv>): ComputePool {
  const compute = c.var.services.compute;
  if (!compute) throw new Error('imports need the compute pool (app.ts sets it)');
  return compute;
}

/** Owner every row must have when the grant is `own` (an operator editor). */
const onlyOwnerOf = (c: Context<AppEnv>) => {
  const grant = c.get('grant');
  return grant?.scope === 'own'
    ? (grant.principal?.orgId ?? '00000000-0000-0000-0000-000000000000')
    : undefined;
};

/** The import `id`, if the caller uploaded it (or is an admin); else 404, as if it did not exist. */
async function ownJob(
  c: Context<AppEnv>,
  id: string,
): Promise<{ job: ImportJob; definition: ResourceDefinition }> {
  const job = await findJob(c.var.services.db, id);
  const principal = c.get('principal');
  if (!job || !principal || (job.createdBy !== principal.userId && !principal.roles.includes('admin')))
    throw notFound('Import');
  const definition = DEFINITIONS.get(job.resource);
  if (!definition) throw notFound('Import');
  return { job, definition };
}

/** The import as it is now, after a change. */
async function reloaded(c: Context<AppEnv>, id: string, definition: ResourceDefinition) {
  const { db } = c.var.services;
  const updated = await findJob(db, id);
  if (!updated) throw notFound('Import');
  return viewImport(db, updated, definition);
}

const layerNames = z.array(z.string().min(1).max(255)).min(1).max(1000);

/** The `layers` form field (a JSON array of DXF layer names): undefined when absent, null when malformed. */
function parseLayers(text: string | undefined): string[] | undefined | null {
  if (!text?.trim()) return undefined;
  try {
    const parsed = layerNames.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const startImportRoute = defineRoute(
  importEndpoints.startImport,
  { resource: 'imports', action: 'create', rule: ASSET_EDITORS },
  async (c) => {
    const { db } = c.var.services;
    const { upload, file, slot } = await receiveUpload(c);
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
      const sheet = fields.sheet?.trim() || undefined;
      const layers = parseLayers(fields.layers);
      if (layers === null)
        issues.push({
          path: ['layers'],
          message: 'give the DXF layers as a JSON array of names, e.g. ["ONG_CONG"]',
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
          sheet,
          layers: layers ?? undefined,
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
      return reply(c, importEndpoints.startImport, 202, await viewImport(db, job, definition));
    } finally {
      if (!started) {
        slot.release();
        await upload.remove();
      }
    }
  },
);

/** A population GeoTIFF: read in a parse worker (cells checked first), then one transaction. */
const importPopulationRoute = defineRoute(
  importEndpoints.importPopulation,
  { resource: 'population', action: 'update', rule: CITY_DATA_EDITORS },
  async (c) => {
    const { upload, file, slot } = await receiveUpload(c);
    try {
      // Read and written by the parse worker: a raster's pixels never cross to this thread.
      const { handle } = await c.var.services.db.workerHandle();
      const result = await slot.run<PopulationImportResult>({ kind: 'raster', path: file.path, db: handle });
      return reply(c, importEndpoints.importPopulation, 200, result);
    } catch (error) {
      if (error instanceof LimitError) throw limitExceeded(error);
      throw error;
    } finally {
      slot.release();
      await upload.remove();
    }
  },
);

const getImportRoute = defineRoute(importEndpoints.getImport, reading, async (c, { params }) => {
  const { job, definition } = await ownJob(c, params.id);
  return reply(c, importEndpoints.getImport, 200, await viewImport(c.var.services.db, job, definition));
});

const changeImportRoute = defineRoute(
  importEndpoints.changeImport,
  { resource: 'imports', action: 'update', rule: ASSET_EDITORS },
  async (c, { params, body }) => {
    const { job, definition } = await ownJob(c, params.id);
    if (job.status !== 'ready')
      throw new ApiError(409, 'CONFLICT', `The import is ${job.status}: only a ready import can be changed`);
    if (body.mapping) {
      const problems = checkMapping(definition, body.mapping, job.fields);
      if (problems.length) throw validationFailed(problems);
    }
    const onlyOwner = onlyOwnerOf(c);
    const compute = computeOf(c);
    await remapImport(c.var.services.db, job, body, (mapping) =>
      compute.run({
        kind: 'import-validate',
        importId: job.id,
        resource: definition.path,
        mapping,
        onlyOwner,
      }),
    );
    return reply(c, importEndpoints.changeImport, 200, await reloaded(c, job.id, definition));
  },
);

/** Valid rows that match existing assets (same code or place), as the commit will see them. */
const importDuplicatesRoute = defineRoute(
  importEndpoints.importDuplicates,
  reading,
  async (c, { params }) => {
    const { job, definition } = await ownJob(c, params.id);
    if (job.status !== 'ready')
      throw new ApiError(
        409,
        'CONFLICT',
        `The import is ${job.status}: duplicates are checked before the commit`,
      );
    const report = await computeOf(c).run(
      {
        kind: 'import-duplicates',
        importId: job.id,
        resource: definition.path,
        mapping: job.mapping,
        onlyOwner: onlyOwnerOf(c),
      },
      c.req.raw.signal,
    );
    return reply(c, importEndpoints.importDuplicates, 200, report);
  },
);

const importReportRoute = defineRoute(importEndpoints.importReport, reading, async (c, { params }) => {
  const { job } = await ownJob(c, params.id);
  const rows = await issueReport(c.var.services.db, job.id);
  const csv =
    csvLine(['row', 'field', 'message']) + rows.map((r) => csvLine([r.row, r.field, r.message])).join('');
  c.header('Content-Type', 'text/csv; charset=utf-8');
  c.header('Content-Disposition', `attachment; filename="import-${job.id}-report.csv"`);
  return c.body(`\uFEFF${csv}`);
});

const commitImportRoute = defineRoute(
  importEndpoints.commitImport,
  { resource: 'imports', action: 'create', rule: ASSET_EDITORS },
  async (c, { params }) => {
    const { job, definition } = await ownJob(c, params.id);
    const principal = c.get('principal');
    // In the compute pool, in one transaction there; not cancelled if the client goes away (the
    // job's status tells the outcome when they come back).
    const result = await computeOf(c).run({
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
    c.var.services.imports?.onCommitted?.(definition.path, result);
    return reply(c, importEndpoints.commitImport, 200, await reloaded(c, job.id, definition));
  },
);

export const importRoutes = [
  startImportRoute,
  importPopulationRoute,
  getImportRoute,
  changeImportRoute,
  importDuplicatesRoute,
  importReportRoute,
  commitImportRoute,
];
