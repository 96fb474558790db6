/**
 * The authorisation matrix's requests for the task register and obstacles: a task every agency
 * supports, and obstacles addressed to the subject's own agency (the handlers scope the rest).
 */
import type { PlanAgency } from '@hatang/contracts';
import type { App } from '../../apps/api/src/app.js';
import { insertMissingTasks, listTaskRows } from '../../apps/api/src/features/tasks/task-repository.js';
import type { Subject } from '../../apps/api/src/policy/policy-table.js';
import { createOrganisation } from '../support/fixtures.js';
import { call } from '../support/http.js';
import { type Session, sessionFor } from '../support/sessions.js';
import { testDatabase } from '../support/test-database.js';
import type { MatrixAttempt, MatrixContext } from './matrix-context.js';

const MATRIX_TASK = 'V.98.1';
let matrixTask: Promise<string> | undefined;
let dostPlanner: Promise<Session> | undefined;

/** A planner of the Department of Science and Technology (the matrix's planner is another department's). */
async function departmentPlanner(app: App): Promise<Session> {
  const db = await testDatabase();
  const org = await createOrganisation(db, 'city_department');
  await db.query(`UPDATE organisations SET plan_agency = 'dost' WHERE id = $1`, [org]);
  return sessionFor(app, db, org, ['planner']);
}

/** A task led by the Department and supported by every agency the matrix's roles belong to. */
async function taskId(): Promise<string> {
  const db = await testDatabase();
  await insertMissingTasks(db, [
    {
      code: MATRIX_TASK,
      section: 'V.98',
      lead: 'dost',
      supporting: ['departments', 'construction', 'communes', 'operators'],
      title: { vi: 'Nhiệm vụ của ma trận phân quyền', en: 'The authorisation matrix’s task' },
      text: 'Một nhiệm vụ thử cho ma trận phân quyền.',
      ocrAnchor: 'not from the plan: the matrix’s task',
      indicator: null,
      cadence: 'once',
      due: '2030-12-31',
      dueIsAssumption: true,
    },
  ]);
  const task = (await listTaskRows(db)).find((t) => t.code === MATRIX_TASK);
  if (!task) throw new Error('the matrix task was not stored');
  return task.id;
}

/** The agency each matrix role's organisation is (task-access.ts derives it from the kind). */
const AGENCY: Partial<Record<Subject, PlanAgency>> = {
  admin: 'departments',
  planner: 'departments',
  operator_editor: 'operators',
  operator_viewer: 'operators',
  reviewer: 'construction',
  inspector: 'communes',
};

export async function taskRouteAttempt(
  app: App,
  key: string,
  admin: Session,
  context: MatrixContext,
): Promise<MatrixAttempt | undefined> {
  const [method = '', pattern = ''] = key.split(' ');
  if (!/^\/api\/v1\/(plan-tasks|plan-task-report|obstacles)(\/|$)/.test(pattern)) return undefined;
  matrixTask ??= taskId();
  const task = await matrixTask;
  const obstacle = async () => {
    const raised = await call<{ id: string }>(app, 'POST', '/api/v1/obstacles', {
      as: admin,
      json: { taskId: task, addressedTo: AGENCY[context.subject] ?? 'dost', title: 'Ma trận', body: 'Thử' },
    });
    if (raised.status !== 201)
      throw new Error(`fixture obstacle: ${raised.status} ${JSON.stringify(raised.body)}`);
    return raised.body.id;
  };
  switch (key) {
    case 'GET /api/v1/plan-tasks':
    case 'GET /api/v1/obstacles':
      return { method, path: pattern };
    case 'GET /api/v1/plan-task-report':
      return { method, path: `${pattern}?period=2026` };
    case 'GET /api/v1/plan-tasks/:id':
      return { method, path: pattern.replace(':id', task) };
    case 'POST /api/v1/plan-tasks/:id/reports':
      return {
        method,
        path: pattern.replace(':id', task),
        json: { status: 'in_progress', progressPct: 10, note: 'Ma trận' },
      };
    case 'PUT /api/v1/plan-tasks/:id/due': {
      // The policy admits planners; the handler wants the Department's (task-access.ts).
      if (context.subject === 'planner') dostPlanner ??= departmentPlanner(app);
      const session = context.subject === 'planner' ? await dostPlanner : undefined;
      return {
        method,
        path: pattern.replace(':id', task),
        json: { due: '2030-06-30', note: 'Ma trận phân quyền' },
        ...(session ? { session } : {}),
      };
    }
    case 'POST /api/v1/obstacles':
      return {
        method,
        path: pattern,
        json: { taskId: task, addressedTo: 'dost', title: 'Ma trận', body: 'Thử' },
      };
    case 'GET /api/v1/obstacles/:id':
    case 'POST /api/v1/obstacles/:id/resolve':
      return { method, path: pattern.replace(':id', await obstacle()) };
    case 'POST /api/v1/obstacles/:id/answers':
      return { method, path: pattern.replace(':id', await obstacle()), json: { body: 'Trả lời' } };
    default:
      throw new Error(`tasks-support: no attempt for ${key}`);
  }
}
