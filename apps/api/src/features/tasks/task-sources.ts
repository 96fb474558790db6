/**
 * The seed of the task register (issue #17): the tasks plan 317's section V assigns to each
 * agency, as data/plan-317-tasks.json states them in the plan's own words.
 * legal: plan-317-2025-kh-ubnd (section V, read); task V.1.3 quotes legal: decision-36-2024-qd-ttg (not read).
 */
import { readFile } from 'node:fs/promises';
import { planTaskSources, toIssues } from '@hatang/contracts';
import type { z } from 'zod';

export type PlanTaskSources = z.infer<typeof planTaskSources>;

export const PLAN_TASKS_FILE = new URL('../../../../../data/plan-317-tasks.json', import.meta.url);

/**
 * The tasks of data/plan-317-tasks.json, checked against the contract; throws listing every
 * problem (with its JSON path) when the file does not match, so a bad edit never seeds the register.
 */
export async function loadPlanTaskSources(path: URL | string = PLAN_TASKS_FILE): Promise<PlanTaskSources> {
  const parsed = planTaskSources.safeParse(JSON.parse(await readFile(path, 'utf8')));
  if (!parsed.success) {
    const problems = toIssues(parsed.error).map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(
      `data/plan-317-tasks.json does not match the task sources contract: ${problems.join('; ')}`,
    );
  }
  return parsed.data;
}
