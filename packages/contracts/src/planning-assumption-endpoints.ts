/**
 * The city's planning assumptions (issue #17 item 5): Plan 317 sets its targets for 2030 only, so a
 * target for the intermediate milestone (2027) is the city's own assumption, set by its planners
 * with a reason, labelled as such wherever it shows and audited. (A task's due date, the other
 * assumption, is set on the task: `PUT /api/v1/plan-tasks/:id/due`.)
 * legal: plan-317-2025-kh-ubnd
 */
import { z } from 'zod';
import { endpoint } from './endpoint.js';
import { INTERIM_MILESTONE_YEAR, interimTarget, interimTargetInput } from './indicators.js';

const byKey = z.object({
  key: z.string().meta({ description: 'An indicator key Plan 317 sets a 2030 target for' }),
});

export const planningAssumptionEndpoints = {
  listInterimTargets: endpoint({
    method: 'GET',
    path: '/api/v1/interim-targets',
    tag: 'indicators',
    summary: 'The interim targets (2027) the city has set: planning assumptions, not in Plan 317’s text',
    responses: {
      200: {
        description: 'The interim targets set, by indicator key',
        schema: z.object({
          milestoneYear: z.literal(INTERIM_MILESTONE_YEAR),
          /** The indicators that may have one (those Plan 317 sets a 2030 target for). */
          keys: z.array(z.string()),
          items: z.array(interimTarget),
        }),
      },
    },
  }),
  setInterimTarget: endpoint({
    method: 'PUT',
    path: '/api/v1/interim-targets/:key',
    tag: 'indicators',
    summary:
      'Set (value) or clear (value: null) an indicator’s 2027 interim target, with the reason (city planners)',
    params: byKey,
    body: interimTargetInput,
    responses: {
      200: {
        description: 'The interim target now (null: cleared)',
        schema: z.object({ key: z.string(), interimTarget: interimTarget.nullable() }),
      },
      404: { description: 'Plan 317 sets no 2030 target for this indicator' },
    },
  }),
} as const;
