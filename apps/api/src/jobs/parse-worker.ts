/**
 * Runs inside a parse worker (never on the request thread): opens the spooled upload with the
 * readers of @hatang/geo and streams features back in chunks, or reads a population GeoTIFF.
 * The worker's heap is capped and the main thread terminates it when its time budget runs out.
 */
import { once } from 'node:events';
import { openAsBlob } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { FormatError, LimitError } from '@hatang/geo/formats';
import { ApiError } from '../errors.js';
import { readPopulationRaster } from '../imports/population-raster.js';
import { openUpload } from '../imports/upload-source.js';
import type { ParseTask, TaskFailure, TaskResult, WorkerMessage } from './parse-task.js';

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
    if (task.kind === 'raster') {
      const raster = await readPopulationRaster(new Uint8Array(await readFile(task.path)), task.limits);
      return { ok: true, value: raster };
    }
    const { limits } = task;
    const source = await openUpload(
      await openAsBlob(task.path),
      task.fileName,
      task.requestedCrs,
      task.columns,
      limits,
    );
    await send({
      type: 'meta',
      format: source.format,
      fields: source.fields,
      detectedCrs: source.detectedCrs,
      crs: source.crs,
    });
    let rows = 0;
    for await (const chunk of source.chunks) {
      rows += chunk.features.length;
      if (rows > limits.maxFeatures)
        throw new LimitError(
          'maxFeatures',
          limits.maxFeatures,
          `The file holds more than ${limits.maxFeatures} features (maxFeatures = ${limits.maxFeatures}); nothing was imported`,
        );
      await send({ type: 'chunk', features: chunk.features, bytesRead: chunk.bytesRead });
    }
    return { ok: true, value: { rows } };
  } catch (error) {
    return { ok: false, failure: failureOf(error) };
  } finally {
    port.close();
  }
}
