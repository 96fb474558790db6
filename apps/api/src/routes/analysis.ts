import { coverageRequest, toIssues } from '@hatang/contracts';
import type { Database } from '@hatang/db';
import { Hono } from 'hono';
import { coverageServiceFor } from '../analysis/coverage-service.js';
import type { AppEnv } from '../context.js';
import { notFound, validationFailed } from '../errors.js';
import { isUuid, readJsonBody } from '../http/body.js';

/**
 * Coverage analysis under /api/v1/analysis: `POST /coverage` starts a job (202 with its id, or
 * the cached job for the same request and data version), `GET /coverage/:jobId` reports its
 * progress and, when done, the commune summary, gap polygons and candidate sites.
 */
export function analysisRoutes(db: Database) {
  const app = new Hono<AppEnv>();
  const service = coverageServiceFor(db);

  app.post('/coverage', async (c) => {
    const parsed = coverageRequest.safeParse(await readJsonBody(c));
    if (!parsed.success) throw validationFailed(toIssues(parsed.error));
    const job = await service.start(parsed.data);
    c.header('Location', `/api/v1/analysis/coverage/${job.jobId}`);
    return c.json({ jobId: job.jobId, status: job.status, progress: job.progress }, 202);
  });

  app.get('/coverage/:jobId', (c) => {
    const jobId = c.req.param('jobId');
    const job = isUuid(jobId) ? service.get(jobId) : undefined;
    if (!job) throw notFound('Coverage job');
    return c.json(job);
  });

  return app;
}
