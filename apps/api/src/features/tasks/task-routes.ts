/**
 * `/plan-tasks` and `/obstacles`: plan 317's task register (issue #17). Every signed-in
 * organisation but the public reads the plan's tasks; the handlers scope what each reads of the
 * reports and obstacles, and who reports and answers (task-access.ts).
 */
import {
  planTaskEndpoints as endpoints,
  obstacleAnswerCreate,
  PROGRESS_REPORT_CONTENT_TYPES,
} from '@hatang/contracts';
import { validationFailed } from '../../errors.js';
import { defineRoute, type RouteDefinition, reply } from '../../http/define-route.js';
import { ANALYSTS, type Rule } from '../../policy/rules.js';
import { PLANNERS } from '../plans/plan-access.js';
import { reportPeriod } from './task-report.js';
import {
  answerObstacle,
  listObstacles,
  listTasks,
  OBSTACLES,
  obstacleDetail,
  PLAN_TASKS,
  progressReport,
  raiseObstacle,
  reportProgress,
  resolveObstacle,
  setTaskDue,
  taskDetail,
  viewerOf,
} from './task-service.js';

/** Staff who write: the agencies' editors (the handlers check the agency). */
/** The city's staff (the progress report holds operators' reports too). */
const CITY_STAFF: Rule = { admin: 'all', planner: 'all', reviewer: 'all', inspector: 'all' };
const WRITERS: Rule = {
  admin: 'all',
  planner: 'all',
  reviewer: 'all',
  inspector: 'all',
  operator_editor: 'all',
};

export const taskRoutes: RouteDefinition[] = [
  defineRoute(
    endpoints.listTasks,
    { resource: PLAN_TASKS, action: 'read', rule: ANALYSTS },
    async (c, { query }) => {
      const db = c.var.services.db;
      return reply(c, endpoints.listTasks, 200, { tasks: await listTasks(db, await viewerOf(c, db), query) });
    },
  ),
  defineRoute(
    endpoints.getTask,
    { resource: PLAN_TASKS, action: 'read', rule: ANALYSTS },
    async (c, { params }) => {
      const db = c.var.services.db;
      return reply(c, endpoints.getTask, 200, await taskDetail(db, await viewerOf(c, db), params.id));
    },
  ),
  defineRoute(
    endpoints.reportProgress,
    { resource: PLAN_TASKS, action: 'update', rule: WRITERS },
    async (c, { params, body }) => {
      c.header('Location', `/api/v1/plan-tasks/${params.id}`);
      return reply(c, endpoints.reportProgress, 201, await reportProgress(c, params.id, body));
    },
  ),
  // The Department's staff are planners (admins too); the handler checks the agency (dost).
  defineRoute(
    endpoints.setTaskDue,
    { resource: PLAN_TASKS, action: 'update', rule: PLANNERS },
    async (c, { params, body }) => reply(c, endpoints.setTaskDue, 200, await setTaskDue(c, params.id, body)),
  ),
  defineRoute(
    endpoints.progressReport,
    { resource: PLAN_TASKS, action: 'read', rule: CITY_STAFF },
    async (c, { query }) => {
      const period = reportPeriod(query.period);
      if (!period)
        throw validationFailed([{ path: ['period'], message: 'a quarter (2026-Q3) or a year (2026)' }]);
      const file = await progressReport(c, period, query.format);
      return c.body(new Uint8Array(file), 200, {
        'Content-Type': PROGRESS_REPORT_CONTENT_TYPES[query.format],
        'Content-Disposition': `attachment; filename="bao-cao-ke-hoach-317-${query.period}.${query.format}"`,
      });
    },
  ),
  defineRoute(
    endpoints.listObstacles,
    { resource: OBSTACLES, action: 'read', rule: ANALYSTS },
    async (c, { query }) => {
      const db = c.var.services.db;
      return reply(c, endpoints.listObstacles, 200, {
        obstacles: await listObstacles(db, await viewerOf(c, db), query),
      });
    },
  ),
  defineRoute(
    endpoints.raiseObstacle,
    { resource: OBSTACLES, action: 'create', rule: WRITERS },
    async (c, { body }) => {
      const raised = await raiseObstacle(c, body);
      c.header('Location', `/api/v1/obstacles/${raised.id}`);
      return reply(c, endpoints.raiseObstacle, 201, raised);
    },
  ),
  defineRoute(
    endpoints.getObstacle,
    { resource: OBSTACLES, action: 'read', rule: ANALYSTS },
    async (c, { params }) => {
      const db = c.var.services.db;
      return reply(c, endpoints.getObstacle, 200, await obstacleDetail(db, await viewerOf(c, db), params.id));
    },
  ),
  defineRoute(
    endpoints.answerObstacle,
    { resource: OBSTACLES, action: 'update', rule: WRITERS },
    async (c, { params, body }) =>
      reply(
        c,
        endpoints.answerObstacle,
        201,
        await answerObstacle(c, params.id, obstacleAnswerCreate.parse(body)),
      ),
  ),
  defineRoute(
    endpoints.resolveObstacle,
    { resource: OBSTACLES, action: 'update', rule: WRITERS },
    async (c, { params }) => reply(c, endpoints.resolveObstacle, 200, await resolveObstacle(c, params.id)),
  ),
];
