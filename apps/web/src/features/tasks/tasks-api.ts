/**
 * Calls of the task register API (packages/contracts plan-tasks.ts) as the panel makes them,
 * typed by the contract; query keys under TASKS_KEY so a write refreshes tasks and obstacles.
 */
import {
  planTaskEndpoints as endpoints,
  type Obstacle,
  type ObstacleCreate,
  type PlanAgency,
  type PlanTask,
  type PlanTaskDetail,
  type PlanTaskDueInput,
  type PlanTaskReportCreate,
  type PlanTaskStatus,
} from '@hatang/contracts';
import { callEndpoint } from '../../lib/endpoint-client';

export const TASKS_KEY = ['plan-tasks'] as const;

export interface TaskFilter {
  lead?: PlanAgency;
  status?: PlanTaskStatus;
}

export const listTasks = async (filter: TaskFilter, signal?: AbortSignal): Promise<PlanTask[]> =>
  (await callEndpoint(endpoints.listTasks, { query: filter }, { signal })).tasks;

export const getTask = (id: string, signal?: AbortSignal): Promise<PlanTaskDetail> =>
  callEndpoint(endpoints.getTask, { params: { id } }, { signal });

export const reportProgress = (id: string, body: PlanTaskReportCreate): Promise<PlanTaskDetail> =>
  callEndpoint(endpoints.reportProgress, { params: { id }, body });

export const listObstacles = async (signal?: AbortSignal): Promise<Obstacle[]> =>
  (await callEndpoint(endpoints.listObstacles, { query: {} }, { signal })).obstacles;

export const raiseObstacle = (body: ObstacleCreate): Promise<Obstacle> =>
  callEndpoint(endpoints.raiseObstacle, { body });

export const answerObstacle = (id: string, body: string, resolve: boolean): Promise<Obstacle> =>
  callEndpoint(endpoints.answerObstacle, { params: { id }, body: { body, resolve } });

export const resolveObstacle = (id: string): Promise<Obstacle> =>
  callEndpoint(endpoints.resolveObstacle, { params: { id } });

/** The Department's due date for a task, and why (a planning assumption, not the plan's text). */
export const setTaskDue = (id: string, body: PlanTaskDueInput): Promise<PlanTaskDetail> =>
  callEndpoint(endpoints.setTaskDue, { params: { id }, body });
