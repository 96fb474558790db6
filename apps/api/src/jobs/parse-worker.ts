/**
 * Runs inside a parse worker (never on the request thread): opens the spooled upload with the
 * readers of @hatang/geo, stages its features chunk by chunk into import_rows and validates them
 * (through its own database connection), reads a population GeoTIFF and writes its cells, or
 * reads an operator's FTTH CSV or a key-site file into rows, or reads a DXF drawing into GeoJSON.
 * The worker's heap is capped and the main thread terminates it when its time budget runs out.
 */
import { once } from 'node:events';
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { assetResources } from '@hatang/contracts';
import { FormatError, LimitError, readDxf } from '@hatang/geo/formats';
import { ApiError } from '../errors.js';
import { readFtthCsv } from '../features/ftth/ftth-csv.js';
import { autoMapping } from '../features/imports/field-mapping.js';
import { updateJob } from '../features/imports/import-repository.js';
import { importPopulationRaster, readPopulationRaster } from '../features/imports/population-raster.js';
import { stageChunk } from '../features/imports/stage-rows.js';
import { openUpload } from '../features/imports/upload-source.js';
import { validateImport } from '../features/imports/validate-import.js';
import { parseKeySiteImport } from '../features/sites/key-site-import.js';
import type { ParseTask, TaskFailure, TaskResult, WorkerMessage } from './parse-task.js';
import { workerDatabase } from './worker-database.js';

function failureOf(error: unknown): TaskFailure {
  if (error instanceof LimitError)
    return { kind: 'limit', limit: error.limit, value: error.value, message: error.message };
  if (error instanceof FormatError) return { kind: 'format', code: error.code, message: error.message };
  if (error instanceof ApiError && error.status === 400) return { kind: 'invalid', message: error.message };
  throw error;
}

export default async function runParseTask(task: ParseTask): Promise<TaskResult<unknown>> {
  const { port } = task;
  const send = async (message: WorkerMessage) => {
    port.postMessage(message);
    await once(port, 'message');
  };
  port.postMessage({ type: 'start' } satisfies WorkerMessage);
  try {
    if (task.kind === 'dxf') return { ok: true, value: readDxf(task.bytes, task.limits) };
    if (task.kind === 'ftth-csv') return { ok: true, value: readFtthCsv(task.text) };
    if (task.kind === 'key-sites')
      return { ok: true, value: await parseKeySiteImport(task.request, task.limits) };
    if (task.kind === 'raster') {
      const raster = await readPopulationRaster(new Uint8Array(await readFile(task.path)), task.limits);
      return { ok: true, value: await importPopulationRaster(await workerDatabase(task.db), raster) };
    }
    const { limits } = task;
    const definition = assetResources.find((r) => r.path === task.resource);
    if (!definition) throw new Error(`unknown layer ${task.resource}`);
    const source = await openUpload(
      await openAsBlob(task.path),
      task.fileName,
      task.requestedCrs,
      task.columns,
      limits,
      { sheet: task.sheet, layers: task.layers, geometryType: definition.geometryType },
    );
    await send({
      type: 'meta',
      format: source.format,
      fields: source.fields,
      detectedCrs: source.detectedCrs,
      crs: source.crs,
      parts: source.parts,
    });
    const db = await workerDatabase(task.db);
    await updateJob(db, task.importId, {
      detectedCrs: source.detectedCrs ?? null,
      fields: source.fields,
      parts: source.parts,
    });
    let next = 1;
    for await (const chunk of source.chunks) {
      if (next - 1 + chunk.features.length > limits.maxFeatures)
        throw new LimitError(
          'maxFeatures',
          limits.maxFeatures,
          `The file holds more than ${limits.maxFeatures} features (maxFeatures = ${limits.maxFeatures}); nothing was imported`,
        );
      next = await stageChunk(db, task.importId, next, chunk.features, source.crs);
      await updateJob(db, task.importId, { rowsParsed: next - 1, bytesRead: chunk.bytesRead });
    }
    // The report under the automatic mapping, ready for the user to review.
    const mapping = autoMapping(definition, source.fields, { ownerOrgId: task.onlyOwner });
    await validateImport(db, task.importId, definition, mapping, task.onlyOwner);
    return { ok: true, value: { rows: next - 1 } };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
  } finally {
    port.close();
  }
}
