/**
 * Every install holds plan 317's task register: at start, the tasks of data/plan-317-tasks.json
 * the database does not hold yet are added (by code). Progress and obstacles are never touched.
 */
import type { Sql } from '@hatang/db';
import { insertMissingTasks } from './task-repository.js';
import { loadPlanTaskSources } from './task-sources.js';

/** Adds the plan's missing tasks; returns how many it added. */
export async function syncPlanTasks(db: Sql): Promise<number> {
  const { tasks } = await loadPlanTaskSources();
  return insertMissingTasks(db, tasks);
}
